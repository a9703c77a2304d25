import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Button } from '@/components/ui/button'
import { useFormat } from '@/i18n/use-format'
import {
  useMarkAllRead,
  useNotifications,
  useUnreadCount,
} from '@/features/notifications/api/notifications'

/** Drawn rather than an emoji, which shows as an empty box where no emoji font is installed.
 * The button's label names it. */
function BellIcon() {
  return (
    <svg
      className="bell-icon"
      viewBox="0 0 24 24"
      width="20"
      height="20"
      aria-hidden="true"
      focusable="false"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
      <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
    </svg>
  )
}

/** The bell in the top bar: the unread count, and the latest notifications when opened. */
export function NotificationBell() {
  const { t } = useTranslation('notifications')
  const format = useFormat()
  const [open, setOpen] = useState(false)
  const count = useUnreadCount().data?.count ?? 0
  const list = useNotifications(open)
  const markAll = useMarkAllRead()
  return (
    <div className="bell">
      <Button
        variant="ghost"
        aria-expanded={open}
        aria-label={`${t('bell')}: ${t('unread', { count })}`}
        onClick={() => setOpen(!open)}
      >
        <BellIcon />
        {count > 0 ? <span className="bell-count">{count}</span> : null}
      </Button>
      {open ? (
        <div className="bell-panel" role="region" aria-label={t('bell')}>
          {list.data?.length === 0 ? <p className="muted">{t('none')}</p> : null}
          <ul className="plain-list">
            {list.data?.map((item) => (
              <li key={item.id} className={item.read_at ? 'muted' : undefined}>
                <strong>{item.title}</strong>
                <br />
                <small>{format.dateTime(item.created_at)}</small>
              </li>
            ))}
          </ul>
          {count > 0 ? (
            <Button variant="secondary" busy={markAll.isPending} onClick={() => markAll.mutate()}>
              {t('markAllRead')}
            </Button>
          ) : null}
        </div>
      ) : null}
    </div>
  )
}
