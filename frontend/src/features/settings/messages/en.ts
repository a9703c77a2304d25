const en = {
  title: 'Settings',
}

export default en

declare module '@/i18n/types' {
  interface Namespaces {
    settings: typeof en
  }
}
