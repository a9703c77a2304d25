const en = {
  bell: 'Notifications',
  unread_one: '{{count}} unread notification',
  unread_other: '{{count}} unread notifications',
  none: 'Nothing new.',
  markAllRead: 'Mark all read',
  summary: {
    title: 'Monthly summary',
    about:
      'At the start of each month, an email with the month before: income, spending by category and how each budget went.',
    email: 'Email me the monthly summary',
    saved: 'Saved.',
  },
}

export default en

declare module '@/i18n/types' {
  interface Namespaces {
    notifications: typeof en
  }
}
