import { useUser } from '@/api/auth'
import { lazy, Suspense, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { useAccounts, useCategories } from '@/api/ledger'
import { SelectField } from '@/components/ui/field'
import { Notice } from '@/components/ui/notice'
import { EmptyState, ErrorState, Loading } from '@/components/ui/states'
import {
  useBalance,
  useByCategory,
  useByMonth,
  useSummary,
  type Period,
} from '@/features/dashboard/api/reports'
import { isoDate, monthsAgo, startOfMonth } from '@/lib/dates'
import { useFormat } from '@/i18n/use-format'

// The chart library is the largest download of the app: the figures show first, charts follow.
const charts = () => import('@/features/dashboard/components/charts')
const BalanceChart = lazy(() => charts().then((module) => ({ default: module.BalanceChart })))
const CategoryChart = lazy(() => charts().then((module) => ({ default: module.CategoryChart })))
const MonthChart = lazy(() => charts().then((module) => ({ default: module.MonthChart })))

// Far from every default category's colour, Transfers' grey included.
const UNCATEGORISED_COLOUR = '#d6d3d1'

interface QueryState {
  isPending: boolean
  isError: boolean
  error: unknown
  refetch: () => unknown
}

function Card({
  title,
  query,
  children,
}: {
  title: string
  query: QueryState
  children: ReactNode
}) {
  const { t } = useTranslation('dashboard')
  return (
    <section className="panel card" aria-label={title}>
      <h2>{title}</h2>
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <Suspense fallback={<Loading label={t('drawing')} />}>{children}</Suspense>
      )}
    </section>
  )
}

function Unconverted({ currencies }: { currencies: string[] | undefined }) {
  const { t } = useTranslation('dashboard')
  if (!currencies?.length) return null
  return <p className="muted small">{t('unconverted', { currencies: currencies.join(', ') })}</p>
}

/** `cards` are the other features' cards (budgets, goals), which the app puts in the grid. */
export function DashboardPage({ cards }: { cards?: ReactNode }) {
  const { t } = useTranslation('dashboard')
  const format = useFormat()
  const user = useUser()
  const accounts = useAccounts()
  const categories = useCategories()
  const [currency, setCurrency] = useState(user.base_currency)
  const today = new Date()
  const month: Period = {
    date_from: isoDate(startOfMonth(today)),
    date_to: isoDate(today),
    currency,
  }
  const year: Period = {
    date_from: isoDate(monthsAgo(today, 11)),
    date_to: isoDate(today),
    currency,
  }
  const summary = useSummary(month)
  const byCategory = useByCategory(month)
  const byMonth = useByMonth(year)
  const balance = useBalance(year)

  const currencies = [
    ...new Set([user.base_currency, ...(accounts.data ?? []).map((account) => account.currency)]),
  ]
  const totals = summary.data?.totals.find((line) => line.currency === currency)
  const inCurrency = (accounts.data ?? []).filter(
    (account) => account.currency === currency && !account.archived,
  )
  const netWorth =
    inCurrency.reduce((sum, account) => sum + Math.round(Number(account.balance) * 100), 0) / 100
  const otherCurrencies = [
    ...new Set(
      (accounts.data ?? [])
        .filter((account) => account.currency !== currency)
        .map((a) => a.currency),
    ),
  ]
  const categoryNames = new Map((categories.data ?? []).map((category) => [category.id, category]))
  const slices = (byCategory.data?.items ?? [])
    .filter((line) => line.currency === currency && Number(line.expense) < 0)
    .map((line) => {
      const category = line.category_id ? categoryNames.get(line.category_id) : undefined
      return {
        name: category?.name ?? t('uncategorised'),
        colour: category?.colour ?? UNCATEGORISED_COLOUR,
        value: -Number(line.expense),
      }
    })
    .sort((a, b) => b.value - a.value)
  const months = (byMonth.data?.items ?? [])
    .filter((line) => line.currency === currency)
    .map((line) => ({
      month: line.month,
      income: Number(line.income),
      expense: -Number(line.expense),
    }))
  const balancePoints = (
    balance.data?.overall.find((series) => series.currency === currency)?.points ?? []
  ).map((point) => ({
    date: point.date,
    balance: Number(point.balance),
  }))

  if (accounts.isSuccess && accounts.data.length === 0) {
    return (
      <div className="page">
        <h1>{t('title')}</h1>
        <EmptyState title={t('welcomeTitle')}>
          <p>
            {t('welcomeBefore')} <Link to="/accounts">{t('welcomeLink')}</Link> {t('welcomeAfter')}
          </p>
        </EmptyState>
      </div>
    )
  }

  return (
    <div className="page">
      <div className="page-header">
        <h1>{t('title')}</h1>
        <SelectField
          label={t('currency')}
          value={currency}
          onChange={(event) => setCurrency(event.target.value)}
          className="compact"
        >
          {currencies.map((code) => (
            <option key={code}>{code}</option>
          ))}
        </SelectField>
      </div>
      {accounts.isError ? <Notice tone="error">{t('accountsFailed')}</Notice> : null}
      <div className="grid">
        <Card title={t('netWorth')} query={accounts}>
          <p className="figure" data-testid="net-worth">
            {format.money(netWorth, currency)}
          </p>
          <p className="muted small">
            {t('accountsIn', { count: inCurrency.length, currency })}
            {otherCurrencies.length
              ? t('notIncluded', { currencies: otherCurrencies.join(', ') })
              : ''}
          </p>
        </Card>
        <Card title={t('thisMonth')} query={summary}>
          <dl className="totals">
            <div>
              <dt>{t('income')}</dt>
              <dd className="in" data-testid="month-income">
                {format.money(totals?.income ?? 0, currency)}
              </dd>
            </div>
            <div>
              <dt>{t('expenses')}</dt>
              <dd className="out" data-testid="month-expense">
                {format.money(totals?.expense ?? 0, currency)}
              </dd>
            </div>
            <div>
              <dt>{t('net')}</dt>
              <dd data-testid="month-net">{format.money(totals?.net ?? 0, currency)}</dd>
            </div>
          </dl>
          <Unconverted currencies={summary.data?.unconverted_currencies} />
        </Card>
        {cards}
      </div>
      <Card title={t('balance')} query={balance}>
        {balancePoints.length ? (
          <BalanceChart points={balancePoints} currency={currency} />
        ) : (
          <EmptyState title={t('noBalance')} />
        )}
      </Card>
      <div className="grid">
        <Card title={t('byCategory')} query={byCategory}>
          {slices.length ? (
            <div className="chart-with-legend">
              <CategoryChart slices={slices} currency={currency} />
              <ul className="legend" aria-label={t('byCategory')}>
                {slices.map((slice) => (
                  <li key={slice.name}>
                    <span
                      className="swatch"
                      style={{ background: slice.colour }}
                      aria-hidden="true"
                    />
                    <span>{slice.name}</span>
                    <span className="num">{format.money(slice.value, currency)}</span>
                  </li>
                ))}
              </ul>
            </div>
          ) : (
            <EmptyState title={t('noSpending')} />
          )}
          <Unconverted currencies={byCategory.data?.unconverted_currencies} />
        </Card>
        <Card title={t('byMonth')} query={byMonth}>
          {months.length ? (
            <MonthChart months={months} currency={currency} />
          ) : (
            <EmptyState title={t('noMonths')} />
          )}
          <Unconverted currencies={byMonth.data?.unconverted_currencies} />
        </Card>
      </div>
    </div>
  )
}
