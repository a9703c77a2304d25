// A stand-in for Cloudflare Pages in the browser tests: serves a built web app (every unknown
// path gets index.html, as frontend/public/_redirects asks) and hands /api/* to the project's
// own Pages Function (frontend/functions/api/[[path]].js), run here by Node's fetch.
// Usage: node pages_preview.mjs DIST PORT FUNCTION PREVIEW_API_URL
import { createServer } from 'node:http'
import { readFile } from 'node:fs/promises'
import { extname, join, normalize } from 'node:path'
import { pathToFileURL } from 'node:url'

const [dist, port, functionPath, previewApiUrl] = process.argv.slice(2)
const { onRequest } = await import(pathToFileURL(functionPath).href)
const HOP_BY_HOP = ['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'content-length']
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' }

async function proxy(req, res) {
  const chunks = []
  for await (const chunk of req) chunks.push(chunk)
  const method = req.method ?? 'GET'
  const request = new Request(`http://${req.headers.host}${req.url}`, {
    method,
    // Hop-by-hop headers end at the edge, as on Cloudflare.
    headers: Object.entries(req.headers).filter(
      ([k, v]) => typeof v === 'string' && !HOP_BY_HOP.includes(k),
    ),
    body: ['GET', 'HEAD'].includes(method) ? undefined : Buffer.concat(chunks),
  })
  const response = await onRequest({ request, env: { PREVIEW_API_URL: previewApiUrl } })
  const headers = {}
  response.headers.forEach((value, key) => {
    if (!['set-cookie', 'content-encoding', 'content-length'].includes(key)) headers[key] = value
  })
  headers['set-cookie'] = response.headers.getSetCookie()
  res.writeHead(response.status, headers)
  res.end(Buffer.from(await response.arrayBuffer()))
}

async function serveFile(req, res) {
  const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname))
  let body
  let file = join(dist, path)
  try {
    body = await readFile(file)
  } catch {
    file = join(dist, 'index.html')
    body = await readFile(file)
  }
  res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' })
  res.end(body)
}

createServer((req, res) => {
  const handle = req.url.startsWith('/api/') ? proxy : serveFile
  handle(req, res).catch((error) => {
    res.writeHead(502)
    res.end(String(error))
  })
}).listen(Number(port), '127.0.0.1', () => console.log('ready'))
