/** Where to go after signing in: the `next` path inside the app, never another site. */
export function safeNext(next: string | null): string {
  const inside = next?.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\')
  return inside && next ? next : '/'
}
