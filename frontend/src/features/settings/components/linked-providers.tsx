import { useState } from 'react'
import { useSearchParams } from 'react-router'
import { useProviders } from '@/api/auth'
import { errorMessage } from '@/api/errors'
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
  const { data: providers = [], isPending: providersPending } = useProviders()
  const identities = useIdentities()
  const link = useLinkProvider()
  const unlink = useUnlinkProvider()
  const [params] = useSearchParams()
  const [unlinking, setUnlinking] = useState<Identity | null>(null)
  const displayName = (name: string) =>
    providers.find((provider) => provider.name === name)?.display_name ?? name
  const outcome = linkOutcome(params, displayName)
  const linked = new Set(identities.data?.map((identity) => identity.provider))
  return (
    <section className="panel" aria-labelledby="providers-title">
      <h2 id="providers-title">Sign-in providers</h2>
      {outcome ? <Notice tone={outcome.tone}>{outcome.text}</Notice> : null}
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
                  Linked {new Date(identity.created_at).toLocaleDateString()}
                  {identity.last_login_at
                    ? ` · last used ${new Date(identity.last_login_at).toLocaleDateString()}`
                    : ''}
                </p>
              </div>
              <Button
                variant="ghost"
                onClick={() => setUnlinking(identity)}
                aria-label={`Unlink ${identity.display_name}`}
              >
                Unlink
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
      {identities.data?.length === 0 ? <p>No provider is linked yet.</p> : null}
      {!providersPending && providers.length === 0 ? (
        <p>This server offers only email and password sign-in.</p>
      ) : null}
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
              Link {provider.display_name}
            </Button>
          ))}
      </div>
      <ConfirmDialog
        open={unlinking !== null}
        title="Unlink the provider?"
        confirmLabel="Unlink"
        cancelLabel="Keep it"
        busy={unlink.isPending}
        onCancel={() => setUnlinking(null)}
        onConfirm={() =>
          unlinking && unlink.mutate(unlinking.id, { onSuccess: () => setUnlinking(null) })
        }
      >
        <p>
          You will no longer sign in with <strong>{unlinking?.display_name}</strong>. Your password
          (if you have one) keeps working.
        </p>
      </ConfirmDialog>
    </section>
  )
}
