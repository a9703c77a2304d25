import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { LanguageSelect } from '@/components/language-select'

export function AuthLayout({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation()
  return (
    <main className="auth" id="main">
      <div className="auth-card">
        <p className="brand" aria-hidden="true">
          {t('appName')}
        </p>
        <h1>{title}</h1>
        {children}
        <div className="auth-language">
          <LanguageSelect />
        </div>
      </div>
    </main>
  )
}
