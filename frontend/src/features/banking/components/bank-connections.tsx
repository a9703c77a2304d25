import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useSearchParams } from 'react-router'
import { ApiError, errorMessage } from '@/api/errors'
import { groupIban } from '@/lib/iban'
import { useFormat } from '@/i18n/use-format'
import { Button } from '@/components/ui/button'
import { ConfirmDialog } from '@/components/ui/confirm-dialog'
import { SelectField } from '@/components/ui/field'
import { Notice } from '@/components/ui/notice'
import { EmptyState, ErrorState, Loading } from '@/components/ui/states'
import {
  type BankConnection,
  isSyncing,
  useBankConnections,
  useBankProviders,
  useDeleteConnection,
  useStartConnection,
  useSyncConnection,
} from '@/features/banking/api/banking'

const STATUSES = ['pending', 'active', 'reauth_required', 'failed'] as const
const SYNC_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const

function known<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value)
}

/** What the bank's return to /app/accounts said (?bank=connected or ?bank_error=...). */
function ReturnNotice() {
  const { t } = useTranslation('banking')
  const [params] = useSearchParams()
  const error = params.get('bank_error') ?? params.get('error')
  if (error)
    return (
      <Notice tone="error">
        {t('returnFailed', { reason: errorMessage(new ApiError(400, error)) })}
      </Notice>
    )
  if (params.has('bank') || params.has('connected'))
    return <Notice tone="success">{t('returnConnected')}</Notice>
  return null
}

function ConnectBank() {
  const { t } = useTranslation('banking')
  const providers = useBankProviders()
  const start = useStartConnection()
  const available = providers.data?.filter((provider) => provider.available) ?? []
  const [chosen, setChosen] = useState('')
  const provider = chosen || available[0]?.name || ''
  const only = available.length === 1 ? available[0] : undefined
  if (providers.isPending) return <Loading label={t('loadingBanks')} />
  if (providers.isError) return <ErrorState error={providers.error} />
  if (available.length === 0) return <p className="muted">{t('noBanks')}</p>
  return (
    <div className="connect-bank">
      {start.isError ? <Notice tone="error">{errorMessage(start.error)}</Notice> : null}
      {available.length > 1 ? (
        <SelectField label={t('bank')} value={provider} onChange={(e) => setChosen(e.target.value)}>
          {available.map((item) => (
            <option key={item.name} value={item.name}>
              {item.display_name}
              {item.demo ? ` (${t('demo')})` : ''}
            </option>
          ))}
        </SelectField>
      ) : null}
      <Button busy={start.isPending || start.isSuccess} onClick={() => start.mutate({ provider })}>
        {only
          ? t('connectNamed', {
              name: `${only.display_name}${only.demo ? ` (${t('demo')})` : ''}`,
            })
          : t('connect')}
      </Button>
    </div>
  )
}

function ConnectionCard({
  connection,
  onRemove,
}: {
  connection: BankConnection
  onRemove: () => void
}) {
  const { t } = useTranslation('banking')
  const format = useFormat()
  const when = (value: string | null | undefined) => (value ? format.dateTime(value) : t('never'))
  const sync = useSyncConnection()
  const reauthorize = useStartConnection()
  const syncing = isSyncing(connection) || sync.isPending
  const name = connection.accounts.map((account) => account.name).join(', ') || connection.provider
  return (
    <li className="connection-card" aria-label={t('connectionNamed', { name })}>
      <p className="account-name">
        {connection.provider === 'csas' ? 'Česká spořitelna' : connection.provider}
        {' · '}
        <span className={`status status-${connection.status}`}>
          {known(STATUSES, connection.status)
            ? t(`status.${connection.status}`)
            : connection.status}
        </span>
      </p>
      {connection.accounts.length > 0 ? (
        <ul className="plain-list">
          {connection.accounts.map((account) => (
            <li key={account.account_id}>
              {account.name} · {account.currency}
              {account.iban ? ` · ${groupIban(account.iban)}` : ''}
            </li>
          ))}
        </ul>
      ) : null}
      <dl className="facts">
        <div>
          <dt>{t('lastSync')}</dt>
          <dd>
            {syncing
              ? t('syncingNow')
              : connection.last_sync
                ? t('lastSyncDetail', {
                    when: when(connection.last_sync.finished_at ?? connection.last_sync.queued_at),
                    status: known(SYNC_STATUSES, connection.last_sync.status)
                      ? t(`syncStatus.${connection.last_sync.status}`)
                      : connection.last_sync.status,
                    count: connection.last_sync.created,
                  })
                : t('never')}
          </dd>
        </div>
        <div>
          <dt>{t('nextSync')}</dt>
          <dd>{when(connection.next_sync_at)}</dd>
        </div>
      </dl>
      {connection.last_error ? (
        <Notice tone="error">
          {errorMessage(
            new ApiError(400, connection.last_error.code, {}, connection.last_error.reason),
          )}
        </Notice>
      ) : null}
      {sync.isError ? <Notice tone="error">{errorMessage(sync.error)}</Notice> : null}
      {reauthorize.isError ? <Notice tone="error">{errorMessage(reauthorize.error)}</Notice> : null}
      <div className="actions">
        {connection.status === 'reauth_required' ? (
          <Button
            busy={reauthorize.isPending || reauthorize.isSuccess}
            onClick={() => reauthorize.mutate({ reauthorize: connection.id })}
          >
            {t('consentAgain')}
          </Button>
        ) : null}
        {connection.status === 'active' ? (
          <Button variant="secondary" busy={syncing} onClick={() => sync.mutate(connection.id)}>
            {t('syncNow')}
          </Button>
        ) : null}
        <Button variant="ghost" onClick={onRemove} aria-label={t('removeNamed', { name })}>
          {t('remove')}
        </Button>
      </div>
    </li>
  )
}

/** The accounts page's bank part: connect, the connections, sync, re-authorise, remove. */
export function BankConnections() {
  const { t } = useTranslation('banking')
  const connections = useBankConnections()
  const remove = useDeleteConnection()
  const [removing, setRemoving] = useState<BankConnection | null>(null)
  return (
    <section className="panel" aria-labelledby="bank-title">
      <h2 id="bank-title">{t('title')}</h2>
      <ReturnNotice />
      <ConnectBank />
      {connections.isPending ? <Loading /> : null}
      {connections.isError ? (
        <ErrorState error={connections.error} onRetry={() => void connections.refetch()} />
      ) : null}
      {connections.data?.length === 0 ? <EmptyState title={t('none')} /> : null}
      {remove.isError ? <Notice tone="error">{errorMessage(remove.error)}</Notice> : null}
      {connections.data && connections.data.length > 0 ? (
        <ul className="card-list">
          {connections.data.map((connection) => (
            <ConnectionCard
              key={connection.id}
              connection={connection}
              onRemove={() => setRemoving(connection)}
            />
          ))}
        </ul>
      ) : null}
      <ConfirmDialog
        open={removing !== null}
        title={t('removeTitle')}
        confirmLabel={t('removeConfirm')}
        cancelLabel={t('keep')}
        busy={remove.isPending}
        onCancel={() => setRemoving(null)}
        onConfirm={() =>
          removing && remove.mutate(removing.id, { onSuccess: () => setRemoving(null) })
        }
      >
        <p>{t('removeText')}</p>
      </ConfirmDialog>
    </section>
  )
}
