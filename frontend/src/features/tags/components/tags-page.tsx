import { useDeleteTag, useSaveTag, useTags } from '@/api/ledger'
import { LabelManager } from '@/components/label-manager'

export function TagsPage() {
  const query = useTags()
  return (
    <div className="page">
      <h1>Tags</h1>
      <p className="muted">Tags are free labels: a transaction can have any number of them.</p>
      <LabelManager
        noun="tag"
        items={query.data}
        query={query}
        save={useSaveTag()}
        remove={useDeleteTag()}
      />
    </div>
  )
}
