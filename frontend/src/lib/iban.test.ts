import { describe, expect, it } from 'vitest'
import { groupIban } from '@/lib/iban'

describe('groupIban', () => {
  it('groups by four whatever the spacing typed', () => {
    expect(groupIban('cz6508000000192000145399')).toBe('CZ65 0800 0000 1920 0014 5399')
    expect(groupIban('CZ65 08000000 1920001 45399')).toBe('CZ65 0800 0000 1920 0014 5399')
  })
})
