import { describe, expect, it } from 'vitest'
import { safeNext } from '@/lib/safe-next'

describe('safeNext', () => {
  it('keeps a path inside the app', () => {
    expect(safeNext('/transactions?type=expense')).toBe('/transactions?type=expense')
  })

  it.each([null, '', 'https://evil.example', '//evil.example', '/\\evil.example', 'transactions'])(
    'sends %s to the dashboard',
    (next) => {
      expect(safeNext(next)).toBe('/')
    },
  )
})
