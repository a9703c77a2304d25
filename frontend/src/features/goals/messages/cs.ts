import type en from '@/features/goals/messages/en'
import type { Czech } from '@/i18n/types'

const cs: Czech<typeof en> = {
  title: 'Cíle',
  none: 'Zatím žádné cíle',
  noneHint: 'Spořte na něco: dovolenou, auto, rezervu.',
  name: 'Název',
  target: 'Cílová částka',
  date: 'Termín',
  create: 'Přidat cíl',
  saved: '{{saved}} z {{target}}',
  needed: '{{amount}} měsíčně, aby to vyšlo',
  projected: 'Tímto tempem: {{month}}',
  contribute: 'Přispět',
  amount: 'Částka',
  invite: 'Sdílet s (e-mail)',
  send: 'Pozvat',
  shared: 'Sdílí {{owner}}',
  members: 'Sdíleno s: {{emails}}',
  invitations: 'Cíle sdílené s vámi',
  join: 'Přijmout {{name}}',
  errors: {
    GOAL_NOT_FOUND: 'Tento cíl tu (už) není.',
    GOAL_LINKED_TO_ACCOUNT: 'Tento cíl sleduje zůstatek svého účtu.',
    GOAL_AMOUNT_NOT_POSITIVE: 'Částka musí být větší než nula.',
  },
}

export default cs
