import { screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { RequireUser } from '@/app/routes/guards'
import { renderAt } from '@/test/render'
import { fakeApi, USER } from '@/test/server'

const routes = [
  { path: '/sign-in', element: <p>sign-in page</p> },
  {
    path: '/accounts',
    element: <RequireUser>{(user) => <p>hello {user.first_name}</p>}</RequireUser>,
  },
]

// Set at every sign-in beside the httpOnly session cookie.
const signedInBrowser = () => {
  document.cookie = 'cashbook_csrf=token; path=/'
}

describe('RequireUser', () => {
  it('shows the page to the signed-in person', async () => {
    signedInBrowser()
    fakeApi({ 'GET /users/me': { status: 200, body: USER } })
    renderAt('/accounts', routes)
    expect(await screen.findByText('hello Jana')).toBeInTheDocument()
  })

  it('sends a signed-out visitor to sign in, remembering where they were going', async () => {
    signedInBrowser()
    fakeApi({ 'GET /users/me': { status: 401, body: { detail: 'Unauthorized' } } })
    const { router } = renderAt('/accounts?x=1', routes)
    expect(await screen.findByText('sign-in page')).toBeInTheDocument()
    expect(router.state.location.search).toBe('?next=%2Faccounts%3Fx%3D1')
  })

  it('does not ask the server when the browser holds no session', async () => {
    const { calls } = fakeApi({})
    renderAt('/accounts', routes)
    expect(await screen.findByText('sign-in page')).toBeInTheDocument()
    expect(calls).toEqual([])
  })

  it('offers a retry when the server cannot say', async () => {
    signedInBrowser()
    fakeApi({ 'GET /users/me': { status: 500, body: { detail: 'INTERNAL_ERROR' } } })
    renderAt('/accounts', routes)
    expect(await screen.findByRole('button', { name: 'Try again' })).toBeInTheDocument()
  })
})
