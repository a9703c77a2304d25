import { zodResolver } from '@hookform/resolvers/zod'
import { useState } from 'react'
import { useForm } from 'react-hook-form'
import { z } from 'zod'
import { errorMessage } from '@/api/errors'
import { useAccounts } from '@/api/ledger'
import { Button } from '@/components/ui/button'
import { NamedOptions, SelectField, TextField } from '@/components/ui/field'
import { Notice } from '@/components/ui/notice'
import { EmptyState, ErrorState, Loading } from '@/components/ui/states'
import {
  FORMATS,
  type StatementImport,
  isFinished,
  progressPercent,
  useImport,
  useImports,
  useStartImport,
} from '@/features/imports/api/imports'

const schema = z.object({
  account_id: z.string().min(1, 'Choose an account.'),
  format: z.string(),
  file: z
    .custom<FileList>()
    .refine((files) => files instanceof FileList && files.length === 1, 'Choose a file.'),
})
type Values = z.infer<typeof schema>

export function formatWhen(value: string | null | undefined): string {
  if (!value) return ''
  return new Date(value).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })
}

/** Progress while it runs; then what was created, skipped and refused. */
export function ImportResult({ item }: { item: StatementImport }) {
  const percent = progressPercent(item)
  if (!isFinished(item)) {
    return (
      <div className="import-progress" role="status" aria-live="polite">
        <p>Importing {item.file_name ?? 'the file'}…</p>
        <progress
          max={100}
          value={percent ?? undefined}
          aria-label={`Import of ${item.file_name ?? 'the file'}`}
        />
        {item.total > 0 ? (
          <p className="muted">
            {item.created + item.duplicates} of {item.total} transactions
          </p>
        ) : null}
      </div>
    )
  }
  return (
    <div className="import-result" role="status" aria-live="polite">
      {item.status === 'succeeded' ? (
        <Notice tone="success">
          Imported {item.file_name ?? 'the file'}
          {item.format ? ` (${item.format})` : ''}.
        </Notice>
      ) : (
        <Notice tone="error">The import failed{item.error ? `: ${item.error.reason}` : '.'}</Notice>
      )}
      <dl className="facts">
        <dt>Created</dt>
        <dd data-testid="import-created">{item.created}</dd>
        <dt>Duplicates skipped</dt>
        <dd data-testid="import-duplicates">{item.duplicates}</dd>
        <dt>Errors</dt>
        <dd data-testid="import-errors">{item.errors.length}</dd>
      </dl>
      {item.errors.length > 0 ? (
        <ul className="plain-list import-errors">
          {item.errors.map((problem, index) => (
            <li key={index}>
              {problem.position !== null ? `${problem.unit} ${problem.position}: ` : ''}
              {problem.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  )
}

function ImportForm({ onStarted }: { onStarted: (id: string) => void }) {
  const accounts = useAccounts()
  const start = useStartImport()
  const form = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: { account_id: '', format: '' },
  })
  const errors = form.formState.errors
  return (
    <form
      noValidate
      onSubmit={form.handleSubmit((values) => {
        const file = values.file.item(0)
        if (file)
          start.mutate(
            { accountId: values.account_id, file, format: values.format },
            { onSuccess: (item) => onStarted(item.id) },
          )
      })}
    >
      {start.isError ? <Notice tone="error">{errorMessage(start.error)}</Notice> : null}
      {accounts.isError ? <ErrorState error={accounts.error} /> : null}
      <div className="field-row">
        <SelectField
          label="Account"
          error={errors.account_id?.message}
          {...form.register('account_id')}
        >
          <option value="">Choose an account</option>
          <NamedOptions items={accounts.data?.filter((account) => !account.archived) ?? []} />
        </SelectField>
        <SelectField label="Format (optional)" {...form.register('format')}>
          <option value="">Detect from the file</option>
          {FORMATS.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </SelectField>
      </div>
      <TextField
        label="Statement file (CSV, OFX, CAMT.053)"
        type="file"
        accept=".csv,.ofx,.qfx,.xml,.txt"
        error={errors.file?.message}
        {...form.register('file')}
      />
      <Button type="submit" busy={start.isPending}>
        Import
      </Button>
    </form>
  )
}

function Current({ id }: { id: string }) {
  const current = useImport(id)
  if (current.isPending) return <Loading />
  if (current.isError)
    return <ErrorState error={current.error} onRetry={() => void current.refetch()} />
  return <ImportResult item={current.data} />
}

export function ImportsPage() {
  const imports = useImports()
  const accounts = useAccounts()
  const [current, setCurrent] = useState<string | null>(null)
  const accountName = (id: string) =>
    accounts.data?.find((account) => account.id === id)?.name ?? 'an account'
  return (
    <div className="page">
      <h1>Import a statement</h1>
      <section className="panel" aria-labelledby="import-title">
        <h2 id="import-title">New import</h2>
        <p className="muted">
          Transactions already in the account (from an earlier file or from the bank) are skipped.
        </p>
        <ImportForm onStarted={setCurrent} />
        {current ? <Current id={current} /> : null}
      </section>
      <section className="panel" aria-labelledby="earlier-title">
        <h2 id="earlier-title">Earlier imports</h2>
        {imports.isPending ? <Loading /> : null}
        {imports.isError ? (
          <ErrorState error={imports.error} onRetry={() => void imports.refetch()} />
        ) : null}
        {imports.data?.length === 0 ? <EmptyState title="No statements imported yet." /> : null}
        {imports.data && imports.data.length > 0 ? (
          <ul className="card-list">
            {imports.data.map((item) => (
              <li key={item.id} className="account-card">
                <div>
                  <p className="account-name">{item.file_name ?? 'Statement'}</p>
                  <p className="muted">
                    {accountName(item.account_id)} · {formatWhen(item.created_at)} · {item.status}
                  </p>
                </div>
                <p>
                  {item.created} created · {item.duplicates} skipped · {item.errors.length} errors
                </p>
              </li>
            ))}
          </ul>
        ) : null}
      </section>
    </div>
  )
}
