import { screen, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { ProviderButtons } from '@/features/auth/components/provider-buttons'
import { renderAt } from '@/test/render'
import { fakeApi } from '@/test/server'

describe('ProviderButtons', () => {
  it('offers one button per provider the server lists', async () => {
    fakeApi({
      'GET /auth/providers': {
        status: 200,
        body: [
          { name: 'mojeid', display_name: 'MojeID' },
          { name: 'bankid', display_name: 'Bank iD' },
        ],
      },
    })
    renderAt('/', [{ path: '/', element: <ProviderButtons /> }])
    expect(await screen.findByRole('button', { name: 'Sign in with MojeID' })).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Sign in with Bank iD' })).toBeInTheDocument()
  })

  it('shows nothing when the server has no such sign-in', async () => {
    const { calls } = fakeApi({})
    const { container } = renderAt('/', [{ path: '/', element: <ProviderButtons /> }])
    await waitFor(() => expect(calls).toHaveLength(1))
    expect(container).toBeEmptyDOMElement()
  })
})
