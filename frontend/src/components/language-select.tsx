import { useTranslation } from 'react-i18next'
import { SelectField } from '@/components/ui/field'
import { browserLanguage, isLanguage, type Language, LANGUAGES, readChoice } from '@/i18n/language'
import { chooseLanguage, currentLanguage } from '@/i18n/setup'

/** Picks the interface language; "as the browser" forgets the choice on this device.
 * `onChosen` hears the language shown from then on (Settings keeps it as the account's). */
export function LanguageSelect({ onChosen }: { onChosen?: (language: Language) => void }) {
  const { t } = useTranslation()
  const choice = readChoice()
  return (
    <SelectField
      label={t('language.label')}
      value={choice ?? ''}
      onChange={(event) => {
        const value = event.target.value
        chooseLanguage(isLanguage(value) ? value : null)
        onChosen?.(currentLanguage())
      }}
    >
      <option value="">
        {t('language.browser', { language: t(`language.${browserLanguage()}`) })}
      </option>
      {LANGUAGES.map((language) => (
        <option key={language} value={language} lang={language}>
          {t(`language.${language}`)}
        </option>
      ))}
    </SelectField>
  )
}
