import type { QueryClient } from '@tanstack/react-query'
import { createBrowserRouter } from 'react-router'
import { onUnauthorised } from '@/api/client'
import { RequireUser, SignedOutOnly } from '@/app/routes/guards'
import { NotFoundPage } from '@/app/routes/not-found'
import { Shell } from '@/app/shell'
import { Loading } from '@/components/ui/states'
import { env } from '@/config/env'
import { queryKeys } from '@/api/query-keys'
import { ForgotPasswordPage } from '@/features/auth/components/forgot-password-page'
import { ResetPasswordPage } from '@/features/auth/components/reset-password-page'
import { SignInPage } from '@/features/auth/components/sign-in-page'
import { SignUpPage } from '@/features/auth/components/sign-up-page'
import { VerifyPage } from '@/features/auth/components/verify-page'

export function createRouter(queryClient: QueryClient) {
  const router = createBrowserRouter(
    [
      {
        path: '/sign-in',
        element: (
          <SignedOutOnly>
            <SignInPage />
          </SignedOutOnly>
        ),
      },
      {
        path: '/sign-up',
        element: (
          <SignedOutOnly>
            <SignUpPage />
          </SignedOutOnly>
        ),
      },
      { path: '/forgot-password', element: <ForgotPasswordPage /> },
      { path: '/reset-password', element: <ResetPasswordPage /> },
      { path: '/verify', element: <VerifyPage /> },
      {
        path: '/',
        element: <RequireUser>{(user) => <Shell user={user} />}</RequireUser>,
        // Shown while a screen's chunk loads on the first visit.
        hydrateFallbackElement: <Loading />,
        children: [
          // Each screen is its own chunk: the sign-in page never downloads the charts. Where
          // features meet on a screen, the app composes them; no feature knows another.
          {
            index: true,
            lazy: async () => {
              const [{ DashboardPage }, { BudgetCard }, { GoalsCard }] = await Promise.all([
                import('@/features/dashboard/components/dashboard-page'),
                import('@/features/budgets/components/budget-card'),
                import('@/features/goals/components/goals-card'),
              ])
              return {
                Component: () => (
                  <DashboardPage
                    cards={
                      <>
                        <BudgetCard />
                        <GoalsCard />
                      </>
                    }
                  />
                ),
              }
            },
          },
          {
            path: 'transactions',
            lazy: async () => {
              const [
                { TransactionsPage },
                { TransferPill },
                { ExportCsvLink },
                { CreateRuleLink },
              ] = await Promise.all([
                import('@/features/transactions/components/transactions-page'),
                import('@/features/money/components/transfer-pill'),
                import('@/features/security/components/export-csv-link'),
                import('@/features/rules/components/rules-page'),
              ])
              return {
                Component: () => (
                  <TransactionsPage
                    actions={(filters) => <ExportCsvLink filters={filters} />}
                    renderTransfer={() => <TransferPill />}
                    rowActions={(transaction, title) => (
                      <CreateRuleLink transactionId={transaction.id} name={title} />
                    )}
                  />
                ),
              }
            },
          },
          {
            path: 'budgets',
            lazy: async () => ({
              Component: (await import('@/features/budgets/components/budgets-page')).BudgetsPage,
            }),
          },
          {
            path: 'goals',
            lazy: async () => ({
              Component: (await import('@/features/goals/components/goals-page')).GoalsPage,
            }),
          },
          {
            path: 'accounts',
            // The app puts the bank connections and each account's reconciliation on the
            // accounts page; none of these features knows another.
            lazy: async () => {
              const [{ AccountsPage }, { BankConnections }, { Reconciliation }] = await Promise.all(
                [
                  import('@/features/accounts/components/accounts-page'),
                  import('@/features/banking/components/bank-connections'),
                  import('@/features/money/components/reconciliation'),
                ],
              )
              return {
                Component: () => (
                  <AccountsPage
                    banking={<BankConnections />}
                    renderReconciliation={(account) => <Reconciliation account={account} />}
                  />
                ),
              }
            },
          },
          {
            path: 'imports',
            lazy: async () => ({
              Component: (await import('@/features/imports/components/imports-page')).ImportsPage,
            }),
          },
          {
            path: 'categories',
            lazy: async () => ({
              Component: (await import('@/features/categories/components/categories-page'))
                .CategoriesPage,
            }),
          },
          {
            path: 'tags',
            lazy: async () => ({
              Component: (await import('@/features/tags/components/tags-page')).TagsPage,
            }),
          },
          {
            path: 'rules',
            lazy: async () => ({
              Component: (await import('@/features/rules/components/rules-page')).RulesPage,
            }),
          },
          {
            path: 'admin',
            lazy: async () => ({
              Component: (await import('@/features/admin/components/admin-page')).AdminPage,
            }),
          },
          {
            path: 'settings',
            lazy: async () => {
              const [
                { SettingsPage },
                { SummaryPanel },
                { TwoFactorPanel },
                { AccessesPanel },
                { ExportPanel },
              ] = await Promise.all([
                import('@/features/settings/components/settings-page'),
                import('@/features/notifications/components/summary-panel'),
                import('@/features/security/components/two-factor-panel'),
                import('@/features/security/components/accesses-panel'),
                import('@/features/security/components/export-panel'),
              ])
              return {
                Component: () => (
                  <SettingsPage
                    panels={{
                      mail: <SummaryPanel />,
                      signIn: <TwoFactorPanel />,
                      data: (
                        <>
                          <AccessesPanel />
                          <ExportPanel />
                        </>
                      ),
                    }}
                  />
                ),
              }
            },
          },
        ],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
    { basename: env.basePath },
  )

  // A 401 while signed in means the session ended (expired, revoked, signed out elsewhere).
  onUnauthorised(() => {
    if (!queryClient.getQueryData(queryKeys.me)) return
    queryClient.clear()
    queryClient.setQueryData(queryKeys.me, null)
    void router.navigate('/sign-in?reason=expired', { replace: true })
  })
  return router
}
