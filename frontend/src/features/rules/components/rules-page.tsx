import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useSearchParams } from 'react-router'
import { errorMessage } from '@/api/errors'
import { Button, RowActions } from '@/components/ui/button'
import { ConfirmDialog } from '@/components/ui/confirm-dialog'
import { Dialog } from '@/components/ui/dialog'
import { Notice } from '@/components/ui/notice'
import { EmptyState, ErrorState, Loading } from '@/components/ui/states'
import {
  useApplyRule,
  useDeleteRule,
  useDraft,
  usePreview,
  useReorderRules,
  useRules,
  useRuns,
  useToggleRule,
  useUndoRun,
  type Rule,
  type RuleCreate,
} from '@/features/rules/api/rules'
import { RuleForm } from '@/features/rules/components/rule-form'

const BLANK: RuleCreate = {
  name: '',
  match: 'all',
  conditions: [{ field: 'description', op: 'contains', value: '' }],
  tag_ids: [],
}

function editable(rule: Rule): RuleCreate {
  return {
    name: rule.name ?? '',
    match: rule.match,
    conditions: rule.conditions,
    category_id: rule.category_id,
    tag_ids: rule.tag_ids,
    display_name: rule.display_name,
  }
}

function Preview({ rule }: { rule: Rule }) {
  const { t } = useTranslation('rules')
  const preview = usePreview(rule.id)
  const apply = useApplyRule()
  if (preview.isPending) return <Loading />
  if (preview.isError) return <Notice tone="error">{errorMessage(preview.error)}</Notice>
  return (
    <div className="rule-preview" aria-live="polite">
      <p>{t('previewResult', preview.data)}</p>
      {!preview.data.complete ? <p className="muted">{t('previewPartial', preview.data)}</p> : null}
      <Button busy={apply.isPending} onClick={() => apply.mutate(rule.id)}>
        {t('apply')}
      </Button>
      {apply.error ? <Notice tone="error">{errorMessage(apply.error)}</Notice> : null}
    </div>
  )
}

function Runs({ names }: { names: Map<string, string> }) {
  const { t } = useTranslation('rules')
  const runs = useRuns()
  const undo = useUndoRun()
  if (runs.isPending) return <Loading />
  if (runs.isError) return <ErrorState error={runs.error} onRetry={() => void runs.refetch()} />
  return (
    <section className="panel" aria-labelledby="rule-runs">
      <h2 id="rule-runs">{t('runs')}</h2>
      {runs.data.length === 0 ? <p className="muted">{t('noRuns')}</p> : null}
      <ul className="list" aria-live="polite">
        {runs.data.map((run) => (
          <li key={run.id}>
            <span>
              {t('runOf', { name: (run.rule_id && names.get(run.rule_id)) || t('deletedRule') })}
              {' — '}
              <strong>{t(`runStatus.${run.status}`)}</strong>{' '}
              <span className="muted">{t('runProgress', run)}</span>
            </span>
            {run.status === 'done' || run.status === 'failed' ? (
              <Button variant="ghost" busy={undo.isPending} onClick={() => undo.mutate(run.id)}>
                {t('undo')}
              </Button>
            ) : null}
          </li>
        ))}
      </ul>
      {undo.error ? <Notice tone="error">{errorMessage(undo.error)}</Notice> : null}
    </section>
  )
}

