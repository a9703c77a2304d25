import type en from '@/features/tags/messages/en'
import type { Czech } from '@/i18n/types'

const cs: Czech<typeof en> = {
  title: 'Štítky',
  intro: 'Štítky jsou volné značky: transakce jich může mít kolik chce.',
  add: 'Přidat štítek',
  newTitle: 'Nový štítek',
  yours: 'Vaše štítky',
  none: 'Zatím žádné štítky.',
  nameMissing: 'Pojmenujte štítek.',
  editTitle: 'Úprava štítku',
  deleteTitle: 'Smazat štítek?',
  deleteBefore: 'Smazat',
  deleteAfter: '? Transakce si ponechají částky, ale přijdou o tento štítek.',
}

export default cs
