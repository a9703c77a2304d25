import type en from '@/features/categories/messages/en'
import type { Czech } from '@/i18n/types'

const cs: Czech<typeof en> = {
  title: 'Kategorie',
  intro: 'Transakce má nejvýše jednu kategorii; přehledy podle ní sčítají.',
  add: 'Přidat kategorii',
  newTitle: 'Nová kategorie',
  yours: 'Vaše kategorie',
  none: 'Zatím žádné kategorie.',
  nameMissing: 'Pojmenujte kategorii.',
  editTitle: 'Úprava kategorie',
  deleteTitle: 'Smazat kategorii?',
  deleteBefore: 'Smazat',
  deleteAfter: '? Transakce si ponechají částky, ale přijdou o tuto kategorii.',
}

export default cs
