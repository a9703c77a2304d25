import { describe, expect, it } from 'vitest'
import { linkOutcome } from '@/features/settings/api/identities'

describe('linkOutcome', () => {
  it('names the provider that was linked', () => {
    expect(linkOutcome(new URLSearchParams('linked=mojeid'))).toEqual({
      tone: 'success',
      provider: 'mojeid',
    })
  })

  it('passes the error code on for translation', () => {
    expect(linkOutcome(new URLSearchParams('error=OIDC_IDENTITY_IN_USE'))).toEqual({
      tone: 'error',
      code: 'OIDC_IDENTITY_IN_USE',
    })
  })

  it('says nothing on an ordinary visit', () => {
    expect(linkOutcome(new URLSearchParams(''))).toBeNull()
  })
})
