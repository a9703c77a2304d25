/** Money travels as a decimal string with its currency ("-123.45", "CZK"); never a float sum. */
export function formatMoney(amount: string | number, currency: string, locale?: string): string {
  const value = typeof amount === 'number' ? amount : Number(amount)
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(value)
  } catch {
    return `${value.toFixed(2)} ${currency}`
  }
}

/** Parses what a person types ("1 234,50", "-12.3") into the API's decimal string. */
export function parseAmount(text: string): string | null {
  const cleaned = text.replace(/[\s\u00a0]/g, '').replace(',', '.')
  if (!/^[-+]?\d+(\.\d{1,2})?$/.test(cleaned)) return null
  const [whole = '0', fraction = ''] = cleaned.replace('+', '').split('.')
  return `${whole}.${fraction.padEnd(2, '0')}`
}

export const CURRENCIES = ['CZK', 'EUR', 'USD', 'GBP', 'PLN', 'CHF', 'HUF'] as const
