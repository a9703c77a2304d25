import { zodResolver } from '@hookform/resolvers/zod'
import i18next from 'i18next'
import { useForm } from 'react-hook-form'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { errorMessage } from '@/api/errors'
import type { Account, Category, Tag, Transaction } from '@/api/ledger-types'
import { Button } from '@/components/ui/button'
import { SelectField, TextField } from '@/components/ui/field'
import { Notice } from '@/components/ui/notice'
import { Loading } from '@/components/ui/states'
import { useSaveTransaction } from '@/features/transactions/api/transactions'
import { CategorySelect, TagChecks } from '@/features/transactions/components/category-and-tags'
import { isoDate } from '@/lib/dates'
import { parseAmount } from '@/lib/money'

const schema = z.object({
  account_id: z.string().min(1, { error: () => i18next.t('transactions:form.chooseAccount') }),
  direction: z.enum(['out', 'in']),
  amount: z.string().refine(
    (text) => {
      const parsed = parseAmount(text)
      return parsed !== null && !parsed.startsWith('-') && Number(parsed) > 0
    },
    { error: () => i18next.t('transactions:form.amountAboveZero') },
  ),
  booked_on: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, {
    error: () => i18next.t('transactions:form.chooseDate'),
  }),
  description: z.string().trim().max(500),
  counterparty_name: z.string().trim().max(200),
  category_id: z.string(),
  tag_ids: z.array(z.string()),
  note: z.string().trim().max(2000),
})
type Values = z.infer<typeof schema>

interface Props {
  transaction: Transaction | null
  /** Undefined while they load. */
  accounts: Account[] | undefined
  categories: Category[]
  tags: Tag[]
  onDone: () => void
}

/** The form starts once the accounts are known: its first values (the account chosen for a
 * new transaction) are taken when it starts, and the dialog may open before they arrive. */
export function TransactionForm({ accounts, ...props }: Props) {
  const { t } = useTranslation('transactions')
  if (accounts === undefined) return <Loading />
  if (accounts.length === 0) return <Notice tone="info">{t('form.noAccount')}</Notice>
  return <Form accounts={accounts} {...props} />
}

function Form({
  transaction,
  accounts,
  categories,
  tags,
  onDone,
}: Props & { accounts: Account[] }) {
  const { t } = useTranslation(['transactions', 'common'])
  const save = useSaveTransaction()
  const form = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: {
      account_id: transaction?.account_id ?? accounts[0]?.id ?? '',
      direction: transaction && !transaction.amount.startsWith('-') ? 'in' : 'out',
      amount: transaction?.amount.replace('-', '') ?? '',
      booked_on: transaction?.booked_on ?? isoDate(new Date()),
      description: transaction?.description ?? '',
      counterparty_name: transaction?.counterparty_name ?? '',
      category_id: transaction?.category_id ?? '',
      tag_ids: transaction?.tag_ids ?? [],
      note: transaction?.note ?? '',
    },
  })
  const errors = form.formState.errors
  const onSubmit = form.handleSubmit(({ direction, amount, category_id, ...values }) => {
    const magnitude = parseAmount(amount) ?? '0'
    save.mutate(
      {
        id: transaction?.id,
        values: {
          ...values,
          amount: direction === 'out' ? `-${magnitude}` : magnitude,
          category_id: category_id || null,
          description: values.description || null,
          counterparty_name: values.counterparty_name || null,
          note: values.note || null,
        },
      },
      { onSuccess: onDone },
    )
  })
  return (
    <form noValidate onSubmit={onSubmit}>
      {save.isError ? <Notice tone="error">{errorMessage(save.error)}</Notice> : null}
      <fieldset className="segmented">
        <legend>{t('form.type')}</legend>
        <label>
          <input type="radio" value="out" {...form.register('direction')} /> {t('form.out')}
        </label>
        <label>
          <input type="radio" value="in" {...form.register('direction')} /> {t('form.in')}
        </label>
      </fieldset>
      <div className="field-row">
        <TextField
          label={t('form.amount')}
          inputMode="decimal"
          autoComplete="off"
          error={errors.amount?.message}
          {...form.register('amount')}
        />
        <TextField
          label={t('form.date')}
          type="date"
          error={errors.booked_on?.message}
          {...form.register('booked_on')}
        />
      </div>
      <TextField
        label={t('form.description')}
        error={errors.description?.message}
        {...form.register('description')}
      />
      <TextField
        label={t('form.counterparty')}
        error={errors.counterparty_name?.message}
        {...form.register('counterparty_name')}
      />
      <div className="field-row">
        <SelectField
          label={t('form.account')}
          error={errors.account_id?.message}
          {...form.register('account_id')}
        >
          {accounts.map((account) => (
            <option key={account.id} value={account.id}>
              {account.name} ({account.currency})
            </option>
          ))}
        </SelectField>
        <CategorySelect categories={categories} field={form.register('category_id')} />
      </div>
      <TagChecks tags={tags} field={form.register('tag_ids')} />
      <TextField label={t('form.note')} error={errors.note?.message} {...form.register('note')} />
      <div className="actions">
        <Button variant="secondary" onClick={onDone}>
          {t('common:actions.cancel')}
        </Button>
        <Button type="submit" busy={save.isPending}>
          {transaction ? t('form.save') : t('form.add')}
        </Button>
      </div>
    </form>
  )
}
