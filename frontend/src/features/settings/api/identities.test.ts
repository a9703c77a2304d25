import { describe, expect, it } from 'vitest'
import { linkOutcome } from '@/features/settings/api/identities'

const names = (name: string) => ({ mojeid: 'MojeID' })[name] ?? name

describe('linkOutcome', () => {
  it('names the provider that was linked', () => {
    expect(linkOutcome(new URLSearchParams('linked=mojeid'), names)).toEqual({
      tone: 'success',
      text: 'MojeID is linked.',
    })
  })

  it('explains an error code', () => {
    expect(linkOutcome(new URLSearchParams('error=OIDC_IDENTITY_IN_USE'), names)?.text).toMatch(
      /already linked to another Cashbook user/,
    )
    expect(linkOutcome(new URLSearchParams('error=OIDC_STATE_INVALID'), names)).toEqual({
      tone: 'error',
      text: 'Linking did not work: oidc state invalid.',
    })
  })

  it('says nothing on an ordinary visit', () => {
    expect(linkOutcome(new URLSearchParams(''), names)).toBeNull()
  })
})
