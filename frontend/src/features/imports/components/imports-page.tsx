import { zodResolver } from '@hookform/resolvers/zod'
import i18next from 'i18next'
import { useState } from 'react'
import { useForm } from 'react-hook-form'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { ApiError, errorMessage } from '@/api/errors'
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
import { useFormat } from '@/i18n/use-format'

const schema = z.object({
  account_id: z.string().min(1, { error: () => i18next.t('imports:form.accountMissing') }),
  format: z.enum([...FORMATS, '']),
  file: z.custom<FileList>().refine((files) => files instanceof FileList && files.length === 1, {
    error: () => i18next.t('imports:form.fileMissing'),
  }),
})
type Values = z.infer<typeof schema>

const STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const
const isStatus = (value: string): value is (typeof STATUSES)[number] =>
  (STATUSES as readonly string[]).includes(value)

/** Why an import failed, in the interface's language. */
function failure(item: StatementImport): string {
  if (!item.error) return errorMessage(new ApiError(500, 'IMPORT_CRASHED'))
  return errorMessage(new ApiError(400, item.error.code, {}, item.error.reason))
}

/** Progress while it runs; then what was created, skipped and refused. */
export function ImportResult({ item }: { item: StatementImport }) {
  const { t } = useTranslation('imports')
  const percent = progressPercent(item)
  const name = item.file_name ?? t('theFile')
  if (!isFinished(item)) {
    return (
      <div className="import-progress" role="status" aria-live="polite">
        <p>{t('importing', { name })}</p>
        <progress max={100} value={percent ?? undefined} aria-label={t('progressOf', { name })} />
        {item.total > 0 ? (
          <p className="muted">
            {t('progress', { done: item.created + item.duplicates, total: item.total })}
          </p>
        ) : null}
      </div>
    )
  }
  return (
    <div className="import-result" role="status" aria-live="polite">
      {item.status === 'succeeded' ? (
        <Notice tone="success">
          {item.format ? t('importedAs', { name, format: item.format }) : t('imported', { name })}
        </Notice>
      ) : (
        <Notice tone="error">{t('failed', { reason: failure(item) })}</Notice>
      )}
      <dl className="stats">
        <div className="stat">
          <dt>{t('created')}</dt>
          <dd data-testid="import-created">{item.created}</dd>
        </div>
        <div className="stat">
          <dt>{t('duplicates')}</dt>
          <dd data-testid="import-duplicates">{item.duplicates}</dd>
        </div>
        <div className={item.errors.length ? 'stat stat-bad' : 'stat'}>
          <dt>{t('errors')}</dt>
          <dd data-testid="import-errors">{item.errors.length}</dd>
        </div>
      </dl>
      {item.errors.length > 0 ? (
        <ul className="plain-list import-errors">
          {item.errors.map((problem, index) => (
            <li key={index}>
              {problem.position !== null ? (
                <strong>
                  {problem.unit === 'line' || problem.unit === 'entry'
                    ? t(`units.${problem.unit}`, { position: problem.position })
                    : `${problem.unit} ${problem.position}`}
                  :{' '}
                </strong>
              ) : null}
              {problem.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  )
}

function ImportForm({ onStarted }: { onStarted: (id: string) => void }) {
  const { t } = useTranslation('imports')
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
          label={t('form.account')}
          error={errors.account_id?.message}
          {...form.register('account_id')}
        >
          <option value="">{t('form.chooseAccount')}</option>
          <NamedOptions items={accounts.data?.filter((account) => !account.archived) ?? []} />
        </SelectField>
        <SelectField label={t('form.format')} {...form.register('format')}>
          <option value="">{t('form.detect')}</option>
          {FORMATS.map((value) => (
            <option key={value} value={value}>
              {t(`formats.${value}`)}
            </option>
          ))}
        </SelectField>
      </div>
      <TextField
        label={t('form.file')}
        type="file"
        accept=".csv,.ofx,.qfx,.xml,.txt"
        error={errors.file?.message}
        {...form.register('file')}
      />
      <Button type="submit" busy={start.isPending}>
        {t('form.submit')}
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
  const { t } = useTranslation('imports')
  const format = useFormat()
  const imports = useImports()
  const accounts = useAccounts()
  const [current, setCurrent] = useState<string | null>(null)
  const accountName = (id: string) =>
    accounts.data?.find((account) => account.id === id)?.name ?? t('anAccount')
  return (
    <div className="page">
      <h1>{t('title')}</h1>
      <section className="panel" aria-labelledby="import-title">
        <h2 id="import-title">{t('newTitle')}</h2>
        <p className="muted">{t('skipNote')}</p>
        <ImportForm onStarted={setCurrent} />
        {current ? <Current id={current} /> : null}
      </section>
      <section className="panel" aria-labelledby="earlier-title">
        <h2 id="earlier-title">{t('earlier')}</h2>
        {imports.isPending ? <Loading /> : null}
        {imports.isError ? (
          <ErrorState error={imports.error} onRetry={() => void imports.refetch()} />
        ) : null}
        {imports.data?.length === 0 ? <EmptyState title={t('none')} /> : null}
        {imports.data && imports.data.length > 0 ? (
          <ul className="card-list">
            {imports.data.map((item) => (
              <li key={item.id} className="account-card import-card">
                <div>
                  <p className="account-name">{item.file_name ?? t('statement')}</p>
                  <p className="muted">
                    {accountName(item.account_id)} · {format.dateTime(item.created_at)} ·{' '}
                    <span className={`status status-${item.status}`}>
                      {isStatus(item.status) ? t(`status.${item.status}`) : item.status}
                    </span>
                  </p>
                  {item.status === 'failed' ? <p className="error-text">{failure(item)}</p> : null}
                </div>
                <p className="import-counts">
                  {t('createdCount', { count: item.created })} ·{' '}
                  {t('skippedCount', { count: item.duplicates })} ·{' '}
                  {t('errorCount', { count: item.errors.length })}
                </p>
              </li>
            ))}
          </ul>
        ) : null}
      </section>
    </div>
  )
}
