import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { errorMessage } from '@/api/errors'
import { Button } from '@/components/ui/button'
import { Notice } from '@/components/ui/notice'
import { Progress } from '@/components/ui/progress'
import { EmptyState, ErrorState, Loading } from '@/components/ui/states'
import {
  useContribute,
  useCreateGoal,
  useGoals,
  useInvitations,
  useInvite,
  useJoin,
  type Goal,
} from '@/features/goals/api/goals'
import { useFormat } from '@/i18n/use-format'

function OneField({
  label,
  action,
  busy,
  onSubmit,
}: {
  label: string
  action: string
  busy: boolean
  onSubmit: (value: string) => void
}) {
  const [value, setValue] = useState('')
  return (
    <form
      className="inline-form"
      onSubmit={(event) => {
        event.preventDefault()
        onSubmit(value)
        setValue('')
      }}
    >
      <input aria-label={label} value={value} onChange={(e) => setValue(e.target.value)} />
      <Button type="submit" variant="secondary" busy={busy}>
        {action}
      </Button>
    </form>
  )
}

function GoalCard({ goal }: { goal: Goal }) {
  const { t } = useTranslation('goals')
  const format = useFormat()
  const contribute = useContribute()
  const invite = useInvite()
  const problem = contribute.error ?? invite.error
  return (
    <li className="panel">
      <h2>{goal.name}</h2>
      <Progress
        percent={goal.percent}
        label={t('saved', {
          saved: format.money(goal.saved, goal.currency),
          target: format.money(goal.target_amount, goal.currency),
        })}
      />
      <p>
        {t('saved', {
          saved: format.money(goal.saved, goal.currency),
          target: format.money(goal.target_amount, goal.currency),
        })}
      </p>
      {goal.monthly_needed !== null ? (
        <p className="muted">
          {t('needed', { amount: format.money(goal.monthly_needed, goal.currency) })}
        </p>
      ) : null}
      {goal.projected_on ? (
        <p className="muted">{t('projected', { month: format.month(goal.projected_on) })}</p>
      ) : null}
      {goal.members.length > 0 ? (
        <p className="muted">
          {t('members', { emails: goal.members.map((m) => m.email).join(', ') })}
        </p>
      ) : null}
      {goal.account_id === null || !goal.is_owner ? (
        <OneField
          label={t('amount')}
          action={t('contribute')}
          busy={contribute.isPending}
          onSubmit={(amount) => contribute.mutate({ goalId: goal.id, amount })}
        />
      ) : null}
      {goal.is_owner ? (
        <OneField
          label={t('invite')}
          action={t('send')}
          busy={invite.isPending}
          onSubmit={(email) => invite.mutate({ goalId: goal.id, email })}
        />
      ) : null}
      {problem ? <Notice tone="error">{errorMessage(problem)}</Notice> : null}
    </li>
  )
}

export function GoalsPage() {
  const { t } = useTranslation('goals')
  const goals = useGoals()
  const invitations = useInvitations()
  const create = useCreateGoal()
  const join = useJoin()
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const form = new FormData(event.currentTarget)
    create.mutate({
      name: String(form.get('name')),
      target_amount: String(form.get('target')),
      target_date: form.get('date') ? String(form.get('date')) : null,
    })
  }
  return (
    <div className="page">
      <h1>{t('title')}</h1>
      {invitations.data && invitations.data.length > 0 ? (
        <section>
          <h2>{t('invitations')}</h2>
          <ul className="plain-list">
            {invitations.data.map((invitation) => (
              <li key={invitation.goal_id}>
                {t('shared', { owner: invitation.owner })}{' '}
                <Button busy={join.isPending} onClick={() => join.mutate(invitation.goal_id)}>
                  {t('join', { name: invitation.name })}
                </Button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {goals.isPending ? <Loading /> : null}
      {goals.isError ? <ErrorState error={goals.error} /> : null}
      {goals.data?.length === 0 ? <EmptyState title={t('none')}>{t('noneHint')}</EmptyState> : null}
      <ul className="card-list">
        {goals.data?.map((goal) => (
          <GoalCard key={goal.id} goal={goal} />
        ))}
      </ul>
      <form className="inline-form" onSubmit={submit}>
        <input name="name" aria-label={t('name')} placeholder={t('name')} required />
        <input name="target" aria-label={t('target')} placeholder={t('target')} required />
        <input name="date" type="date" aria-label={t('date')} />
        <Button type="submit" busy={create.isPending}>
          {t('create')}
        </Button>
      </form>
      {create.isError ? <Notice tone="error">{errorMessage(create.error)}</Notice> : null}
    </div>
  )
}
