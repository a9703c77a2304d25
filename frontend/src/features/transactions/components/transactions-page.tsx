import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { useSearchParams } from 'react-router'
import { useAccounts, useCategories, useTags } from '@/api/ledger'
import type { Transaction } from '@/api/ledger-types'
import { Button } from '@/components/ui/button'
import { Dialog } from '@/components/ui/dialog'
import { EmptyState, ErrorState, Loading } from '@/components/ui/states'
import {
  filtersFromSearch,
  useTransactions,
  type Filters,
} from '@/features/transactions/api/transactions'
import { BulkBar } from '@/features/transactions/components/bulk-bar'
import { TransactionFilters } from '@/features/transactions/components/filters'
import { TransactionForm } from '@/features/transactions/components/transaction-form'
import { useFormat } from '@/i18n/use-format'

/** Asks for the next page when the end of the list scrolls into view. */
function useEndOfList(onReached: () => void, enabled: boolean) {
  const ref = useRef<HTMLDivElement>(null)
  useEffect(() => {
    const node = ref.current
    if (!node || !enabled || typeof IntersectionObserver === 'undefined') return
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) onReached()
    })
    observer.observe(node)
    return () => observer.disconnect()
  }, [onReached, enabled])
  return ref
}

export function TransactionsPage() {
  const format = useFormat()
  const [search, setSearch] = useSearchParams()
  const filters = useMemo(() => filtersFromSearch(search), [search])
  const setFilters = useCallback(
    (next: Filters) =>
      setSearch(Object.fromEntries(Object.entries(next).filter(([, value]) => value)), {
        replace: true,
      }),
    [setSearch],
  )
  const accounts = useAccounts()
  const categories = useCategories()
  const tags = useTags()
  const list = useTransactions(filters)
  const [selected, setSelected] = useState<Set<string>>(new Set())
  const [editing, setEditing] = useState<Transaction | 'new' | null>(null)

  const items = useMemo(() => list.data?.pages.flatMap((page) => page.items) ?? [], [list.data])
  const byId = <T extends { id: string }>(rows: T[] | undefined) =>
    new Map((rows ?? []).map((row) => [row.id, row]))
  const accountsById = byId(accounts.data)
  const categoriesById = byId(categories.data)
  const tagsById = byId(tags.data)
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = list
  const loadMore = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage()
  }, [hasNextPage, isFetchingNextPage, fetchNextPage])
  const endRef = useEndOfList(loadMore, Boolean(hasNextPage))

  const visibleSelected = items.filter((item) => selected.has(item.id)).map((item) => item.id)
  const allSelected = items.length > 0 && visibleSelected.length === items.length
  const toggle = (id: string) =>
    setSelected((current) => {
      const next = new Set(current)
      if (next.has(id)) next.delete(id)
      else next.add(id)
      return next
    })

  return (
    <div className="page">
      <div className="page-header">
        <h1>Transactions</h1>
        <Button onClick={() => setEditing('new')}>Add transaction</Button>
      </div>
      <TransactionFilters
        filters={filters}
        onChange={(next) => {
          setSelected(new Set())
          setFilters(next)
        }}
        accounts={accounts.data ?? []}
        categories={categories.data ?? []}
        tags={tags.data ?? []}
      />
      <BulkBar
        ids={visibleSelected}
        categories={categories.data ?? []}
        tags={tags.data ?? []}
        onDone={() => setSelected(new Set())}
      />
      <section className="panel" aria-label="Transaction list">
        {list.isPending ? <Loading label="Loading transactions…" /> : null}
        {list.isError ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        ) : null}
        {list.isSuccess && items.length === 0 ? (
          <EmptyState
            title={
              Object.keys(filters).length
                ? 'No transactions match these filters.'
                : 'No transactions yet.'
            }
          >
            {Object.keys(filters).length ? null : <p>Add one by hand, or connect an account.</p>}
          </EmptyState>
        ) : null}
        {items.length > 0 ? (
          <table className="tx-table">
            <caption className="sr-only">Transactions, newest first</caption>
            <thead>
              <tr>
                <th scope="col">
                  <input
                    type="checkbox"
                    aria-label="Select all shown"
                    checked={allSelected}
                    onChange={() =>
                      setSelected(allSelected ? new Set() : new Set(items.map((item) => item.id)))
                    }
                  />
                </th>
                <th scope="col">Date</th>
                <th scope="col">Description</th>
                <th scope="col">Category</th>
                <th scope="col">Account</th>
                <th scope="col" className="num">
                  Amount
                </th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => {
                const title = item.description || item.counterparty_name || '(no description)'
                const category = item.category_id ? categoriesById.get(item.category_id) : undefined
                return (
                  <tr
                    key={item.id}
                    className={selected.has(item.id) ? 'selected' : undefined}
                    data-testid="transaction-row"
                  >
                    <td>
                      <input
                        type="checkbox"
                        aria-label={`Select ${title}`}
                        checked={selected.has(item.id)}
                        onChange={() => toggle(item.id)}
                      />
                    </td>
                    <td className="tx-date">{format.date(item.booked_on)}</td>
                    <td className="tx-title">
                      <span>{title}</span>
                      {item.counterparty_name && item.description ? (
                        <span className="muted"> · {item.counterparty_name}</span>
                      ) : null}
                      {item.tag_ids.map((id) => (
                        <span
                          key={id}
                          className="pill"
                          style={{ borderColor: tagsById.get(id)?.colour }}
                        >
                          #{tagsById.get(id)?.name ?? 'tag'}
                        </span>
                      ))}
                    </td>
                    <td className="tx-category">
                      {category ? (
                        <span className="pill" style={{ borderColor: category.colour }}>
                          {category.name}
                        </span>
                      ) : (
                        <span className="muted">Uncategorised</span>
                      )}
                    </td>
                    <td className="tx-account muted">{accountsById.get(item.account_id)?.name}</td>
                    <td className={`num tx-amount ${item.amount.startsWith('-') ? 'out' : 'in'}`}>
                      {format.money(item.amount, item.currency)}
                    </td>
                    <td>
                      <Button
                        variant="ghost"
                        onClick={() => setEditing(item)}
                        aria-label={`Edit ${title}`}
                      >
                        Edit
                      </Button>
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        ) : null}
        <div ref={endRef} />
        {hasNextPage ? (
          <Button variant="secondary" busy={isFetchingNextPage} onClick={loadMore}>
            Load more
          </Button>
        ) : null}
      </section>
      <Dialog
        open={editing !== null}
        title={editing === 'new' ? 'New transaction' : 'Edit transaction'}
        onClose={() => setEditing(null)}
      >
        {editing !== null ? (
          <TransactionForm
            key={editing === 'new' ? 'new' : editing.id}
            transaction={editing === 'new' ? null : editing}
            accounts={accounts.data ?? []}
            categories={categories.data ?? []}
            tags={tags.data ?? []}
            onDone={() => setEditing(null)}
          />
        ) : null}
      </Dialog>
    </div>
  )
}
