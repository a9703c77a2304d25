/** Parses what a person types ("1 234,50", "-12.3") into the API's decimal string. */
export function parseAmount(text: string): string | null {
  const cleaned = text.replace(/[\s\u00a0]/g, '').replace(',', '.')
  if (!/^[-+]?\d+(\.\d{1,2})?$/.test(cleaned)) return null
  const [whole = '0', fraction = ''] = cleaned.replace('+', '').split('.')
  return `${whole}.${fraction.padEnd(2, '0')}`
}

export const CURRENCIES = ['CZK', 'EUR', 'USD', 'GBP', 'PLN', 'CHF', 'HUF'] as const
