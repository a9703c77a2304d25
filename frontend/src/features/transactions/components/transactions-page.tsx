import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { useSearchParams } from 'react-router'
import { useAccounts, useCategories, useTags } from '@/api/ledger'
import type { Transaction } from '@/api/ledger-types'
import { Button } from '@/components/ui/button'
import { Dialog } from '@/components/ui/dialog'
import { EmptyState, ErrorState, Loading } from '@/components/ui/states'
import {
  filtersFromSearch,
  toMatch,
  useTransactionCount,
  useTransactions,
  type Filters,
} from '@/features/transactions/api/transactions'
import { BulkBar } from '@/features/transactions/components/bulk-bar'
import { TransactionFilters } from '@/features/transactions/components/filters'
import { SplitEditor } from '@/features/transactions/components/split-editor'
import { TransactionForm } from '@/features/transactions/components/transaction-form'
import { TransactionHistory } from '@/features/transactions/components/transaction-history'
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

/**
 * What other features add, put here by the app: `actions` beside "Add" for the current filters
 * (the CSV export), `renderTransfer` in place of the category of a transaction that is one side
 * of a transfer, `rowActions` beside a row's Edit (a rule made from it).
 */
export function TransactionsPage({
  actions,
  renderTransfer,
  rowActions,
}: {
  actions?: (filters: Filters) => ReactNode
  renderTransfer?: (transaction: Transaction) => ReactNode
  rowActions?: (transaction: Transaction, title: string) => ReactNode
}) {
  const { t } = useTranslation(['transactions', 'common'])
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
  // With every loaded row selected and more to load, offer every match of the filters.
  const offerMatching = allSelected && Boolean(hasNextPage)
  const matchingCount = useTransactionCount(filters, offerMatching)
  const [allMatching, setAllMatching] = useState(false)
  const matching =
    allMatching && offerMatching && matchingCount.data
      ? { filters: toMatch(filters), count: matchingCount.data.count }
      : null
  const toggle = (id: string) => {
    setAllMatching(false)
    setSelected((current) => {
      const next = new Set(current)
      if (next.has(id)) next.delete(id)
      else next.add(id)
      return next
    })
  }

  return (
    <div className="page">
      <div className="page-header">
        <h1>{t('title')}</h1>
        <div className="actions">
          {actions?.(filters)}
          <Button onClick={() => setEditing('new')}>{t('add')}</Button>
        </div>
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
      {offerMatching && matchingCount.data && !matching ? (
        <div className="select-matching">
          <Button variant="secondary" onClick={() => setAllMatching(true)}>
            {t('bulk.selectAllMatching', { count: matchingCount.data.count })}
          </Button>
        </div>
      ) : null}
      <BulkBar
        ids={visibleSelected}
        matching={matching}
        categories={categories.data ?? []}
        tags={tags.data ?? []}
        onDone={() => {
          setAllMatching(false)
          setSelected(new Set())
        }}
      />
      <section className="panel" aria-label={t('list')}>
        {list.isPending ? <Loading label={t('loading')} /> : null}
        {list.isError ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        ) : null}
        {list.isSuccess && items.length === 0 ? (
          <EmptyState title={Object.keys(filters).length ? t('noneMatch') : t('none')}>
            {Object.keys(filters).length ? null : <p>{t('noneHint')}</p>}
          </EmptyState>
        ) : null}
        {items.length > 0 ? (
          <table className="tx-table">
            <caption className="sr-only">{t('caption')}</caption>
            <thead>
              <tr>
                <th scope="col">
                  <input
                    type="checkbox"
                    aria-label={t('selectAll')}
                    checked={allSelected}
                    onChange={() => {
                      setAllMatching(false)
                      setSelected(allSelected ? new Set() : new Set(items.map((item) => item.id)))
                    }}
                  />
                </th>
                <th scope="col">{t('columns.date')}</th>
                <th scope="col">{t('columns.description')}</th>
                <th scope="col">{t('columns.category')}</th>
                <th scope="col">{t('columns.account')}</th>
                <th scope="col" className="num">
                  {t('columns.amount')}
                </th>
                <th scope="col">
                  <span className="sr-only">{t('columns.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => {
                // The counterparty names the row; the description adds only what it does not say.
                const title =
                  item.display_name ||
                  item.counterparty_name ||
                  item.description ||
                  t('noDescription')
                const detail =
                  item.counterparty_name &&
                  item.description &&
                  !item.description.includes(item.counterparty_name)
                    ? item.description
                    : ''
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
                        aria-label={t('selectOne', { name: title })}
                        checked={selected.has(item.id)}
                        onChange={() => toggle(item.id)}
                      />
                    </td>
                    <td className="tx-date">{format.date(item.booked_on)}</td>
                    <td className="tx-title">
                      <span className="tx-name">{title}</span>
                      {detail ? <span className="tx-detail muted">{detail}</span> : null}
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
                      {item.transfer_id && renderTransfer ? (
                        renderTransfer(item)
                      ) : item.parts?.length ? (
                        <span
                          className="pill"
                          title={item.parts
                            .map(
                              (part) =>
                                `${format.money(part.amount, item.currency)} ${
                                  (part.category_id &&
                                    categoriesById.get(part.category_id)?.name) ||
                                  t('uncategorised')
                                }`,
                            )
                            .join(', ')}
                        >
                          {t('split.pill', { count: item.parts.length })}
                        </span>
                      ) : category ? (
                        <span className="pill" style={{ borderColor: category.colour }}>
                          {category.name}
                        </span>
                      ) : (
                        <span className="muted">{t('uncategorised')}</span>
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
                        aria-label={t('editOne', { name: title })}
                      >
                        {t('common:actions.edit')}
                      </Button>
                      {rowActions?.(item, title)}
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
            {t('loadMore')}
          </Button>
        ) : null}
      </section>
      <Dialog
        open={editing !== null}
        title={editing === 'new' ? t('newTitle') : t('editTitle')}
        onClose={() => setEditing(null)}
      >
        {editing !== null ? (
          <TransactionForm
            key={editing === 'new' ? 'new' : editing.id}
            transaction={editing === 'new' ? null : editing}
            accounts={accounts.data}
            categories={categories.data ?? []}
            tags={tags.data ?? []}
            onDone={() => setEditing(null)}
          />
        ) : null}
        {editing !== null && editing !== 'new' ? (
          <SplitEditor
            key={`split-${editing.id}`}
            transaction={editing}
            categories={categories.data ?? []}
            tags={tags.data ?? []}
            onDone={() => setEditing(null)}
          />
        ) : null}
        {editing !== null && editing !== 'new' ? (
          <TransactionHistory
            transaction={editing}
            categories={categories.data ?? []}
            tags={tags.data ?? []}
          />
        ) : null}
      </Dialog>
    </div>
  )
}
