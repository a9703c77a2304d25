import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { formatDate, formatDateTime, formatMoney, formatMonth, formatNumber } from '@/i18n/format'
import { isLanguage, type Language } from '@/i18n/language'

/** The language the interface speaks now. */
export function useLanguage(): Language {
  const { i18n } = useTranslation()
  return isLanguage(i18n.language) ? i18n.language : 'en'
}

/** Formatters bound to the current language; components re-render when it changes. */
export function useFormat() {
  const language = useLanguage()
  return useMemo(
    () => ({
      language,
      money: (amount: string | number, currency: string, options?: { compact?: boolean }) =>
        formatMoney(amount, currency, language, options),
      number: (value: number, options?: Intl.NumberFormatOptions) =>
        formatNumber(value, language, options),
      date: (iso: string) => formatDate(iso, language),
      dateTime: (iso: string) => formatDateTime(iso, language),
      month: (iso: string) => formatMonth(iso, language),
    }),
    [language],
  )
}
