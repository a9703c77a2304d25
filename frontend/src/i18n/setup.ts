import i18next, { type Resource } from 'i18next'
import { initReactI18next } from 'react-i18next'
import { detectLanguage, isLanguage, type Language, storeChoice } from '@/i18n/language'

/** Starts the one i18next instance with every namespace's messages, bundled with the app. */
export function setUpI18n(resources: Resource, language: Language = detectLanguage()) {
  void i18next.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: 'en',
    supportedLngs: ['cs', 'en'],
    defaultNS: 'common',
    ns: Object.keys(resources.en ?? {}),
    // React escapes what it renders; escaping here too would show `&amp;`.
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  })
  document.documentElement.lang = language
  i18next.on('languageChanged', (lng) => {
    document.documentElement.lang = lng
  })
  return i18next
}

/** Switches the interface language and remembers it; `null` follows the browser again. */
export function chooseLanguage(language: Language | null): void {
  storeChoice(language)
  void i18next.changeLanguage(language ?? detectLanguage())
}

/** Looks up a key built at run time (a server code, say); `null` when no namespace has it. */
export function translateDynamic(
  keys: string[],
  values: Record<string, unknown> = {},
): string | null {
  const key = keys.find((candidate) => i18next.exists(candidate))
  if (!key) return null
  return (i18next.t as (key: string, values: Record<string, unknown>) => string)(key, values)
}

export function currentLanguage(): Language {
  return isLanguage(i18next.language) ? i18next.language : 'en'
}

/** Every loaded namespace, for look-ups that do not know which feature owns a key. */
export function namespaces(): string[] {
  const ns = i18next.options.ns
  return typeof ns === 'string' ? [ns] : [...(ns ?? [])]
}
