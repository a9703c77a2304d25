import { useState } from 'react'
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
  noun: string
  items: Label[] | undefined
  query: { isPending: boolean; isError: boolean; error: unknown; refetch: () => unknown }
  save: MutationLike<{ id?: string | undefined; values: Omit<Label, 'id'> }>
  remove: MutationLike<string>
  withKind?: boolean
}

const DEFAULT_COLOUR = '#0f766e'

function LabelForm({
  noun,
  initial,
  withKind,
  save,
  onDone,
}: {
  noun: string
  initial: Label | null
  withKind: boolean
  save: LabelManagerProps['save']
  onDone: () => void
}) {
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
        if (!name.trim()) return setProblem(`Name the ${noun}.`)
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
        label="Name"
        value={name}
        onChange={(event) => setName(event.target.value)}
        error={problem}
        maxLength={100}
      />
      {withKind ? (
        <SelectField
          label="Kind"
          value={kind}
          onChange={(event) => setKind(event.target.value as 'income' | 'expense')}
        >
          <option value="expense">Expense</option>
          <option value="income">Income</option>
        </SelectField>
      ) : null}
      <TextField
        label="Colour"
        type="color"
        value={colour}
        onChange={(event) => setColour(event.target.value)}
        className="colour-input"
      />
      <Button type="submit" busy={save.isPending}>
        {initial ? 'Save' : `Add ${noun}`}
      </Button>
    </form>
  )
}

/** Lists, adds, renames, recolours and deletes categories or tags. */
export function LabelManager({
  noun,
  items,
  query,
  save,
  remove,
  withKind = false,
}: LabelManagerProps) {
  const [editing, setEditing] = useState<Label | null>(null)
  const [deleting, setDeleting] = useState<Label | null>(null)
  return (
    <>
      <section className="panel" aria-label={`Add a ${noun}`}>
        <h2>New {noun}</h2>
        {save.isError && !editing ? <Notice tone="error">{errorMessage(save.error)}</Notice> : null}
        <LabelForm
          noun={noun}
          initial={null}
          withKind={withKind}
          save={save}
          onDone={() => undefined}
        />
      </section>
      <section
        className="panel"
        aria-label={`Your ${noun === 'category' ? 'categories' : `${noun}s`}`}
      >
        {query.isPending ? <Loading /> : null}
        {query.isError ? (
          <ErrorState error={query.error} onRetry={() => void query.refetch()} />
        ) : null}
        {items && items.length === 0 ? (
          <EmptyState title={`No ${noun === 'category' ? 'categories' : `${noun}s`} yet.`} />
        ) : null}
        {remove.isError ? <Notice tone="error">{errorMessage(remove.error)}</Notice> : null}
        {items && items.length > 0 ? (
          <ul className="label-list">
            {items.map((item) => (
              <li key={item.id}>
                <span className="swatch" style={{ background: item.colour }} aria-hidden="true" />
                <span className="label-name">{item.name}</span>
                {withKind ? (
                  <span className="muted">{item.kind === 'income' ? 'Income' : 'Expense'}</span>
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
      <Dialog open={editing !== null} title={`Edit ${noun}`} onClose={() => setEditing(null)}>
        {editing ? (
          <>
            {save.isError ? <Notice tone="error">{errorMessage(save.error)}</Notice> : null}
            <LabelForm
              noun={noun}
              initial={editing}
              withKind={withKind}
              save={save}
              onDone={() => setEditing(null)}
            />
            <div className="actions">
              <Button variant="secondary" onClick={() => setEditing(null)}>
                Cancel
              </Button>
            </div>
          </>
        ) : null}
      </Dialog>
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete ${noun}?`}
        confirmLabel="Delete"
        cancelLabel="Keep it"
        busy={remove.isPending}
        onCancel={() => setDeleting(null)}
        onConfirm={() =>
          deleting && remove.mutate(deleting.id, { onSuccess: () => setDeleting(null) })
        }
      >
        <p>
          Delete <strong>{deleting?.name}</strong>? Transactions keep their amounts but lose this{' '}
          {noun}.
        </p>
      </ConfirmDialog>
    </>
  )
}
