export const LANGUAGES = ['cs', 'en'] as const
export type Language = (typeof LANGUAGES)[number]

const STORAGE_KEY = 'cashbook.language'

export function isLanguage(value: unknown): value is Language {
  return LANGUAGES.includes(value as Language)
}

/** The language chosen in Settings, else the browser's. */
export function detectLanguage(): Language {
  return readChoice() ?? browserLanguage()
}

/** The browser's first language we speak, else English. */
export function browserLanguage(): Language {
  const preferred = navigator.languages?.length ? navigator.languages : [navigator.language]
  for (const tag of preferred) {
    const primary = tag?.toLowerCase().split('-')[0]
    // Slovak readers understand Czech far better than English.
    if (primary === 'sk') return 'cs'
    if (isLanguage(primary)) return primary
  }
  return 'en'
}

export function readChoice(): Language | null {
  try {
    const value = localStorage.getItem(STORAGE_KEY)
    return isLanguage(value) ? value : null
  } catch {
    return null
  }
}

/** Remembers the person's choice on this device; `null` goes back to the browser's language. */
export function storeChoice(language: Language | null): void {
  try {
    if (language) localStorage.setItem(STORAGE_KEY, language)
    else localStorage.removeItem(STORAGE_KEY)
  } catch {
    // Private mode without storage: the choice lasts until the page reloads.
  }
}
