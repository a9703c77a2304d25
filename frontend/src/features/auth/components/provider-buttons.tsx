import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { errorMessage } from '@/api/errors'
import { Button } from '@/components/ui/button'
import { Notice } from '@/components/ui/notice'
import { startProviderSignIn, useProviders } from '@/api/auth'

/** One button per OpenID Connect provider the server offers; nothing when it offers none. */
export function ProviderButtons() {
  const { t } = useTranslation('auth')
  const { data: providers = [] } = useProviders()
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState<string | null>(null)
  if (providers.length === 0) return null
  return (
    <div className="providers">
      <p className="divider">
        <span>{t('providers.or')}</span>
      </p>
      {error ? <Notice tone="error">{errorMessage(error)}</Notice> : null}
      {providers.map((provider) => (
        <Button
          key={provider.name}
          variant="secondary"
          busy={busy === provider.name}
          onClick={() => {
            setBusy(provider.name)
            startProviderSignIn(provider.name).catch((reason: unknown) => {
              setError(reason)
              setBusy(null)
            })
          }}
        >
          {t('providers.signInWith', { name: provider.display_name })}
        </Button>
      ))}
    </div>
  )
}
