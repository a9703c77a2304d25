import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { SignInPage } from '@/features/auth/components/sign-in-page'
import { renderAt } from '@/test/render'
import { fakeApi, USER } from '@/test/server'

const routes = [
  { path: '/sign-in', element: <SignInPage /> },
  { path: '/', element: <p>the dashboard</p> },
  { path: '/transactions', element: <p>the transactions</p> },
]

describe('SignInPage', () => {
  it('checks the fields before sending anything', async () => {
    const { calls } = fakeApi({})
    renderAt('/sign-in', routes)
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }))
    expect(
      await screen.findByText('Enter an email address like name@example.com.'),
    ).toBeInTheDocument()
    expect(screen.getByText('Enter your password.')).toBeInTheDocument()
    expect(screen.getByLabelText('Email')).toHaveAttribute('aria-invalid', 'true')
    expect(calls.filter((call) => call.path === '/auth/cookie/login')).toHaveLength(0)
  })

  it('sends the form as the OAuth2 password form and goes where the person was headed', async () => {
    const { calls } = fakeApi({
      'POST /auth/cookie/login': { status: 204 },
      'GET /users/me': { status: 200, body: USER },
    })
    renderAt('/sign-in?next=%2Ftransactions', routes)
    await userEvent.type(screen.getByLabelText('Email'), 'jana@example.com')
    await userEvent.type(screen.getByLabelText('Password'), 'a sturdy passphrase')
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }))
    expect(await screen.findByText('the transactions')).toBeInTheDocument()
    const login = calls.find((call) => call.path === '/auth/cookie/login')
    expect(new URLSearchParams(login?.body)).toEqual(
      new URLSearchParams({ username: 'jana@example.com', password: 'a sturdy passphrase' }),
    )
    expect(login?.headers.get('Content-Type')).toBe('application/x-www-form-urlencoded')
  })

  it("shows the server's reason when it refuses", async () => {
    fakeApi({
      'POST /auth/cookie/login': {
        status: 429,
        body: {
          detail: {
            code: 'LOGIN_TOO_MANY_ATTEMPTS',
            reason: 'Too many failed sign-ins; try again in 15 minutes.',
          },
        },
      },
    })
    renderAt('/sign-in', routes)
    await userEvent.type(screen.getByLabelText('Email'), 'jana@example.com')
    await userEvent.type(screen.getByLabelText('Password'), 'wrong')
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }))
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Too many failed sign-ins; try again in 15 minutes.',
    )
  })

  it('says why the person is here after a session ended', () => {
    fakeApi({})
    renderAt('/sign-in?reason=expired', routes)
    expect(screen.getByRole('status')).toHaveTextContent(
      'Your session has ended. Please sign in again.',
    )
  })

  it('never leaves the app through the next parameter', async () => {
    fakeApi({
      'POST /auth/cookie/login': { status: 204 },
      'GET /users/me': { status: 200, body: USER },
    })
    const { router } = renderAt('/sign-in?next=%2F%2Fevil.example', routes)
    await userEvent.type(screen.getByLabelText('Email'), 'jana@example.com')
    await userEvent.type(screen.getByLabelText('Password'), 'a sturdy passphrase')
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }))
    await waitFor(() => expect(router.state.location.pathname).toBe('/'))
  })

  it('asks for the two-factor code when the server wants one and sends it as otp', async () => {
    const { calls } = fakeApi({
      'POST /auth/cookie/login': (call) =>
        new URLSearchParams(call.body).get('otp') === '123456'
          ? { status: 204 }
          : { status: 401, body: { detail: { code: 'LOGIN_TOTP_REQUIRED', reason: 'Code.' } } },
      'GET /users/me': { status: 200, body: USER },
    })
    renderAt('/sign-in', routes)
    await userEvent.type(screen.getByLabelText('Email'), 'jana@example.com')
    await userEvent.type(screen.getByLabelText('Password'), 'a sturdy passphrase')
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }))
    const code = await screen.findByLabelText('Code from your authenticator app')
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
    await userEvent.type(code, '123456')
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }))
    expect(await screen.findByText('the dashboard')).toBeInTheDocument()
    const logins = calls.filter((call) => call.path === '/auth/cookie/login')
    expect(logins).toHaveLength(2)
    expect(new URLSearchParams(logins[0]?.body).has('otp')).toBe(false)
  })
})
