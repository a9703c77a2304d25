import { useQuery } from '@tanstack/react-query'
import { api, unwrap } from '@/api/client'
import { queryKeys } from '@/api/query-keys'

export interface Period {
  date_from: string
  date_to: string
  currency: string
}

export function useSummary(query: Period) {
  return useQuery({
    queryKey: queryKeys.reports.report('summary', query),
    queryFn: () => unwrap(api.GET('/reports/summary', { params: { query } })),
  })
}

export function useByCategory(query: Period) {
  return useQuery({
    queryKey: queryKeys.reports.report('by-category', query),
    queryFn: () => unwrap(api.GET('/reports/by-category', { params: { query } })),
  })
}

export function useByMonth(query: Period) {
  return useQuery({
    queryKey: queryKeys.reports.report('by-month', query),
    queryFn: () => unwrap(api.GET('/reports/by-month', { params: { query } })),
  })
}

export function useBalance(period: Period) {
  const query = { ...period, interval: 'month' as const }
  return useQuery({
    queryKey: queryKeys.reports.report('balance', query),
    queryFn: () => unwrap(api.GET('/reports/balance', { params: { query } })),
  })
}
