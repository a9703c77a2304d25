/** A query string from a record; arrays repeat the key, empty values are left out. */
export function queryString(
  params: Record<string, string | string[] | number | undefined | null>,
): string {
  const search = new URLSearchParams()
  for (const [key, value] of Object.entries(params)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item !== undefined && item !== null && item !== '') search.append(key, String(item))
    }
  }
  const text = search.toString()
  return text ? `?${text}` : ''
}
