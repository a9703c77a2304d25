import { useTranslation } from 'react-i18next'
import { useDeleteTag, useSaveTag, useTags } from '@/api/ledger'
import { LabelManager } from '@/components/label-manager'

export function TagsPage() {
  const { t } = useTranslation('tags')
  const query = useTags()
  return (
    <div className="page">
      <h1>{t('title')}</h1>
      <p className="muted">{t('intro')}</p>
      <LabelManager
        namespace="tags"
        items={query.data}
        query={query}
        save={useSaveTag()}
        remove={useDeleteTag()}
      />
    </div>
  )
}
