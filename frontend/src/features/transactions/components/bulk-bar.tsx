import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { errorMessage } from '@/api/errors'
import type { Category, Tag } from '@/api/ledger-types'
import { Button } from '@/components/ui/button'
import { ConfirmDialog } from '@/components/ui/confirm-dialog'
import { NamedOptions, SelectField } from '@/components/ui/field'
import { Notice } from '@/components/ui/notice'
import { useBulkAction, useUndoBatch, type Match } from '@/features/transactions/api/transactions'

type Action = 'set_category' | 'add_tags' | 'remove_tags' | 'delete'

interface Props {
  ids: string[]
  /** Every transaction the filters match instead of `ids`, as many as counted. */
  matching: { filters: Match; count: number } | null
  categories: Category[]
  tags: Tag[]
  onDone: () => void
}

export function BulkBar({ ids, matching, categories, tags, onDone }: Props) {
  const { t } = useTranslation(['transactions', 'common'])
  const bulk = useBulkAction()
  const undo = useUndoBatch()
  const [batch, setBatch] = useState<string | null>(null)
  const [category, setCategory] = useState('')
  const [tag, setTag] = useState('')
  const [confirming, setConfirming] = useState(false)
  const [result, setResult] = useState<string | null>(null)
  const count = matching ? matching.count : ids.length
  const run = (
    action: { action: Action; category_id?: string | null; tag_ids?: string[] },
    done: 'categorised' | 'tagged' | 'untagged' | 'deleted',
  ) =>
    bulk.mutate(
      matching
        ? { ...action, filters: matching.filters, expected_count: matching.count }
        : { ...action, ids },
      {
        onSuccess: (answer) => {
          setResult(t(`bulk.${done}`, { count: answer.count }))
          setBatch(answer.batch_id)
          setConfirming(false)
          onDone()
        },
      },
    )
  const undoBatch = (batchId: string) =>
    undo.mutate(batchId, {
      onSuccess: (answer) => {
        const skipped = answer.skipped.length
        setResult(
          [
            t('bulk.undone', { count: answer.undone }),
            skipped ? t('bulk.skipped', { count: skipped }) : '',
          ].join(' '),
        )
        setBatch(null)
      },
    })
  if (ids.length === 0 && !result && !bulk.isError && !undo.isError) return null
  return (
    <section className="bulk-bar panel" aria-label={t('bulk.label')}>
      {result && ids.length === 0 ? (
        <Notice tone="success">
          {result}{' '}
          {batch ? (
            <Button variant="secondary" busy={undo.isPending} onClick={() => undoBatch(batch)}>
              {t('bulk.undo')}
            </Button>
          ) : null}
        </Notice>
      ) : null}
      {bulk.isError ? <Notice tone="error">{errorMessage(bulk.error)}</Notice> : null}
      {undo.isError ? <Notice tone="error">{errorMessage(undo.error)}</Notice> : null}
      {ids.length > 0 ? (
        <>
          <p className="bulk-count" aria-live="polite">
            {matching ? t('bulk.allMatching', { count }) : t('bulk.selected', { count })}
          </p>
          <div className="bulk-group">
            <SelectField
              label={t('bulk.category')}
              value={category}
              onChange={(event) => setCategory(event.target.value)}
            >
              <option value="">{t('bulk.noCategory')}</option>
              <NamedOptions items={categories} />
            </SelectField>
            <Button
              busy={bulk.isPending}
              onClick={() =>
                run({ action: 'set_category', category_id: category || null }, 'categorised')
              }
            >
              {t('bulk.categorise')}
            </Button>
          </div>
          {tags.length > 0 ? (
            <div className="bulk-group">
              <SelectField
                label={t('bulk.tag')}
                value={tag}
                onChange={(event) => setTag(event.target.value)}
              >
                <option value="">{t('bulk.chooseTag')}</option>
                <NamedOptions items={tags} />
              </SelectField>
              <Button
                variant="secondary"
                disabled={!tag}
                busy={bulk.isPending}
                onClick={() => run({ action: 'add_tags', tag_ids: [tag] }, 'tagged')}
              >
                {t('bulk.addTag')}
              </Button>
              <Button
                variant="secondary"
                disabled={!tag}
                busy={bulk.isPending}
                onClick={() => run({ action: 'remove_tags', tag_ids: [tag] }, 'untagged')}
              >
                {t('bulk.removeTag')}
              </Button>
            </div>
          ) : null}
          <Button variant="danger" onClick={() => setConfirming(true)}>
            {t('bulk.delete')}
          </Button>
        </>
      ) : null}
      <ConfirmDialog
        open={confirming}
        title={t('bulk.confirmTitle', { count })}
        confirmLabel={t('common:actions.delete')}
        cancelLabel={t('bulk.keep')}
        busy={bulk.isPending}
        onCancel={() => setConfirming(false)}
        onConfirm={() => run({ action: 'delete' }, 'deleted')}
      >
        <p>{t('bulk.cannotUndo')}</p>
      </ConfirmDialog>
    </section>
  )
}
