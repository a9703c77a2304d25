import type en from '@/features/dashboard/messages/en'
import type { Czech } from '@/i18n/types'

const cs: Czech<typeof en> = {
  title: 'Přehled',
  currency: 'Měna',
  drawing: 'Kreslíme graf…',
  unconverted: 'Nezahrnuto (zatím bez směnného kurzu): {{currencies}}.',
  welcomeTitle: 'Vítejte v Cashbooku.',
  welcomeBefore: 'Začněte přidáním účtu na stránce',
  welcomeLink: 'Účty',
  welcomeAfter: 'a pak zapisujte transakce.',
  accountsFailed: 'Účty se nepodařilo načíst.',
  netWorth: 'Čisté jmění',
  accountsIn_one: '{{count}} účet v {{currency}}',
  accountsIn_few: '{{count}} účty v {{currency}}',
  accountsIn_other: '{{count}} účtů v {{currency}}',
  notIncluded: '; nezahrnuto: {{currencies}}',
  thisMonth: 'Tento měsíc',
  income: 'Příjmy',
  expenses: 'Výdaje',
  net: 'Rozdíl',
  balance: 'Vývoj zůstatku',
  balanceLine: 'Zůstatek',
  noBalance: 'Zatím žádná historie zůstatku.',
  byCategory: 'Výdaje podle kategorií tento měsíc',
  uncategorised: 'Bez kategorie',
  noSpending: 'Tento měsíc žádné výdaje.',
  byMonth: 'Příjmy a výdaje po měsících',
  expense: 'Výdaj',
  noMonths: 'Za posledních dvanáct měsíců žádné transakce.',
}

export default cs
