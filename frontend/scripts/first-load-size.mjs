// Reports the JavaScript a first visit downloads: the entry script index.html loads plus the
// modules it preloads, gzipped, and each lazily loaded route chunk for comparison.
import { readFileSync, readdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { gzipSync } from 'node:zlib'

const dist = resolve(process.argv[2] ?? 'dist')
const html = readFileSync(join(dist, 'index.html'), 'utf8')
const initial = [...html.matchAll(/(?:src|href)="[^"]*?(assets\/[^"]+\.js)"/g)].map((m) => m[1])
const gz = (file) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length / 1024

let total = 0
for (const file of new Set(initial)) {
  total += gz(file)
  console.log(`first load  ${gz(file).toFixed(1).padStart(7)} KB  ${file}`)
}
for (const file of readdirSync(join(dist, 'assets'))
  .filter((f) => f.endsWith('.js'))
  .sort()) {
  if (!initial.includes(`assets/${file}`)) {
    console.log(`lazy        ${gz(`assets/${file}`).toFixed(1).padStart(7)} KB  assets/${file}`)
  }
}
console.log(`first-load JavaScript: ${total.toFixed(1)} KB gzipped (target 250 KB)`)
