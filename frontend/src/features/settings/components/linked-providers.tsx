import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useSearchParams } from 'react-router'
import { useProviders } from '@/api/auth'
import { ApiError, errorMessage } from '@/api/errors'
import { useFormat } from '@/i18n/use-format'
import { Button } from '@/components/ui/button'
import { ConfirmDialog } from '@/components/ui/confirm-dialog'
import { Notice } from '@/components/ui/notice'
import { ErrorState, Loading } from '@/components/ui/states'
import {
  type Identity,
  linkOutcome,
  useIdentities,
  useLinkProvider,
  useUnlinkProvider,
} from '@/features/settings/api/identities'

/** Settings → sign-in providers: which are linked, link another, unlink. */
export function LinkedProviders() {
  const { t } = useTranslation('settings')
  const format = useFormat()
  const { data: providers = [], isPending: providersPending } = useProviders()
  const identities = useIdentities()
  const link = useLinkProvider()
  const unlink = useUnlinkProvider()
  const [params] = useSearchParams()
  const [unlinking, setUnlinking] = useState<Identity | null>(null)
  const displayName = (name: string) =>
    providers.find((provider) => provider.name === name)?.display_name ?? name
  const outcome = linkOutcome(params)
  const linked = new Set(identities.data?.map((identity) => identity.provider))
  return (
    <section className="panel" aria-labelledby="providers-title">
      <h2 id="providers-title">{t('providers.title')}</h2>
      {outcome ? (
        <Notice tone={outcome.tone}>
          {outcome.tone === 'error'
            ? t('providers.linkFailed', {
                reason: errorMessage(new ApiError(400, outcome.code)),
              })
            : t('providers.linked', { name: displayName(outcome.provider) })}
        </Notice>
      ) : null}
      {link.isError ? <Notice tone="error">{errorMessage(link.error)}</Notice> : null}
      {unlink.isError ? <Notice tone="error">{errorMessage(unlink.error)}</Notice> : null}
      {providersPending || identities.isPending ? <Loading /> : null}
      {identities.isError ? (
        <ErrorState error={identities.error} onRetry={() => void identities.refetch()} />
      ) : null}
      {identities.data && identities.data.length > 0 ? (
        <ul className="card-list">
          {identities.data.map((identity) => (
            <li key={identity.id} className="account-card">
              <div>
                <p className="account-name">{identity.display_name}</p>
                <p className="muted">
                  {t('providers.linkedOn', { date: format.date(identity.created_at) })}
                  {identity.last_login_at
                    ? ` · ${t('providers.lastUsed', { date: format.date(identity.last_login_at) })}`
                    : ''}
                </p>
              </div>
              <Button
                variant="ghost"
                onClick={() => setUnlinking(identity)}
                aria-label={t('providers.unlinkNamed', { name: identity.display_name })}
              >
                {t('providers.unlink')}
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
      {identities.data?.length === 0 ? <p>{t('providers.none')}</p> : null}
      {!providersPending && providers.length === 0 ? <p>{t('providers.passwordOnly')}</p> : null}
      <div className="actions">
        {providers
          .filter((provider) => !linked.has(provider.name))
          .map((provider) => (
            <Button
              key={provider.name}
              variant="secondary"
              busy={link.isPending && link.variables === provider.name}
              onClick={() => link.mutate(provider.name)}
            >
              {t('providers.link', { name: provider.display_name })}
            </Button>
          ))}
      </div>
      <ConfirmDialog
        open={unlinking !== null}
        title={t('providers.confirmTitle')}
        confirmLabel={t('providers.unlink')}
        cancelLabel={t('providers.keep')}
        busy={unlink.isPending}
        onCancel={() => setUnlinking(null)}
        onConfirm={() =>
          unlinking && unlink.mutate(unlinking.id, { onSuccess: () => setUnlinking(null) })
        }
      >
        <p>
          {t('providers.confirmBefore')} <strong>{unlinking?.display_name}</strong>.{' '}
          {t('providers.confirmAfter')}
        </p>
      </ConfirmDialog>
    </section>
  )
}
