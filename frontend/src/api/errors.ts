import { currentLanguage, namespaces, translateDynamic } from '@/i18n/setup'

/** An error answer of the API: its stable code, and a message in the interface's language. */
export class ApiError extends Error {
  readonly status: number
  readonly code: string | undefined
  readonly fields: Record<string, string>
  /** The server's own explanation, shown when no translation of the code exists. */
  readonly reason: string | undefined

  constructor(status: number, code?: string, fields: Record<string, string> = {}, reason?: string) {
    super('')
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.fields = fields
    this.reason = reason
    this.message = describe(this)
  }
}

interface FieldError {
  loc?: (string | number)[]
  msg?: string
}

function fieldName(loc: (string | number)[] = []): string {
  const parts = loc.filter((part) => part !== 'body' && part !== 'query' && part !== 'path')
  return parts.join('.') || 'request'
}

/** Turns any `{"detail": ...}` answer into an ApiError. */
export function toApiError(status: number, body: unknown): ApiError {
  const detail = (body as { detail?: unknown } | null)?.detail
  if (typeof detail === 'string') return new ApiError(status, detail)
  if (Array.isArray(detail)) {
    const fields: Record<string, string> = {}
    for (const item of detail as FieldError[]) fields[fieldName(item.loc)] = item.msg ?? 'Invalid'
    return new ApiError(status, 'VALIDATION_ERROR', fields)
  }
  if (detail && typeof detail === 'object' && 'code' in detail) {
    const { code, reason } = detail as { code: string; reason?: string }
    return new ApiError(status, code, {}, reason)
  }
  if (status === 401) return new ApiError(status, 'UNAUTHORIZED')
  if (status === 404) return new ApiError(status, 'NOT_FOUND')
  return new ApiError(status)
}

/** A code's translation from `errors` in any namespace (shared ones first). */
function describe(error: ApiError): string {
  const values = { fields: Object.keys(error.fields).join(', '), status: error.status }
  if (error.code) {
    // The server explains in English, sometimes with details (minutes to wait, which password
    // rule failed) that a translation of the bare code would lose.
    if (error.reason && currentLanguage() === 'en') return error.reason
    const keys = namespaces().map((ns) => `${ns}:errors.${error.code}`)
    const translated = translateDynamic(keys, values)
    if (translated) return translated
    if (error.reason) return error.reason
    return humanise(error.code)
  }
  return translateDynamic(['common:errors.status'], values) ?? `HTTP ${error.status}`
}

function humanise(code: string): string {
  const text = code.toLowerCase().replaceAll('_', ' ')
  return text.charAt(0).toUpperCase() + text.slice(1) + '.'
}

/** What to tell a person about any failure, in the current language. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return describe(error)
  if (error instanceof TypeError)
    return translateDynamic(['common:errors.network']) ?? error.message
  if (error instanceof Error && error.message) return error.message
  return translateDynamic(['common:errors.unknown']) ?? 'Something went wrong.'
}
