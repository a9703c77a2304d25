import { useTranslation } from 'react-i18next'

/** Marks a transaction that is one side of a transfer between the person's own accounts. */
export function TransferPill() {
  const { t } = useTranslation('money')
  return (
    <span className="pill transfer" title={t('transferTitle')}>
      ⇄ {t('transfer')}
    </span>
  )
}
