import { describe, expect, it } from 'vitest'
import { minorToDecimal, parseAmount } from '@/lib/money'

describe('parseAmount', () => {
  it.each([
    ['1234', '1234.00'],
    ['1 234,5', '1234.50'],
    ['-12.3', '-12.30'],
    ['+7', '7.00'],
    ['0.05', '0.05'],
  ])('reads %s as %s', (text, expected) => {
    expect(parseAmount(text)).toBe(expected)
  })

  it.each(['', 'abc', '1.234', '12,345.6', '--1', '1e5'])('refuses %s', (text) => {
    expect(parseAmount(text)).toBeNull()
  })
})

describe('minorToDecimal', () => {
  it.each([
    [-12050, 'CZK', '-120.50'],
    [5, 'EUR', '0.05'],
    [-7, 'EUR', '-0.07'],
    [1500, 'JPY', '1500'],
    [1234, 'BHD', '1.234'],
    [0, 'CZK', '0.00'],
  ])('reads %i %s as %s', (minor, currency, expected) => {
    expect(minorToDecimal(minor, currency)).toBe(expected)
  })
})
