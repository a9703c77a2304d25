/// <reference types="vitest/config" />
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import react from '@vitejs/plugin-react'
import { defineConfig, type Plugin } from 'vite'

// One-machine mode serves the app under /app/; a Cloudflare Pages build sets VITE_BASE_PATH=/.
const base = process.env.VITE_BASE_PATH ?? '/app/'

/** Cloudflare Pages reads `_headers`; the API serves the same policy in one-machine mode
 * (backend `kit/webapp.py`). The API's origin is added to connect-src when it is another one (a path such as
 * /api, proxied by the preview's Pages Function, is the app's own origin). */
function pagesHeaders(): Plugin {
  const backend = process.env.VITE_BACKEND_URL ?? ''
  const csp = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    `connect-src 'self'${/^https?:/.test(backend) ? ` ${new URL(backend).origin}` : ''}`,
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ')
  const headers = `/*
  Content-Security-Policy: ${csp}
  X-Content-Type-Options: nosniff
  X-Frame-Options: DENY
  Referrer-Policy: strict-origin-when-cross-origin
  Permissions-Policy: camera=(), microphone=(), geolocation=()
  Strict-Transport-Security: max-age=31536000; includeSubDomains
/assets/*
  Cache-Control: public, max-age=31536000, immutable
`
  return {
    name: 'cashbook-pages-headers',
    apply: 'build',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: '_headers', source: headers })
    },
  }
}

/** A `.gz` copy beside each text file, which the API sends to browsers that accept gzip in
 * one-machine mode (backend `kit/webapp.py`); Cloudflare Pages compresses by itself. */
function precompress(): Plugin {
  return {
    name: 'cashbook-precompress',
    apply: 'build',
    async writeBundle(options, bundle) {
      for (const [name, item] of Object.entries(bundle)) {
        if (!/\.(js|css|html|svg)$/.test(name)) continue
        const source = item.type === 'chunk' ? item.code : item.source
        if (source.length < 1024) continue
        await writeFile(join(options.dir ?? 'dist', `${name}.gz`), gzipSync(source, { level: 9 }))
      }
    },
  }
}

export default defineConfig({
  base,
  plugins: [react(), pagesHeaders(), precompress()],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  build: {
    target: 'es2022',
    sourcemap: false,
  },
  server: {
    // `npm run dev` talks to a backend started with `make run` through this proxy, so cookies
    // stay first-party exactly as in one-machine mode.
    proxy: Object.fromEntries(
      [
        '/auth',
        '/users',
        '/accounts',
        '/categories',
        '/tags',
        '/transactions',
        '/reports',
        '/bank',
        '/imports',
        '/exchange-rates',
      ].map((prefix) => [prefix, 'http://127.0.0.1:8000']),
    ),
  },
  test: {
    environment: 'jsdom',
    globals: true,
    setupFiles: ['./src/test/setup.ts'],
    css: false,
    restoreMocks: true,
  },
})
