import { describe, expect, it } from 'vitest'
import i18next from 'i18next'
import { ApiError, errorMessage, toApiError } from '@/api/errors'

describe('toApiError', () => {
  it('turns a known fastapi-users code into words', () => {
    const error = toApiError(400, { detail: 'LOGIN_BAD_CREDENTIALS' })
    expect(error.message).toBe('The email or the password is wrong.')
    expect(error.code).toBe('LOGIN_BAD_CREDENTIALS')
  })

  it("falls back to the server's own reason for a code without a translation", () => {
    const error = toApiError(400, {
      detail: { code: 'BUDGET_SOMETHING_NEW', reason: 'This budget is odd.' },
    })
    expect(error.message).toBe('This budget is odd.')
    expect(error.code).toBe('BUDGET_SOMETHING_NEW')
  })

  it('speaks the current language', async () => {
    await i18next.changeLanguage('cs')
    const error = toApiError(400, { detail: 'LOGIN_BAD_CREDENTIALS' })
    expect(errorMessage(error)).toBe('E-mail nebo heslo nesouhlasí.')
    await i18next.changeLanguage('en')
    expect(errorMessage(error)).toBe('The email or the password is wrong.')
  })

  it("shows the server's English reason in English and the translated code in Czech", async () => {
    const error = toApiError(400, {
      detail: { code: 'REGISTER_INVALID_PASSWORD', reason: 'This password is too common.' },
    })
    expect(errorMessage(error)).toBe('This password is too common.')
    await i18next.changeLanguage('cs')
    expect(errorMessage(error)).toBe('Toto heslo nelze použít. Zvolte delší a méně obvyklé.')
  })

  it('names each invalid field of a 422', () => {
    const error = toApiError(422, {
      detail: [
        { loc: ['body', 'iban'], msg: 'the check digits do not match', type: 'value_error' },
        { loc: ['query', 'limit'], msg: 'too large', type: 'less_than_equal' },
      ],
    })
    expect(error.fields).toEqual({ iban: 'the check digits do not match', limit: 'too large' })
    expect(error.message).toBe('Some fields are not valid: iban, limit.')
  })

  it('reads an unknown code and a bodyless answer', () => {
    expect(toApiError(409, { detail: 'SOMETHING_ODD' }).message).toBe('Something odd.')
    expect(toApiError(502, undefined).message).toBe('The server answered 502. Please try again.')
  })
})

describe('errorMessage', () => {
  it('explains a network failure', () => {
    expect(errorMessage(new TypeError('Failed to fetch'))).toMatch(/cannot be reached/)
    expect(errorMessage(new ApiError(404, 'NOT_FOUND'))).toBe('Not found.')
  })
})
