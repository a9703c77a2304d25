import type en from '@/features/accounts/messages/en'
import type { Czech } from '@/i18n/types'

const cs: Czech<typeof en> = {
  title: 'Účty',
  kinds: {
    bank: 'Bankovní účet',
    cash: 'Hotovost',
    card: 'Karta',
    savings: 'Spoření',
  },
  form: {
    name: 'Název účtu',
    nameMissing: 'Pojmenujte účet.',
    kind: 'Druh',
    currency: 'Měna',
    openingBalance: 'Počáteční zůstatek',
    iban: 'IBAN (nepovinné)',
    archived: 'Archivovaný (zůstává v historii, nepočítá se do jmění)',
    save: 'Uložit účet',
    add: 'Přidat účet',
  },
  newTitle: 'Nový ruční účet',
  yours: 'Vaše účty',
  none: 'Zatím žádné účty. Přidejte první výše a začněte zapisovat.',
  archived: 'archivovaný',
  balanceOf: 'Zůstatek účtu {{name}}',
  editTitle: 'Úprava účtu',
  deleteTitle: 'Smazat účet?',
  deleteConfirm: 'Smazat účet',
  keep: 'Ponechat',
  deleteBefore: 'Smazat',
  deleteAfter: 'se všemi transakcemi? Nelze to vrátit.',
}

export default cs
