import type en from '@/features/notifications/messages/en'
import type { Czech } from '@/i18n/types'

const cs: Czech<typeof en> = {
  bell: 'Oznámení',
  unread_one: '{{count}} nepřečtené oznámení',
  unread_few: '{{count}} nepřečtená oznámení',
  unread_other: '{{count}} nepřečtených oznámení',
  none: 'Nic nového.',
  markAllRead: 'Označit vše jako přečtené',
  summary: {
    title: 'Měsíční souhrn',
    about:
      'Na začátku každého měsíce e-mail o měsíci předchozím: příjmy, výdaje podle kategorií a jak dopadl každý rozpočet.',
    email: 'Posílat mi měsíční souhrn e-mailem',
    saved: 'Uloženo.',
  },
}

export default cs
