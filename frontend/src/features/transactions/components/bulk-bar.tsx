import { useState } from 'react'
import { errorMessage } from '@/api/errors'
import type { Category, Tag } from '@/api/ledger-types'
import { Button } from '@/components/ui/button'
import { ConfirmDialog } from '@/components/ui/confirm-dialog'
import { NamedOptions, SelectField } from '@/components/ui/field'
import { Notice } from '@/components/ui/notice'
import { useBulkAction } from '@/features/transactions/api/transactions'

interface Props {
  ids: string[]
  categories: Category[]
  tags: Tag[]
  onDone: () => void
}

export function BulkBar({ ids, categories, tags, onDone }: Props) {
  const bulk = useBulkAction()
  const [category, setCategory] = useState('')
  const [tag, setTag] = useState('')
  const [confirming, setConfirming] = useState(false)
  const [result, setResult] = useState<string | null>(null)
  const run = (body: Parameters<typeof bulk.mutate>[0], verb: string) =>
    bulk.mutate(body, {
      onSuccess: (answer) => {
        setResult(`${verb} ${answer.count} transaction${answer.count === 1 ? '' : 's'}.`)
        setConfirming(false)
        onDone()
      },
    })
  if (ids.length === 0 && !result && !bulk.isError) return null
  return (
    <section className="bulk-bar panel" aria-label="Change the selected transactions">
      {result && ids.length === 0 ? <Notice tone="success">{result}</Notice> : null}
      {bulk.isError ? <Notice tone="error">{errorMessage(bulk.error)}</Notice> : null}
      {ids.length > 0 ? (
        <>
          <p className="bulk-count" aria-live="polite">
            {ids.length} selected
          </p>
          <div className="bulk-group">
            <SelectField
              label="Category for the selected"
              value={category}
              onChange={(event) => setCategory(event.target.value)}
            >
              <option value="">No category</option>
              <NamedOptions items={categories} />
            </SelectField>
            <Button
              busy={bulk.isPending}
              onClick={() =>
                run({ ids, action: 'set_category', category_id: category || null }, 'Categorised')
              }
            >
              Categorise
            </Button>
          </div>
          {tags.length > 0 ? (
            <div className="bulk-group">
              <SelectField
                label="Tag for the selected"
                value={tag}
                onChange={(event) => setTag(event.target.value)}
              >
                <option value="">Choose a tag</option>
                <NamedOptions items={tags} />
              </SelectField>
              <Button
                variant="secondary"
                disabled={!tag}
                busy={bulk.isPending}
                onClick={() => run({ ids, action: 'add_tags', tag_ids: [tag] }, 'Tagged')}
              >
                Add tag
              </Button>
              <Button
                variant="secondary"
                disabled={!tag}
                busy={bulk.isPending}
                onClick={() => run({ ids, action: 'remove_tags', tag_ids: [tag] }, 'Untagged')}
              >
                Remove tag
              </Button>
            </div>
          ) : null}
          <Button variant="danger" onClick={() => setConfirming(true)}>
            Delete selected
          </Button>
        </>
      ) : null}
      <ConfirmDialog
        open={confirming}
        title={`Delete ${ids.length} transactions?`}
        confirmLabel="Delete"
        cancelLabel="Keep them"
        busy={bulk.isPending}
        onCancel={() => setConfirming(false)}
        onConfirm={() => run({ ids, action: 'delete' }, 'Deleted')}
      >
        <p>This cannot be undone.</p>
      </ConfirmDialog>
    </section>
  )
}
