import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { Progress } from '@/components/ui/progress'
import { useGoals } from '@/features/goals/api/goals'
import { useFormat } from '@/i18n/use-format'

/** The dashboard's card: each goal's progress. */
export function GoalsCard() {
  const { t } = useTranslation('goals')
  const format = useFormat()
  const goals = useGoals().data ?? []
  return (
    <section className="panel card" aria-label={t('title')}>
      <h2>
        <Link to="/goals">{t('title')}</Link>
      </h2>
      {goals.length === 0 ? <p className="muted">{t('none')}</p> : null}
      <ul className="plain-list">
        {goals.map((goal) => {
          const saved = t('saved', {
            saved: format.money(goal.saved, goal.currency),
            target: format.money(goal.target_amount, goal.currency),
          })
          return (
            <li key={goal.id}>
              {goal.name}
              <Progress percent={goal.percent} label={`${goal.name}: ${saved}`} />
            </li>
          )
        })}
      </ul>
    </section>
  )
}
