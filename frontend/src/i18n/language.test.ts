import { afterEach, describe, expect, it, vi } from 'vitest'
import { detectLanguage, storeChoice } from '@/i18n/language'

const browserSpeaks = (...languages: string[]) =>
  vi.spyOn(navigator, 'languages', 'get').mockReturnValue(languages)

describe('detectLanguage', () => {
  afterEach(() => storeChoice(null))

  it("takes the browser's first language the app speaks", () => {
    browserSpeaks('de-DE', 'cs-CZ', 'en')
    expect(detectLanguage()).toBe('cs')
    browserSpeaks('sk')
    expect(detectLanguage()).toBe('cs')
    browserSpeaks('fr-FR')
    expect(detectLanguage()).toBe('en')
  })

  it('lets the choice made in Settings win until it is forgotten', () => {
    browserSpeaks('cs-CZ')
    storeChoice('en')
    expect(detectLanguage()).toBe('en')
    storeChoice(null)
    expect(detectLanguage()).toBe('cs')
  })
})
