import { describe, expect, it, vi } from 'vitest'
import { api, onUnauthorised, unwrap } from '@/api/client'
import { fakeApi } from '@/test/server'

describe('the API client', () => {
  it('echoes the CSRF cookie on unsafe requests only', async () => {
    document.cookie = 'cashbook_csrf=token-123; path=/'
    const { calls } = fakeApi({
      'GET /accounts': { status: 200, body: [] },
      'POST /auth/cookie/logout': { status: 204 },
    })
    await unwrap(api.GET('/accounts'))
    await unwrap(api.POST('/auth/cookie/logout'))
    expect(calls.map((call) => [call.method, call.headers.get('X-CSRF-Token')])).toEqual([
      ['GET', null],
      ['POST', 'token-123'],
    ])
  })

  it('decodes the cookie it echoes', async () => {
    document.cookie = 'cashbook_csrf=abc%3D; path=/'
    const { calls } = fakeApi({ 'DELETE /tags/1': { status: 204 } })
    await unwrap(api.DELETE('/tags/{tag_id}', { params: { path: { tag_id: '1' } } }))
    expect(calls[0]?.headers.get('X-CSRF-Token')).toBe('abc=')
  })

  it('tells the app when a session has ended, but not for a failed sign-in', async () => {
    fakeApi({
      'GET /accounts': { status: 401, body: { detail: 'Unauthorized' } },
      'POST /auth/cookie/login': { status: 400, body: { detail: 'LOGIN_BAD_CREDENTIALS' } },
    })
    const listener = vi.fn()
    const stop = onUnauthorised(listener)
    await expect(unwrap(api.GET('/accounts'))).rejects.toMatchObject({ status: 401 })
    expect(listener).toHaveBeenCalledTimes(1)
    await expect(
      unwrap(
        api.POST('/auth/cookie/login', {
          body: { username: 'a', password: 'b' },
          bodySerializer: (body) => new URLSearchParams(body as Record<string, string>),
        }),
      ),
    ).rejects.toThrow('The email or the password is wrong.')
    expect(listener).toHaveBeenCalledTimes(1)
    stop()
  })
})
