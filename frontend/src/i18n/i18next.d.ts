import 'i18next'
import type { Namespaces } from '@/i18n/types'

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common'
    resources: Namespaces
  }
}
