/** An error answer of the API, with a message a person can read. */
export class ApiError extends Error {
  readonly status: number
  readonly code: string | undefined
  readonly fields: Record<string, string>

  constructor(status: number, message: string, code?: string, fields: Record<string, string> = {}) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.fields = fields
  }
}

// The stable codes fastapi-users answers with as bare strings.
const MESSAGES: Record<string, string> = {
  LOGIN_BAD_CREDENTIALS: 'The email or the password is wrong.',
  LOGIN_USER_NOT_VERIFIED: 'Please confirm your email address first.',
  REGISTER_USER_ALREADY_EXISTS: 'An account with this email already exists. Try signing in.',
  VERIFY_USER_BAD_TOKEN: 'This confirmation link is invalid or has expired.',
  VERIFY_USER_ALREADY_VERIFIED: 'Your email address is already confirmed.',
  RESET_PASSWORD_BAD_TOKEN: 'This reset link is invalid or has expired. Ask for a new one.',
  CSRF_FAILED: 'Your session could not be checked. Reload the page and try again.',
  LOGIN_TOTP_INVALID:
    'The code is not correct. Check the time on your phone, or use a recovery code.',
  INTERNAL_ERROR: 'Something went wrong on the server. Please try again.',
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
  if (typeof detail === 'string') {
    return new ApiError(status, MESSAGES[detail] ?? humanise(detail), detail)
  }
  if (Array.isArray(detail)) {
    const fields: Record<string, string> = {}
    for (const item of detail as FieldError[]) fields[fieldName(item.loc)] = item.msg ?? 'Invalid'
    const summary = Object.entries(fields)
      .map(([name, msg]) => `${name}: ${msg}`)
      .join('; ')
    return new ApiError(status, summary || 'Some fields are not valid.', 'VALIDATION_ERROR', fields)
  }
  if (detail && typeof detail === 'object' && 'code' in detail) {
    const { code, reason } = detail as { code: string; reason?: string }
    return new ApiError(status, reason ?? MESSAGES[code] ?? humanise(code), code)
  }
  if (status === 401) return new ApiError(status, 'Please sign in.', 'UNAUTHORIZED')
  if (status === 404) return new ApiError(status, 'Not found.', 'NOT_FOUND')
  return new ApiError(status, `The server answered ${status}. Please try again.`)
}

function humanise(code: string): string {
  const text = code.toLowerCase().replaceAll('_', ' ')
  return text.charAt(0).toUpperCase() + text.slice(1) + '.'
}

export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message
  if (error instanceof TypeError) return 'The server cannot be reached. Check your connection.'
  return error instanceof Error ? error.message : 'Something went wrong.'
}
