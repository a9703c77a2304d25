const en = {
  bell: 'Notifications',
  unread_one: '{{count}} unread notification',
  unread_other: '{{count}} unread notifications',
  none: 'Nothing new.',
  markAllRead: 'Mark all read',
}

export default en

declare module '@/i18n/types' {
  interface Namespaces {
    notifications: typeof en
  }
}
