import { describe, expect, it } from 'vitest'
import { ApiError, errorMessage, toApiError } from '@/api/errors'

describe('toApiError', () => {
  it('turns a known fastapi-users code into words', () => {
    const error = toApiError(400, { detail: 'LOGIN_BAD_CREDENTIALS' })
    expect(error.message).toBe('The email or the password is wrong.')
    expect(error.code).toBe('LOGIN_BAD_CREDENTIALS')
  })

  it("prefers the server's own reason", () => {
    const error = toApiError(400, {
      detail: { code: 'REGISTER_INVALID_PASSWORD', reason: 'This password is too common.' },
    })
    expect(error.message).toBe('This password is too common.')
    expect(error.code).toBe('REGISTER_INVALID_PASSWORD')
  })

  it('names each invalid field of a 422', () => {
    const error = toApiError(422, {
      detail: [
        { loc: ['body', 'iban'], msg: 'the check digits do not match', type: 'value_error' },
        { loc: ['query', 'limit'], msg: 'too large', type: 'less_than_equal' },
      ],
    })
    expect(error.fields).toEqual({ iban: 'the check digits do not match', limit: 'too large' })
    expect(error.message).toBe('iban: the check digits do not match; limit: too large')
  })

  it('reads an unknown code and a bodyless answer', () => {
    expect(toApiError(409, { detail: 'ACCOUNT_HAS_TRANSACTIONS' }).message).toBe(
      'Account has transactions.',
    )
    expect(toApiError(502, undefined).message).toBe('The server answered 502. Please try again.')
  })
})

describe('errorMessage', () => {
  it('explains a network failure', () => {
    expect(errorMessage(new TypeError('Failed to fetch'))).toMatch(/cannot be reached/)
    expect(errorMessage(new ApiError(404, 'Not found.'))).toBe('Not found.')
  })
})
