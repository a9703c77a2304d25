import { screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import i18next from 'i18next'
import { describe, expect, it } from 'vitest'
import { SignUpPage } from '@/features/auth/components/sign-up-page'
import { renderAt } from '@/test/render'
import { fakeApi } from '@/test/server'

async function fill(password: string, confirm = password) {
  await userEvent.type(screen.getByLabelText('First name'), 'Jana')
  await userEvent.type(screen.getByLabelText('Last name'), 'Nováková')
  await userEvent.type(screen.getByLabelText('Email'), 'jana@example.com')
  await userEvent.type(screen.getByLabelText('Password'), password)
  await userEvent.type(screen.getByLabelText('Repeat the password'), confirm)
  await userEvent.click(screen.getByRole('button', { name: 'Create account' }))
}

describe('SignUpPage', () => {
  it('catches a short password and a mismatch before sending', async () => {
    const { calls } = fakeApi({})
    renderAt('/', [{ path: '/', element: <SignUpPage /> }])
    await fill('short', 'other')
    expect(await screen.findByText('Use at least 10 characters.')).toBeInTheDocument()
    expect(screen.getByText('The two passwords differ.')).toBeInTheDocument()
    expect(calls.filter((call) => call.path === '/auth/register')).toHaveLength(0)
  })

  it('registers and asks the person to check their email', async () => {
    const { calls } = fakeApi({ 'POST /auth/register': { status: 201, body: {} } })
    renderAt('/', [{ path: '/', element: <SignUpPage /> }])
    await fill('correct horse battery')
    expect(await screen.findByRole('heading', { name: 'Check your email' })).toBeInTheDocument()
    const body: unknown = JSON.parse(
      calls.find((call) => call.path === '/auth/register')?.body ?? '{}',
    )
    expect(body).toEqual({
      first_name: 'Jana',
      last_name: 'Nováková',
      email: 'jana@example.com',
      password: 'correct horse battery',
      language: 'en',
    })
  })

  it('signs up in the language the app shows, for the emails that follow', async () => {
    await i18next.changeLanguage('cs')
    try {
      const { calls } = fakeApi({ 'POST /auth/register': { status: 201, body: {} } })
      renderAt('/', [{ path: '/', element: <SignUpPage /> }])
      await userEvent.type(screen.getByLabelText('Jméno'), 'Jana')
      await userEvent.type(screen.getByLabelText('Příjmení'), 'Nováková')
      await userEvent.type(screen.getByLabelText('E-mail'), 'jana@example.com')
      await userEvent.type(screen.getByLabelText('Heslo', { exact: true }), 'correct horse battery')
      await userEvent.type(screen.getByLabelText('Zopakujte heslo'), 'correct horse battery')
      await userEvent.click(screen.getByRole('button', { name: 'Založit účet' }))
      await screen.findByRole('heading', { name: 'Zkontrolujte e-mail' })
      const body = JSON.parse(calls.find((call) => call.path === '/auth/register')?.body ?? '{}')
      expect(body).toMatchObject({ language: 'cs' })
    } finally {
      await i18next.changeLanguage('en')
    }
  })

  it("shows the server's password policy reason", async () => {
    fakeApi({
      'POST /auth/register': {
        status: 400,
        body: {
          detail: {
            code: 'REGISTER_INVALID_PASSWORD',
            reason: 'This password is too common; choose one that is harder to guess.',
          },
        },
      },
    })
    renderAt('/', [{ path: '/', element: <SignUpPage /> }])
    await fill('password123')
    expect(await screen.findByRole('alert')).toHaveTextContent('This password is too common')
  })
})
