import { useTranslation } from 'react-i18next'
import { env } from '@/config/env'

/** Downloads the transactions the current filters select, as CSV (streamed by the server). */
export function ExportCsvLink({ filters }: { filters: Record<string, string | undefined> }) {
  const { t } = useTranslation('security')
  const query = new URLSearchParams(
    Object.entries(filters).filter((entry): entry is [string, string] => Boolean(entry[1])),
  )
  return (
    <a
      className="button button-secondary"
      href={`${env.backendUrl}/exports/transactions.csv?${query}`}
      download
    >
      {t('export.csv')}
    </a>
  )
}
