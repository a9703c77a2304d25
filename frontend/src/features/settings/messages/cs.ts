import type en from '@/features/settings/messages/en'
import type { Czech } from '@/i18n/types'

const cs: Czech<typeof en> = {
  title: 'Nastavení',
}

export default cs
