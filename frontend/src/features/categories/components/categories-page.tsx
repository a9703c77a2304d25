import { useTranslation } from 'react-i18next'
import { useCategories, useDeleteCategory, useSaveCategory } from '@/api/ledger'
import { LabelManager } from '@/components/label-manager'

export function CategoriesPage() {
  const { t } = useTranslation('categories')
  const query = useCategories()
  return (
    <div className="page">
      <h1>{t('title')}</h1>
      <p className="muted">{t('intro')}</p>
      <LabelManager
        namespace="categories"
        items={query.data}
        query={query}
        save={useSaveCategory()}
        remove={useDeleteCategory()}
        withKind
      />
    </div>
  )
}
