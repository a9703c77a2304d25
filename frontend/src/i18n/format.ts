import type { Language } from '@/i18n/language'

/** The regional variant each language formats with: `1 234,56 Kč` / `CZK 1,234.56`. */
export const LOCALES: Record<Language, string> = { cs: 'cs-CZ', en: 'en-GB' }

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>()

function numberFormat(language: Language, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `n${language}${JSON.stringify(options)}`
  let format = cache.get(key) as Intl.NumberFormat | undefined
  if (!format) {
    format = new Intl.NumberFormat(LOCALES[language], options)
    cache.set(key, format)
  }
  return format
}

function dateFormat(language: Language, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `d${language}${JSON.stringify(options)}`
  let format = cache.get(key) as Intl.DateTimeFormat | undefined
  if (!format) {
    format = new Intl.DateTimeFormat(LOCALES[language], options)
    cache.set(key, format)
  }
  return format
}

/**
 * Money travels as a decimal string with its currency ("-123.45", "CZK"); never a float sum.
 * Czech shows symbols after the number; English shows ISO codes so `CZK` and `EUR` line up.
 */
export function formatMoney(
  amount: string | number,
  currency: string,
  language: Language,
  options: { compact?: boolean } = {},
): string {
  const value = typeof amount === 'number' ? amount : Number(amount)
  try {
    return numberFormat(language, {
      style: 'currency',
      currency,
      currencyDisplay: language === 'en' ? 'code' : 'symbol',
      ...(options.compact ? { notation: 'compact', maximumFractionDigits: 1 } : {}),
    }).format(value)
  } catch {
    // An unknown currency code: still readable, never a crash.
    return `${formatNumber(value, language, { minimumFractionDigits: 2 })} ${currency}`
  }
}

export function formatNumber(
  value: number,
  language: Language,
  options: Intl.NumberFormatOptions = {},
): string {
  return numberFormat(language, options).format(value)
}

/** Parses an ISO day ("2026-03-12") as a local calendar day, never shifted by time zones. */
function calendarDay(iso: string): Date {
  const [year, month, day] = iso.slice(0, 10).split('-').map(Number)
  return new Date(year ?? 1970, (month ?? 1) - 1, day ?? 1)
}

/** A calendar day: `12. 3. 2026` / `12 Mar 2026`. */
export function formatDate(iso: string, language: Language): string {
  const options: Intl.DateTimeFormatOptions =
    language === 'cs'
      ? { day: 'numeric', month: 'numeric', year: 'numeric' }
      : { day: 'numeric', month: 'short', year: 'numeric' }
  return dateFormat(language, options).format(calendarDay(iso))
}

/** A moment (ISO timestamp) with its time: `12. 3. 2026 14:05` / `12 Mar 2026, 14:05`. */
export function formatDateTime(iso: string, language: Language): string {
  const options: Intl.DateTimeFormatOptions =
    language === 'cs'
      ? { day: 'numeric', month: 'numeric', year: 'numeric', hour: 'numeric', minute: '2-digit' }
      : { day: 'numeric', month: 'short', year: 'numeric', hour: 'numeric', minute: '2-digit' }
  return dateFormat(language, options).format(new Date(iso))
}

/** A month for chart axes and headings: `bře 2026` / `Mar 2026`. */
export function formatMonth(iso: string, language: Language): string {
  return dateFormat(language, { month: 'short', year: 'numeric' }).format(calendarDay(iso))
}
