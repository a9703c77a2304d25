import { useEffect, useState } from 'react'
import type { Account, Category, Tag } from '@/api/ledger-types'
import { Button } from '@/components/ui/button'
import { NamedOptions, SelectField, TextField } from '@/components/ui/field'
import { FILTER_KEYS, type FilterKey, type Filters } from '@/features/transactions/api/transactions'

interface Props {
  filters: Filters
  onChange: (filters: Filters) => void
  accounts: Account[]
  categories: Category[]
  tags: Tag[]
}

const MORE = FILTER_KEYS.filter((key) => key !== 'q' && key !== 'sort')

/** Dates, selects and type apply at once; typed text applies after a short pause. */
export function TransactionFilters({ filters, onChange, accounts, categories, tags }: Props) {
  const [text, setText] = useState({
    q: filters.q ?? '',
    amount_min: filters.amount_min ?? '',
    amount_max: filters.amount_max ?? '',
  })

  useEffect(() => {
    const timer = setTimeout(() => {
      const changed = (Object.keys(text) as (keyof typeof text)[]).some(
        (key) => (filters[key] ?? '') !== text[key].trim(),
      )
      if (changed)
        onChange({
          ...filters,
          q: text.q.trim(),
          amount_min: text.amount_min.trim(),
          amount_max: text.amount_max.trim(),
        })
    }, 350)
    return () => clearTimeout(timer)
  }, [text, filters, onChange])

  // Open on a wide screen, or when one of its filters is in use; a phone starts with it folded.
  const [open, setOpen] = useState(
    () =>
      MORE.some((key) => filters[key]) ||
      (typeof window.matchMedia === 'function' && window.matchMedia('(min-width: 721px)').matches),
  )
  const set = (key: FilterKey) => (event: { target: { value: string } }) =>
    onChange({ ...filters, [key]: event.target.value })
  const active = Object.values(filters).some(Boolean)

  return (
    <form
      className="filters panel"
      role="search"
      aria-label="Filter transactions"
      onSubmit={(event) => event.preventDefault()}
    >
      <TextField
        label="Search"
        type="search"
        placeholder="Description or counterparty"
        value={text.q}
        onChange={(event) => setText({ ...text, q: event.target.value })}
      />
      <SelectField label="Sort" value={filters.sort ?? '-booked_on'} onChange={set('sort')}>
        <option value="-booked_on">Newest first</option>
        <option value="booked_on">Oldest first</option>
        <option value="amount">Largest expense first</option>
        <option value="-amount">Largest income first</option>
      </SelectField>
      <details
        className="more-filters"
        open={open}
        onToggle={(event) => setOpen(event.currentTarget.open)}
      >
        <summary>
          Filters
          {MORE.some((key) => filters[key])
            ? ` (${MORE.filter((key) => filters[key]).length} in use)`
            : ''}
        </summary>
        <div className="filter-grid">
          <TextField
            label="From"
            type="date"
            value={filters.date_from ?? ''}
            onChange={set('date_from')}
          />
          <TextField
            label="To"
            type="date"
            value={filters.date_to ?? ''}
            onChange={set('date_to')}
          />
          <SelectField
            label="Account"
            value={filters.account_id ?? ''}
            onChange={set('account_id')}
          >
            <option value="">All accounts</option>
            <NamedOptions items={accounts} />
          </SelectField>
          <SelectField
            label="Category"
            value={filters.category_id ?? ''}
            onChange={set('category_id')}
          >
            <option value="">All categories</option>
            <option value="none">Uncategorised</option>
            <NamedOptions items={categories} />
          </SelectField>
          <SelectField label="Tag" value={filters.tag_id ?? ''} onChange={set('tag_id')}>
            <option value="">All tags</option>
            <NamedOptions items={tags} />
          </SelectField>
          <SelectField label="Type" value={filters.type ?? ''} onChange={set('type')}>
            <option value="">Income and expenses</option>
            <option value="income">Income</option>
            <option value="expense">Expenses</option>
          </SelectField>
          <TextField
            label="Amount from"
            inputMode="decimal"
            placeholder="-500"
            value={text.amount_min}
            onChange={(event) => setText({ ...text, amount_min: event.target.value })}
          />
          <TextField
            label="Amount to"
            inputMode="decimal"
            placeholder="0"
            value={text.amount_max}
            onChange={(event) => setText({ ...text, amount_max: event.target.value })}
          />
        </div>
      </details>
      {active ? (
        <Button
          variant="ghost"
          onClick={() => {
            setText({ q: '', amount_min: '', amount_max: '' })
            onChange({})
          }}
        >
          Clear filters
        </Button>
      ) : null}
    </form>
  )
}
