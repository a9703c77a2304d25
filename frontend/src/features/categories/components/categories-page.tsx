import { useCategories, useDeleteCategory, useSaveCategory } from '@/api/ledger'
import { LabelManager } from '@/components/label-manager'

export function CategoriesPage() {
  const query = useCategories()
  return (
    <div className="page">
      <h1>Categories</h1>
      <p className="muted">A transaction has at most one category; reports sum by it.</p>
      <LabelManager
        noun="category"
        items={query.data}
        query={query}
        save={useSaveCategory()}
        remove={useDeleteCategory()}
        withKind
      />
    </div>
  )
}
