import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { errorMessage } from '@/api/errors'
import { useAccounts, useCategories, useTags } from '@/api/ledger'
import { Button } from '@/components/ui/button'
import { NamedOptions, SelectField, TextField } from '@/components/ui/field'
import { Notice } from '@/components/ui/notice'
import { useSaveRule, type Condition, type RuleCreate } from '@/features/rules/api/rules'

type Field = Condition['field']
const FIELDS: Field[] = [
  'description',
  'counterparty_name',
  'counterparty_account',
  'amount',
  'account',
  'direction',
  'currency',
]
const TEXT_FIELDS: Field[] = ['description', 'counterparty_name', 'counterparty_account']
const TEXT_OPS = ['contains', 'starts_with', 'equals', 'matches'] as const
const AMOUNT_OPS = ['equals', 'above', 'below', 'between'] as const

/** A condition in the form's terms: every input as text, whatever the field. */
interface Row {
  field: Field
  op: string
  value: string
  valueTo: string
}

function toRow(condition: Condition): Row {
  const row: Row = { field: condition.field, op: '', value: '', valueTo: '' }
  if ('op' in condition) row.op = condition.op
  if ('value' in condition) row.value = condition.value
  if ('value_to' in condition) row.valueTo = condition.value_to ?? ''
  if ('account_id' in condition) row.value = condition.account_id
  return row
}

function toCondition(row: Row): Condition {
  switch (row.field) {
    case 'amount':
      return {
        field: 'amount',
        op: row.op as (typeof AMOUNT_OPS)[number],
        value: row.value,
        value_to: row.op === 'between' ? row.valueTo : null,
      }
    case 'account':
      return { field: 'account', account_id: row.value }
    case 'direction':
      return { field: 'direction', value: row.value as 'in' | 'out' }
    case 'currency':
      return { field: 'currency', value: row.value.toUpperCase() }
    default:
      return { field: row.field, op: row.op as (typeof TEXT_OPS)[number], value: row.value }
  }
}

function freshRow(field: Field): Row {
  if (field === 'amount') return { field, op: 'equals', value: '', valueTo: '' }
  if (field === 'direction') return { field, op: '', value: 'out', valueTo: '' }
  if (field === 'account' || field === 'currency') return { field, op: '', value: '', valueTo: '' }
  return { field, op: 'contains', value: '', valueTo: '' }
}

