import type en from '@/features/money/messages/en'
import type { Czech } from '@/i18n/types'

const cs: Czech<typeof en> = {
  reconciliation: {
    matches: 'Souhlasí se zůstatkem z {{source}} ke dni {{date}}',
    differs: 'Liší se o {{difference}} od zůstatku z {{source}} ke dni {{date}}',
    source: { bank: 'banky', statement: 'výpisu' },
  },
  transfer: 'Převod',
  transferTitle: 'Peníze přesunuté mezi vašimi účty: nejde o příjem ani výdaj',
}

export default cs
