import { useUser } from '@/api/auth'
import { zodResolver } from '@hookform/resolvers/zod'
import i18next from 'i18next'
import { useState, type ReactNode } from 'react'
import { useForm } from 'react-hook-form'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { errorMessage } from '@/api/errors'
import { useAccounts, useDeleteAccount, useSaveAccount } from '@/api/ledger'
import type { Account, AccountKind } from '@/api/ledger-types'
import { Button, RowActions } from '@/components/ui/button'
import { ConfirmDialog } from '@/components/ui/confirm-dialog'
import { Dialog } from '@/components/ui/dialog'
import { SelectField, TextField } from '@/components/ui/field'
import { Notice } from '@/components/ui/notice'
import { EmptyState, ErrorState, Loading } from '@/components/ui/states'
import { useFormat } from '@/i18n/use-format'
import { groupIban } from '@/lib/iban'
import { CURRENCIES, parseAmount } from '@/lib/money'

const KINDS: AccountKind[] = ['bank', 'cash', 'card', 'savings']

const schema = z.object({
  name: z
    .string()
    .trim()
    .min(1, { error: () => i18next.t('accounts:form.nameMissing') })
    .max(100),
  kind: z.enum(['bank', 'cash', 'card', 'savings']),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, { error: () => i18next.t('common:validation.currency') }),
  opening_balance: z.string().refine((text) => parseAmount(text || '0') !== null, {
    error: () => i18next.t('common:validation.amount'),
  }),
  iban: z.string().trim().max(50),
  archived: z.boolean(),
})
type Values = z.infer<typeof schema>

function AccountForm({ account, onDone }: { account: Account | null; onDone: () => void }) {
  const { t } = useTranslation('accounts')
  const user = useUser()
  const save = useSaveAccount()
  const form = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: {
      name: account?.name ?? '',
      kind: account?.kind ?? 'bank',
      currency: account?.currency ?? user.base_currency,
      opening_balance: account?.opening_balance ?? '0',
      iban: account?.iban ?? '',
      archived: account?.archived ?? false,
    },
  })
  const errors = form.formState.errors
  return (
    <form
      noValidate
      onSubmit={form.handleSubmit((values) =>
        save.mutate(
          {
            id: account?.id,
            values: {
              ...values,
              opening_balance: parseAmount(values.opening_balance || '0') ?? '0',
              iban: values.iban || null,
            },
          },
          {
            onSuccess: () => {
              form.reset()
              onDone()
            },
          },
        ),
      )}
    >
      {save.isError ? <Notice tone="error">{errorMessage(save.error)}</Notice> : null}
      <TextField label={t('form.name')} error={errors.name?.message} {...form.register('name')} />
      <div className="field-row">
        <SelectField label={t('form.kind')} {...form.register('kind')}>
          {KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`kinds.${kind}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('form.currency')}
          error={errors.currency?.message}
          {...form.register('currency')}
        >
          {[...new Set([user.base_currency, ...CURRENCIES])].map((code) => (
            <option key={code}>{code}</option>
          ))}
        </SelectField>
      </div>
      <div className="field-row">
        <TextField
          label={t('form.openingBalance')}
          inputMode="decimal"
          error={errors.opening_balance?.message}
          {...form.register('opening_balance')}
        />
        <TextField
          label={t('form.iban')}
          autoComplete="off"
          error={errors.iban?.message}
          {...form.register('iban')}
        />
      </div>
      {account ? (
        <label className="check">
          <input type="checkbox" {...form.register('archived')} /> {t('form.archived')}
        </label>
      ) : null}
      <Button type="submit" busy={save.isPending}>
        {account ? t('form.save') : t('form.add')}
      </Button>
    </form>
  )
}

/**
 * `banking` is the bank connections' panel and `renderReconciliation` an account's comparison
 * with its stated balance, which the app puts here.
 */
export function AccountsPage({
  banking,
  renderReconciliation,
}: {
  banking?: ReactNode
  renderReconciliation?: (account: Account) => ReactNode
}) {
  const { t } = useTranslation(['accounts', 'common'])
  const format = useFormat()
  const accounts = useAccounts()
  const remove = useDeleteAccount()
  const [editing, setEditing] = useState<Account | null>(null)
  const [deleting, setDeleting] = useState<Account | null>(null)
  return (
    <div className="page">
      <h1>{t('title')}</h1>
      {banking}
      <section className="panel" aria-labelledby="new-account">
        <h2 id="new-account">{t('newTitle')}</h2>
        <AccountForm account={null} onDone={() => undefined} />
      </section>
      <section className="panel" aria-label={t('yours')}>
        {accounts.isPending ? <Loading /> : null}
        {accounts.isError ? (
          <ErrorState error={accounts.error} onRetry={() => void accounts.refetch()} />
        ) : null}
        {accounts.data?.length === 0 ? <EmptyState title={t('none')} /> : null}
        {remove.isError ? <Notice tone="error">{errorMessage(remove.error)}</Notice> : null}
        {accounts.data && accounts.data.length > 0 ? (
          <ul className="card-list">
            {accounts.data.map((account) => (
              <li key={account.id} className="account-card">
                <div>
                  <p className="account-name">{account.name}</p>
                  <p className="muted">
                    {t(`kinds.${account.kind}`)} · {account.currency}
                    {account.archived ? ` · ${t('archived')}` : ''}
                  </p>
                  {account.iban ? <p className="muted iban">{groupIban(account.iban)}</p> : null}
                  {renderReconciliation?.(account)}
                </div>
                <p className="account-balance" aria-label={t('balanceOf', { name: account.name })}>
                  {format.money(account.balance, account.currency)}
                </p>
                <RowActions
                  name={account.name}
                  onEdit={() => setEditing(account)}
                  onDelete={() => setDeleting(account)}
                />
              </li>
            ))}
          </ul>
        ) : null}
      </section>
      <Dialog open={editing !== null} title={t('editTitle')} onClose={() => setEditing(null)}>
        {editing ? (
          <AccountForm key={editing.id} account={editing} onDone={() => setEditing(null)} />
        ) : null}
        <div className="actions">
          <Button variant="secondary" onClick={() => setEditing(null)}>
            {t('common:actions.cancel')}
          </Button>
        </div>
      </Dialog>
      <ConfirmDialog
        open={deleting !== null}
        title={t('deleteTitle')}
        confirmLabel={t('deleteConfirm')}
        cancelLabel={t('keep')}
        busy={remove.isPending}
        onCancel={() => setDeleting(null)}
        onConfirm={() =>
          deleting && remove.mutate(deleting.id, { onSuccess: () => setDeleting(null) })
        }
      >
        <p>
          {t('deleteBefore')} <strong>{deleting?.name}</strong> {t('deleteAfter')}
        </p>
      </ConfirmDialog>
    </div>
  )
}
