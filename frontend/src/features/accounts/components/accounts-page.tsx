import { zodResolver } from '@hookform/resolvers/zod'
import { useState } from 'react'
import { useForm } from 'react-hook-form'
import { z } from 'zod'
import { errorMessage } from '@/api/errors'
import { useAccounts, useDeleteAccount, useSaveAccount } from '@/api/ledger'
import type { Account, AccountKind } from '@/api/ledger-types'
import { useUser } from '@/app/router'
import { Button, RowActions } from '@/components/ui/button'
import { ConfirmDialog } from '@/components/ui/confirm-dialog'
import { Dialog } from '@/components/ui/dialog'
import { SelectField, TextField } from '@/components/ui/field'
import { Notice } from '@/components/ui/notice'
import { EmptyState, ErrorState, Loading } from '@/components/ui/states'
import { BankConnections } from '@/features/banking/components/bank-connections'
import { useFormat } from '@/i18n/use-format'
import { CURRENCIES, parseAmount } from '@/lib/money'

const KINDS: Record<AccountKind, string> = {
  bank: 'Bank account',
  cash: 'Cash',
  card: 'Card',
  savings: 'Savings',
}

const schema = z.object({
  name: z.string().trim().min(1, 'Name the account.').max(100),
  kind: z.enum(['bank', 'cash', 'card', 'savings']),
  currency: z.string().regex(/^[A-Z]{3}$/, 'Choose a currency.'),
  opening_balance: z
    .string()
    .refine((text) => parseAmount(text || '0') !== null, 'Enter an amount like 1250.00.'),
  iban: z.string().trim().max(50),
  archived: z.boolean(),
})
type Values = z.infer<typeof schema>

function AccountForm({ account, onDone }: { account: Account | null; onDone: () => void }) {
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
      <TextField label="Account name" error={errors.name?.message} {...form.register('name')} />
      <div className="field-row">
        <SelectField label="Kind" {...form.register('kind')}>
          {Object.entries(KINDS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </SelectField>
        <SelectField
          label="Currency"
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
          label="Opening balance"
          inputMode="decimal"
          error={errors.opening_balance?.message}
          {...form.register('opening_balance')}
        />
        <TextField
          label="IBAN (optional)"
          autoComplete="off"
          error={errors.iban?.message}
          {...form.register('iban')}
        />
      </div>
      {account ? (
        <label className="check">
          <input type="checkbox" {...form.register('archived')} /> Archived (kept for history, left
          out of net worth)
        </label>
      ) : null}
      <Button type="submit" busy={save.isPending}>
        {account ? 'Save account' : 'Add account'}
      </Button>
    </form>
  )
}

export function AccountsPage() {
  const format = useFormat()
  const accounts = useAccounts()
  const remove = useDeleteAccount()
  const [editing, setEditing] = useState<Account | null>(null)
  const [deleting, setDeleting] = useState<Account | null>(null)
  return (
    <div className="page">
      <h1>Accounts</h1>
      <BankConnections />
      <section className="panel" aria-labelledby="new-account">
        <h2 id="new-account">New manual account</h2>
        <AccountForm account={null} onDone={() => undefined} />
      </section>
      <section className="panel" aria-label="Your accounts">
        {accounts.isPending ? <Loading /> : null}
        {accounts.isError ? (
          <ErrorState error={accounts.error} onRetry={() => void accounts.refetch()} />
        ) : null}
        {accounts.data?.length === 0 ? (
          <EmptyState title="No accounts yet. Add one above to start recording money." />
        ) : null}
        {remove.isError ? <Notice tone="error">{errorMessage(remove.error)}</Notice> : null}
        {accounts.data && accounts.data.length > 0 ? (
          <ul className="card-list">
            {accounts.data.map((account) => (
              <li key={account.id} className="account-card">
                <div>
                  <p className="account-name">{account.name}</p>
                  <p className="muted">
                    {KINDS[account.kind]} · {account.currency}
                    {account.iban ? ` · ${account.iban}` : ''}
                    {account.archived ? ' · archived' : ''}
                  </p>
                </div>
                <p className="account-balance" aria-label={`Balance of ${account.name}`}>
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
      <Dialog open={editing !== null} title="Edit account" onClose={() => setEditing(null)}>
        {editing ? (
          <AccountForm key={editing.id} account={editing} onDone={() => setEditing(null)} />
        ) : null}
        <div className="actions">
          <Button variant="secondary" onClick={() => setEditing(null)}>
            Cancel
          </Button>
        </div>
      </Dialog>
      <ConfirmDialog
        open={deleting !== null}
        title="Delete account?"
        confirmLabel="Delete account"
        cancelLabel="Keep it"
        busy={remove.isPending}
        onCancel={() => setDeleting(null)}
        onConfirm={() =>
          deleting && remove.mutate(deleting.id, { onSuccess: () => setDeleting(null) })
        }
      >
        <p>
          Delete <strong>{deleting?.name}</strong> with all its transactions? This cannot be undone.
        </p>
      </ConfirmDialog>
    </div>
  )
}