export function RulesPage() {
  const { t } = useTranslation(['rules', 'common'])
  const rules = useRules()
  const toggle = useToggleRule()
  const reorder = useReorderRules()
  const remove = useDeleteRule()
  const [search, setSearch] = useSearchParams()
  const fromTransaction = search.get('from')
  const draft = useDraft(fromTransaction)
  const [editing, setEditing] = useState<Rule | 'new' | null>(null)
  const [deleting, setDeleting] = useState<Rule | null>(null)
  const [previewing, setPreviewing] = useState<string | null>(null)

  const closeForm = () => {
    setEditing(null)
    if (fromTransaction) setSearch({}, { replace: true })
  }
  const move = (index: number, by: number) => {
    const ids = (rules.data ?? []).map((rule) => rule.id)
    const [moved] = ids.splice(index, 1)
    if (moved === undefined) return
    ids.splice(index + by, 0, moved)
    reorder.mutate(ids)
  }
  const formOpen = editing !== null || (fromTransaction !== null && draft.isSuccess)
  const initial =
    editing && editing !== 'new'
      ? editable(editing)
      : fromTransaction && draft.data
        ? draft.data
        : BLANK
  const names = new Map((rules.data ?? []).map((rule) => [rule.id, rule.name ?? '']))

  return (
    <div className="page">
      <div className="page-header">
        <h1>{t('title')}</h1>
        <Button onClick={() => setEditing('new')}>{t('add')}</Button>
      </div>
      <p className="muted">{t('intro')}</p>
      {draft.isError ? <Notice tone="error">{errorMessage(draft.error)}</Notice> : null}
      <section className="panel" aria-labelledby="rules-list">
        <h2 id="rules-list">{t('yours')}</h2>
        {rules.isPending ? <Loading /> : null}
        {rules.isError ? (
          <ErrorState error={rules.error} onRetry={() => void rules.refetch()} />
        ) : null}
        {rules.data?.length === 0 ? <EmptyState title={t('none')} /> : null}
        <ol className="list">
          {rules.data?.map((rule, index) => {
            const name = rule.name ?? '—'
            return (
              <li key={rule.id} className="rule-row">
                <label className="check">
                  <input
                    type="checkbox"
                    checked={rule.enabled}
                    aria-label={t('enabledNamed', { name })}
                    onChange={(e) => toggle.mutate({ id: rule.id, enabled: e.target.checked })}
                  />{' '}
                  <span aria-hidden="true">{t('enabled')}</span>
                </label>
                <span className="rule-name">
                  <strong>{name}</strong>{' '}
                  <span className="muted">
                    {t('summaryConditions', { count: rule.conditions.length })}
                  </span>
                </span>
                <Button
                  variant="ghost"
                  disabled={index === 0}
                  aria-label={t('moveUp', { name })}
                  onClick={() => move(index, -1)}
                >
                  ↑
                </Button>
                <Button
                  variant="ghost"
                  disabled={index === rules.data.length - 1}
                  aria-label={t('moveDown', { name })}
                  onClick={() => move(index, 1)}
                >
                  ↓
                </Button>
                <Button
                  variant="secondary"
                  onClick={() => setPreviewing(previewing === rule.id ? null : rule.id)}
                  aria-expanded={previewing === rule.id}
                >
                  {t('preview')}
                </Button>
                <RowActions
                  name={name}
                  onEdit={() => setEditing(rule)}
                  onDelete={() => setDeleting(rule)}
                />
                {previewing === rule.id ? <Preview rule={rule} /> : null}
              </li>
            )
          })}
        </ol>
        {toggle.error || reorder.error ? (
          <Notice tone="error">{errorMessage(toggle.error ?? reorder.error)}</Notice>
        ) : null}
      </section>
      <Runs names={names} />
      <Dialog
        open={formOpen}
        title={
          editing && editing !== 'new'
            ? t('editTitle')
            : fromTransaction
              ? t('fromTransaction')
              : t('newTitle')
        }
        onClose={closeForm}
      >
        <RuleForm
          key={editing && editing !== 'new' ? editing.id : (fromTransaction ?? 'new')}
          id={editing && editing !== 'new' ? editing.id : null}
          initial={initial}
          onDone={closeForm}
        />
      </Dialog>
      <ConfirmDialog
        open={deleting !== null}
        title={t('deleteTitle')}
        confirmLabel={t('common:actions.delete')}
        cancelLabel={t('common:actions.cancel')}
        busy={remove.isPending}
        onCancel={() => setDeleting(null)}
        onConfirm={() =>
          deleting && remove.mutate(deleting.id, { onSuccess: () => setDeleting(null) })
        }
      >
        {t('deleteBefore')} <strong>{deleting?.name}</strong>
        {t('deleteAfter')}
      </ConfirmDialog>
    </div>
  )
}

/** The link on a transaction's row that opens a rule pre-filled from it. */
export function CreateRuleLink({ transactionId, name }: { transactionId: string; name: string }) {
  const { t } = useTranslation('rules')
  return (
    <Link
      className="button button-ghost"
      to={`/rules?from=${encodeURIComponent(transactionId)}`}
      aria-label={t('createRuleFrom', { name })}
    >
      {t('createRule')}
    </Link>
  )
}
