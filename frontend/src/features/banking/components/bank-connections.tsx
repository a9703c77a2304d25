import { useState } from 'react'
import { useSearchParams } from 'react-router'
import { errorMessage } from '@/api/errors'
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

const STATUS: Record<string, string> = {
  pending: 'Waiting for the bank’s consent',
  active: 'Connected',
  reauth_required: 'Needs your consent again',
  failed: 'Not connected',
}

export function statusLabel(status: string): string {
  return STATUS[status] ?? status
}

export function formatWhen(value: string | null | undefined): string {
  if (!value) return 'never'
  return new Date(value).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })
}

/** What the bank's return to /app/accounts said (?bank=connected or ?bank_error=...). */
function ReturnNotice() {
  const [params] = useSearchParams()
  const error = params.get('bank_error') ?? params.get('error')
  if (error) return <Notice tone="error">The bank connection did not work ({error}).</Notice>
  if (params.has('bank') || params.has('connected'))
    return <Notice tone="success">Bank connected. The first sync is on its way.</Notice>
  return null
}

function ConnectBank() {
  const providers = useBankProviders()
  const start = useStartConnection()
  const available = providers.data?.filter((provider) => provider.available) ?? []
  const [chosen, setChosen] = useState('')
  const provider = chosen || available[0]?.name || ''
  const only = available.length === 1 ? available[0] : undefined
  if (providers.isPending) return <Loading label="Loading banks…" />
  if (providers.isError) return <ErrorState error={providers.error} />
  if (available.length === 0)
    return <p className="muted">No bank can be connected on this server.</p>
  return (
    <div className="connect-bank">
      {start.isError ? <Notice tone="error">{errorMessage(start.error)}</Notice> : null}
      {available.length > 1 ? (
        <SelectField label="Bank" value={provider} onChange={(e) => setChosen(e.target.value)}>
          {available.map((item) => (
            <option key={item.name} value={item.name}>
              {item.display_name}
              {item.demo ? ' (demo)' : ''}
            </option>
          ))}
        </SelectField>
      ) : null}
      <Button busy={start.isPending || start.isSuccess} onClick={() => start.mutate({ provider })}>
        Connect a bank
        {only ? ` (${only.display_name}${only.demo ? ', demo' : ''})` : ''}
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
  const sync = useSyncConnection()
  const reauthorize = useStartConnection()
  const syncing = isSyncing(connection) || sync.isPending
  const name = connection.accounts.map((account) => account.name).join(', ') || connection.provider
  return (
    <li className="connection-card" aria-label={`Bank connection ${name}`}>
      <p className="account-name">
        {connection.provider === 'csas' ? 'Česká spořitelna' : connection.provider}
        {' · '}
        <span className={`status status-${connection.status}`}>
          {statusLabel(connection.status)}
        </span>
      </p>
      {connection.accounts.length > 0 ? (
        <ul className="plain-list">
          {connection.accounts.map((account) => (
            <li key={account.account_id}>
              {account.name} · {account.currency}
              {account.iban ? ` · ${account.iban}` : ''}
            </li>
          ))}
        </ul>
      ) : null}
      <dl className="facts">
        <dt>Last sync</dt>
        <dd>
          {syncing
            ? 'Syncing now…'
            : connection.last_sync
              ? `${formatWhen(connection.last_sync.finished_at ?? connection.last_sync.queued_at)}: ${connection.last_sync.status}, ${connection.last_sync.created} new`
              : 'never'}
        </dd>
        <dt>Next sync</dt>
        <dd>{formatWhen(connection.next_sync_at)}</dd>
      </dl>
      {connection.last_error ? <Notice tone="error">{connection.last_error.reason}</Notice> : null}
      {sync.isError ? <Notice tone="error">{errorMessage(sync.error)}</Notice> : null}
      {reauthorize.isError ? <Notice tone="error">{errorMessage(reauthorize.error)}</Notice> : null}
      <div className="actions">
        {connection.status === 'reauth_required' ? (
          <Button
            busy={reauthorize.isPending || reauthorize.isSuccess}
            onClick={() => reauthorize.mutate({ reauthorize: connection.id })}
          >
            Give consent again
          </Button>
        ) : null}
        {connection.status === 'active' ? (
          <Button variant="secondary" busy={syncing} onClick={() => sync.mutate(connection.id)}>
            Sync now
          </Button>
        ) : null}
        <Button variant="ghost" onClick={onRemove} aria-label={`Remove the connection ${name}`}>
          Remove
        </Button>
      </div>
    </li>
  )
}

/** The accounts page's bank part: connect, the connections, sync, re-authorise, remove. */
export function BankConnections() {
  const connections = useBankConnections()
  const remove = useDeleteConnection()
  const [removing, setRemoving] = useState<BankConnection | null>(null)
  return (
    <section className="panel" aria-labelledby="bank-title">
      <h2 id="bank-title">Bank connections</h2>
      <ReturnNotice />
      <ConnectBank />
      {connections.isPending ? <Loading /> : null}
      {connections.isError ? (
        <ErrorState error={connections.error} onRetry={() => void connections.refetch()} />
      ) : null}
      {connections.data?.length === 0 ? (
        <EmptyState title="No bank connected. Connect one to fetch its transactions." />
      ) : null}
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
        title="Remove the bank connection?"
        confirmLabel="Remove connection"
        cancelLabel="Keep it"
        busy={remove.isPending}
        onCancel={() => setRemoving(null)}
        onConfirm={() =>
          removing && remove.mutate(removing.id, { onSuccess: () => setRemoving(null) })
        }
      >
        <p>
          Cashbook stops fetching from the bank and forgets its consent. The transactions already
          fetched stay in their accounts.
        </p>
      </ConfirmDialog>
    </section>
  )
}
