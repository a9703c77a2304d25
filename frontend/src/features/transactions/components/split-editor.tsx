import { useFieldArray, useForm, useWatch } from 'react-hook-form'
import { useTranslation } from 'react-i18next'
import { errorMessage } from '@/api/errors'
import type { Category, Tag, Transaction } from '@/api/ledger-types'
import { Button } from '@/components/ui/button'
import { TextField } from '@/components/ui/field'
import { Notice } from '@/components/ui/notice'
import { useSplitTransaction } from '@/features/transactions/api/transactions'
import { CategorySelect, TagChecks } from '@/features/transactions/components/category-and-tags'
import { useFormat } from '@/i18n/use-format'
import { parseAmount } from '@/lib/money'

interface PartValues {
  amount: string
  category_id: string
  tag_ids: string[]
  note: string
}

/** Hundredths of a decimal amount ("-12.30" → -1230); null when it does not parse. */
function hundredths(text: string): number | null {
  const parsed = parseAmount(text)
  return parsed === null ? null : Math.round(Number(parsed) * 100)
}

/** Parts are typed in the direction of the whole (an expense's parts as positive numbers). */
function typed(amount: string, negative: boolean): string {
  if (!negative) return amount
  return amount.startsWith('-') ? amount.slice(1) : `-${amount}`
}

function emptyPart(): PartValues {
  return { amount: '', category_id: '', tag_ids: [], note: '' }
}

interface Props {
  transaction: Transaction
  categories: Category[]
  tags: Tag[]
  onDone: () => void
}

/** Splits a transaction into parts with their own amount, category, tags and note. */
export function SplitEditor({ transaction, categories, tags, onDone }: Props) {
  const { t } = useTranslation(['transactions', 'common'])
  const format = useFormat()
  const split = useSplitTransaction()
  const negative = transaction.amount.startsWith('-')
  const existing = transaction.parts ?? []
  const form = useForm<{ parts: PartValues[] }>({
    defaultValues: {
      parts: existing.length
        ? existing.map((part) => ({
            amount: typed(part.amount, negative),
            category_id: part.category_id ?? '',
            tag_ids: part.tag_ids,
            note: part.note ?? '',
          }))
        : [
            {
              ...emptyPart(),
              amount: typed(transaction.amount, negative),
              category_id: transaction.category_id ?? '',
            },
            emptyPart(),
          ],
    },
  })
  const { fields, append, remove } = useFieldArray({ control: form.control, name: 'parts' })
  const parts = useWatch({ control: form.control, name: 'parts' })
  const whole = hundredths(transaction.amount) ?? 0
  const assigned = parts.reduce((sum, part) => sum + (hundredths(part.amount) ?? 0), 0)
  const remaining = (negative ? -whole : whole) - assigned
  const unreadable = parts.some((part) => hundredths(part.amount) === null)

  const save = (body: { parts: PartValues[] }) =>
    split.mutate(
      {
        id: transaction.id,
        body: {
          parts: body.parts.map((part) => ({
            amount: typed(parseAmount(part.amount) ?? '0', negative),
            category_id: part.category_id || null,
            tag_ids: part.tag_ids,
            note: part.note.trim() || null,
          })),
        },
      },
      { onSuccess: onDone },
    )

  return (
    <form
      noValidate
      aria-label={t('split.title')}
      className="split-editor"
      onSubmit={form.handleSubmit(save)}
    >
      <h3>{t('split.title')}</h3>
      {split.isError ? <Notice tone="error">{errorMessage(split.error)}</Notice> : null}
      {fields.map((field, index) => (
        <fieldset key={field.id} className="split-part">
          <legend>{t('split.part', { number: index + 1 })}</legend>
          <div className="field-row">
            <TextField
              label={t('split.amount')}
              inputMode="decimal"
              autoComplete="off"
              {...form.register(`parts.${index}.amount`)}
            />
            <CategorySelect
              categories={categories}
              field={form.register(`parts.${index}.category_id`)}
            />
          </div>
          <TagChecks tags={tags} field={form.register(`parts.${index}.tag_ids`)} />
          <TextField label={t('form.note')} {...form.register(`parts.${index}.note`)} />
          {fields.length > 2 ? (
            <Button variant="ghost" onClick={() => remove(index)}>
              {t('split.removePart', { number: index + 1 })}
            </Button>
          ) : null}
        </fieldset>
      ))}
      <p className={remaining === 0 ? 'muted' : 'field-error'} role="status">
        {unreadable
          ? t('split.unreadable')
          : remaining === 0
            ? t('split.balanced')
            : t('split.remaining', {
                amount: format.money((remaining / 100).toFixed(2), transaction.currency),
              })}
      </p>
      <div className="actions">
        <Button variant="secondary" onClick={() => append(emptyPart())}>
          {t('split.addPart')}
        </Button>
        {existing.length ? (
          <Button
            variant="secondary"
            busy={split.isPending}
            onClick={() =>
              split.mutate({ id: transaction.id, body: { parts: [] } }, { onSuccess: onDone })
            }
          >
            {t('split.remove')}
          </Button>
        ) : null}
        <Button type="submit" busy={split.isPending} disabled={unreadable || remaining !== 0}>
          {t('split.save')}
        </Button>
      </div>
    </form>
  )
}
