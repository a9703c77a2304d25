import { z } from 'zod'

// Every VITE_* setting, validated once at start-up: a bad build fails loudly, not later.
const schema = z.object({
  // Where the API lives when it is not the app's own origin: another host (Cloudflare Pages
  // with the API at api.<domain>) or a path of the app's origin (previews proxy /api/*).
  VITE_BACKEND_URL: z.union([z.literal(''), z.url(), z.string().regex(/^\/[\w/-]*$/)]).default(''),
  BASE_URL: z.string().default('/'),
})

const parsed = schema.parse(import.meta.env)

export const env = {
  backendUrl: parsed.VITE_BACKEND_URL.replace(/\/+$/, ''),
  basePath: parsed.BASE_URL.replace(/\/+$/, '') || '/',
}
