import { useQuery } from '@tanstack/react-query'
import { request } from '@/api/client'
import type {
  BalanceReport,
  ByCategoryReport,
  ByMonthReport,
  SummaryReport,
} from '@/api/ledger-types'
import { queryString } from '@/api/query-string'

export interface Period {
  date_from: string
  date_to: string
  currency: string
}

function useReport<T>(name: string, params: Period & Record<string, string>) {
  return useQuery({
    queryKey: ['reports', name, params],
    queryFn: () => request<T>(`/reports/${name}${queryString(params)}`),
  })
}

export const useSummary = (period: Period) => useReport<SummaryReport>('summary', { ...period })
export const useByCategory = (period: Period) =>
  useReport<ByCategoryReport>('by-category', { ...period })
export const useByMonth = (period: Period) => useReport<ByMonthReport>('by-month', { ...period })
export const useBalance = (period: Period) =>
  useReport<BalanceReport>('balance', { ...period, interval: 'month' })
