import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'

export function NotFoundPage() {
  const { t } = useTranslation()
  return (
    <main className="auth" id="main">
      <div className="auth-card">
        <h1>{t('notFound.title')}</h1>
        <p>{t('notFound.text')}</p>
        <p>
          <Link to="/">{t('notFound.home')}</Link>
        </p>
      </div>
    </main>
  )
}