export function RuleForm({
  id,
  initial,
  onDone,
}: {
  id: string | null
  initial: RuleCreate
  onDone: () => void
}) {
  const { t } = useTranslation(['rules', 'common'])
  const accounts = useAccounts()
  const categories = useCategories()
  const tags = useTags()
  const save = useSaveRule()
  const [name, setName] = useState(initial.name)
  const [match, setMatch] = useState(initial.match ?? 'all')
  const [rows, setRows] = useState<Row[]>(initial.conditions.map(toRow))
  const [categoryId, setCategoryId] = useState(initial.category_id ?? '')
  const [tagIds, setTagIds] = useState<string[]>(initial.tag_ids ?? [])
  const [displayName, setDisplayName] = useState(initial.display_name ?? '')
  const [problem, setProblem] = useState<string | null>(null)

  const update = (index: number, change: Partial<Row>) =>
    setRows(rows.map((row, n) => (n === index ? { ...row, ...change } : row)))

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (!name.trim()) return setProblem(t('nameMissing'))
    if (!categoryId && tagIds.length === 0 && !displayName.trim()) return setProblem(t('noAction'))
    setProblem(null)
    save.mutate(
      {
        id,
        body: {
          name,
          match,
          conditions: rows.map(toCondition),
          category_id: categoryId || null,
          tag_ids: tagIds,
          display_name: displayName.trim() || null,
        },
      },
      { onSuccess: onDone },
    )
  }

  return (
    <form onSubmit={submit} noValidate>
      <TextField label={t('name')} value={name} onChange={(e) => setName(e.target.value)} />
      <SelectField
        label={t('match')}
        value={match}
        onChange={(e) => setMatch(e.target.value as 'all' | 'any')}
      >
        <option value="all">{t('matchAll')}</option>
        <option value="any">{t('matchAny')}</option>
      </SelectField>
      <fieldset>
        <legend>{t('conditions')}</legend>
        {rows.map((row, index) => (
          <fieldset key={index} className="rule-condition">
            <legend>{t('condition', { number: index + 1 })}</legend>
            <SelectField
              label={t('field')}
              value={row.field}
              onChange={(e) => update(index, freshRow(e.target.value as Field))}
            >
              {FIELDS.map((field) => (
                <option key={field} value={field}>
                  {t(`fields.${field}`)}
                </option>
              ))}
            </SelectField>
            {row.field === 'amount' || TEXT_FIELDS.includes(row.field) ? (
              <SelectField
                label={t('operator')}
                value={row.op}
                onChange={(e) => update(index, { op: e.target.value })}
              >
                {(row.field === 'amount' ? AMOUNT_OPS : TEXT_OPS).map((op) => (
                  <option key={op} value={op}>
                    {t(`ops.${op}`)}
                  </option>
                ))}
              </SelectField>
            ) : null}
            {row.field === 'account' ? (
              <SelectField
                label={t('value')}
                value={row.value}
                onChange={(e) => update(index, { value: e.target.value })}
              >
                <option value="" />
                <NamedOptions items={accounts.data ?? []} />
              </SelectField>
            ) : row.field === 'direction' ? (
              <SelectField
                label={t('value')}
                value={row.value}
                onChange={(e) => update(index, { value: e.target.value })}
              >
                <option value="out">{t('directions.out')}</option>
                <option value="in">{t('directions.in')}</option>
              </SelectField>
            ) : (
              <TextField
                label={t('value')}
                value={row.value}
                maxLength={row.field === 'currency' ? 3 : 100}
                inputMode={row.field === 'amount' ? 'decimal' : undefined}
                onChange={(e) => update(index, { value: e.target.value })}
              />
            )}
            {row.field === 'amount' && row.op === 'between' ? (
              <TextField
                label={t('valueTo')}
                value={row.valueTo}
                inputMode="decimal"
                onChange={(e) => update(index, { valueTo: e.target.value })}
              />
            ) : null}
            {rows.length > 1 ? (
              <Button variant="ghost" onClick={() => setRows(rows.filter((_, n) => n !== index))}>
                {t('removeCondition', { number: index + 1 })}
              </Button>
            ) : null}
          </fieldset>
        ))}
        <Button variant="secondary" onClick={() => setRows([...rows, freshRow('description')])}>
          {t('addCondition')}
        </Button>
      </fieldset>
      <fieldset>
        <legend>{t('actions')}</legend>
        <SelectField
          label={t('category')}
          value={categoryId}
          onChange={(e) => setCategoryId(e.target.value)}
        >
          <option value="">{t('noCategory')}</option>
          <NamedOptions items={categories.data ?? []} />
        </SelectField>
        <fieldset>
          <legend>{t('tags')}</legend>
          {(tags.data ?? []).map((tag) => (
            <label key={tag.id} className="check">
              <input
                type="checkbox"
                checked={tagIds.includes(tag.id)}
                onChange={(e) =>
                  setTagIds(
                    e.target.checked ? [...tagIds, tag.id] : tagIds.filter((x) => x !== tag.id),
                  )
                }
              />{' '}
              {tag.name}
            </label>
          ))}
        </fieldset>
        <TextField
          label={t('displayName')}
          value={displayName}
          maxLength={200}
          onChange={(e) => setDisplayName(e.target.value)}
        />
      </fieldset>
      {problem || save.error ? (
        <Notice tone="error">{problem ?? errorMessage(save.error)}</Notice>
      ) : null}
      <div className="actions">
        <Button type="submit" busy={save.isPending}>
          {t('common:actions.save')}
        </Button>
        <Button variant="secondary" onClick={onDone}>
          {t('common:actions.cancel')}
        </Button>
      </div>
    </form>
  )
}
