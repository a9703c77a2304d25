import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { errorMessage } from '@/api/errors'
import { Button, RowActions } from '@/components/ui/button'
import { ConfirmDialog } from '@/components/ui/confirm-dialog'
import { Dialog } from '@/components/ui/dialog'
import { SelectField, TextField } from '@/components/ui/field'
import { Notice } from '@/components/ui/notice'
import { EmptyState, ErrorState, Loading } from '@/components/ui/states'

export interface Label {
  id: string
  name: string
  colour: string
  kind?: 'income' | 'expense'
}

interface MutationLike<V> {
  mutate: (variables: V, options?: { onSuccess?: () => void }) => void
  isPending: boolean
  isError: boolean
  error: unknown
}

interface LabelManagerProps {
  /** Whose words to use; both namespaces have the same keys. */
  namespace: 'categories' | 'tags'
  items: Label[] | undefined
  query: { isPending: boolean; isError: boolean; error: unknown; refetch: () => unknown }
  save: MutationLike<{ id?: string | undefined; values: Omit<Label, 'id'> }>
  remove: MutationLike<string>
  withKind?: boolean
}

const DEFAULT_COLOUR = '#0f766e'

function LabelForm({
  namespace,
  initial,
  withKind,
  save,
  onDone,
}: {
  namespace: LabelManagerProps['namespace']
  initial: Label | null
  withKind: boolean
  save: LabelManagerProps['save']
  onDone: () => void
}) {
  const { t } = useTranslation([namespace, 'common'])
  const [name, setName] = useState(initial?.name ?? '')
  const [colour, setColour] = useState(initial?.colour ?? DEFAULT_COLOUR)
  const [kind, setKind] = useState<'income' | 'expense'>(initial?.kind ?? 'expense')
  const [problem, setProblem] = useState<string | undefined>()
  return (
    <form
      className="inline-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault()
        if (!name.trim()) return setProblem(t('nameMissing'))
        setProblem(undefined)
        const values = withKind
          ? { name: name.trim(), colour, kind }
          : { name: name.trim(), colour }
        save.mutate(
          { id: initial?.id, values },
          {
            onSuccess: () => {
              if (!initial) setName('')
              onDone()
            },
          },
        )
      }}
    >
      <TextField
        label={t('common:labels.name')}
        value={name}
        onChange={(event) => setName(event.target.value)}
        error={problem}
        maxLength={100}
      />
      {withKind ? (
        <SelectField
          label={t('common:labels.kind')}
          value={kind}
          onChange={(event) => setKind(event.target.value as 'income' | 'expense')}
        >
          <option value="expense">{t('common:labels.expense')}</option>
          <option value="income">{t('common:labels.income')}</option>
        </SelectField>
      ) : null}
      <TextField
        label={t('common:labels.colour')}
        type="color"
        value={colour}
        onChange={(event) => setColour(event.target.value)}
        className="colour-input"
      />
      <Button type="submit" busy={save.isPending}>
        {initial ? t('common:actions.save') : t('add')}
      </Button>
    </form>
  )
}

/** Lists, adds, renames, recolours and deletes categories or tags. */
export function LabelManager({
  namespace,
  items,
  query,
  save,
  remove,
  withKind = false,
}: LabelManagerProps) {
  const { t } = useTranslation([namespace, 'common'])
  const [editing, setEditing] = useState<Label | null>(null)
  const [deleting, setDeleting] = useState<Label | null>(null)
  return (
    <>
      <section className="panel" aria-label={t('newTitle')}>
        <h2>{t('newTitle')}</h2>
        {save.isError && !editing ? <Notice tone="error">{errorMessage(save.error)}</Notice> : null}
        <LabelForm
          namespace={namespace}
          initial={null}
          withKind={withKind}
          save={save}
          onDone={() => undefined}
        />
      </section>
      <section className="panel" aria-label={t('yours')}>
        {query.isPending ? <Loading /> : null}
        {query.isError ? (
          <ErrorState error={query.error} onRetry={() => void query.refetch()} />
        ) : null}
        {items && items.length === 0 ? <EmptyState title={t('none')} /> : null}
        {remove.isError ? <Notice tone="error">{errorMessage(remove.error)}</Notice> : null}
        {items && items.length > 0 ? (
          <ul className="label-list">
            {items.map((item) => (
              <li key={item.id}>
                <span className="swatch" style={{ background: item.colour }} aria-hidden="true" />
                <span className="label-name">{item.name}</span>
                {withKind ? (
                  <span className="muted">
                    {item.kind === 'income'
                      ? t('common:labels.income')
                      : t('common:labels.expense')}
                  </span>
                ) : null}
                <RowActions
                  name={item.name}
                  onEdit={() => setEditing(item)}
                  onDelete={() => setDeleting(item)}
                />
              </li>
            ))}
          </ul>
        ) : null}
      </section>
      <Dialog open={editing !== null} title={t('editTitle')} onClose={() => setEditing(null)}>
        {editing ? (
          <>
            {save.isError ? <Notice tone="error">{errorMessage(save.error)}</Notice> : null}
            <LabelForm
              namespace={namespace}
              initial={editing}
              withKind={withKind}
              save={save}
              onDone={() => setEditing(null)}
            />
            <div className="actions">
              <Button variant="secondary" onClick={() => setEditing(null)}>
                {t('common:actions.cancel')}
              </Button>
            </div>
          </>
        ) : null}
      </Dialog>
      <ConfirmDialog
        open={deleting !== null}
        title={t('deleteTitle')}
        confirmLabel={t('common:actions.delete')}
        cancelLabel={t('common:labels.keep')}
        busy={remove.isPending}
        onCancel={() => setDeleting(null)}
        onConfirm={() =>
          deleting && remove.mutate(deleting.id, { onSuccess: () => setDeleting(null) })
        }
      >
        <p>
          {t('deleteBefore')} <strong>{deleting?.name}</strong>
          {t('deleteAfter')}
        </p>
      </ConfirmDialog>
    </>
  )
}
