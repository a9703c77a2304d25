import { describe, expect, it } from 'vitest'
import { formatDate, formatDateTime, formatMoney, formatMonth, formatNumber } from '@/i18n/format'

// Intl separates groups and currencies with no-break spaces; compare with plain ones.
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ')

describe('formatMoney', () => {
  it('writes Czech amounts with the symbol after the number', () => {
    expect(plain(formatMoney('1234.56', 'CZK', 'cs'))).toBe('1 234,56 Kč')
    expect(plain(formatMoney('-999.5', 'CZK', 'cs'))).toBe('-999,50 Kč')
    expect(plain(formatMoney('686.50', 'EUR', 'cs'))).toBe('686,50 €')
  })

  it('writes English amounts with the currency code so currencies line up', () => {
    expect(plain(formatMoney('30000', 'CZK', 'en'))).toBe('CZK 30,000.00')
    expect(plain(formatMoney('686.5', 'EUR', 'en'))).toBe('EUR 686.50')
  })

  it('shortens axis labels and survives an unknown currency', () => {
    expect(plain(formatMoney(1_250_000, 'CZK', 'cs', { compact: true }))).toBe('1,3 mil. Kč')
    expect(plain(formatMoney('12', 'XXXX', 'cs'))).toBe('12,00 XXXX')
  })
})

describe('dates and numbers', () => {
  it('formats a calendar day by language, never shifted by the time zone', () => {
    expect(formatDate('2026-03-12', 'cs')).toBe('12. 3. 2026')
    expect(formatDate('2026-03-12', 'en')).toBe('12 Mar 2026')
    expect(formatMonth('2026-03-01', 'en')).toBe('Mar 2026')
  })

  it('formats a moment with its time and plain numbers', () => {
    const moment = new Date(2026, 2, 12, 14, 5).toISOString()
    expect(plain(formatDateTime(moment, 'cs'))).toBe('12. 3. 2026 14:05')
    expect(plain(formatNumber(1234.5, 'cs'))).toBe('1 234,5')
    expect(formatNumber(1234.5, 'en')).toBe('1,234.5')
  })
})
