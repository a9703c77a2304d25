import type { QueryClient, QueryKey } from '@tanstack/react-query'

/** Every query key of the app, from one factory. Keys are hierarchical, so a change
 * invalidates a whole prefix (`queryKeys.reports.all`), and a renamed key fails `tsc` instead
 * of leaving a screen stale. */
export const queryKeys = {
  me: ['me'],
  authProviders: ['auth', 'providers'],
  identities: ['users', 'me', 'identities'],
  twoFactor: ['users', 'me', 'two-factor'],
  accesses: ['users', 'me', 'accesses'],
  impersonation: ['users', 'me', 'impersonation'],
  accounts: ['accounts'],
  categories: ['categories'],
  tags: ['tags'],
  transactions: {
    all: ['transactions'],
    list: (filters: Readonly<Record<string, string | undefined>>) =>
      ['transactions', 'list', filters] as const,
    count: (filters: object) => ['transactions', 'count', filters] as const,
    history: (id: string) => ['transactions', 'history', id] as const,
  },
  rules: {
    all: ['rules'],
    list: ['rules', 'list'],
    runs: ['rules', 'runs'],
    draft: (transactionId: string | null) => ['rules', 'draft', transactionId] as const,
    preview: (ruleId: string | null) => ['rules', 'preview', ruleId] as const,
  },
  reports: {
    all: ['reports'],
    report: (name: 'summary' | 'by-category' | 'by-month' | 'balance', params: object) =>
      ['reports', name, params] as const,
  },
  budgets: {
    all: ['budgets'],
    month: (month: string) => ['budgets', 'month', month] as const,
  },
  goals: { all: ['goals'], list: ['goals', 'list'], invitations: ['goals', 'invitations'] },
  notifications: {
    all: ['notifications'],
    list: ['notifications', 'list'],
    unreadCount: ['notifications', 'unread-count'],
    preferences: ['notifications', 'preferences'],
  },
  imports: {
    all: ['imports'],
    list: ['imports', 'list'],
    one: (id: string | null) => ['imports', 'one', id] as const,
  },
  bank: {
    all: ['bank'],
    providers: ['bank', 'providers'],
    connections: ['bank', 'connections'],
  },
  admin: { all: ['admin'], users: ['admin', 'users'], audit: ['admin', 'audit'] },
} as const

/** What a change to the ledger makes stale: balances, sums, budgets' spending and names move
 * with any transaction, account, category or tag. */
export const LEDGER_KEYS: readonly QueryKey[] = [
  queryKeys.transactions.all,
  queryKeys.reports.all,
  queryKeys.budgets.all,
  queryKeys.accounts,
]

export function invalidate(queryClient: QueryClient, keys: readonly QueryKey[]) {
  return Promise.all(keys.map((queryKey) => queryClient.invalidateQueries({ queryKey })))
}
