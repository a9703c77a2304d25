import type en from '@/features/banking/messages/en'
import type { Czech } from '@/i18n/types'

const cs: Czech<typeof en> = {
  title: 'Propojení s bankou',
  status: {
    pending: 'Čeká na souhlas banky',
    active: 'Propojeno',
    reauth_required: 'Potřebuje znovu váš souhlas',
    failed: 'Nepropojeno',
  },
  syncStatus: {
    queued: 've frontě',
    running: 'probíhá',
    succeeded: 'hotovo',
    failed: 'selhala',
  },
  never: 'nikdy',
  returnFailed: 'Propojení s bankou se nepovedlo: {{reason}}',
  returnConnected: 'Banka propojena. První synchronizace je na cestě.',
  loadingBanks: 'Načítáme banky…',
  noBanks: 'Na tomto serveru nelze propojit žádnou banku.',
  bank: 'Banka',
  demo: 'ukázka',
  connect: 'Propojit banku',
  connectNamed: 'Propojit {{name}}',
  connectionNamed: 'Propojení s bankou {{name}}',
  lastSync: 'Poslední synchronizace',
  nextSync: 'Další synchronizace',
  syncingNow: 'Právě synchronizujeme…',
  lastSyncDetail_one: '{{when}}: {{status}}, {{count}} nová',
  lastSyncDetail_few: '{{when}}: {{status}}, {{count}} nové',
  lastSyncDetail_other: '{{when}}: {{status}}, {{count}} nových',
  consentAgain: 'Dát znovu souhlas',
  syncNow: 'Synchronizovat',
  remove: 'Odebrat',
  removeNamed: 'Odebrat propojení {{name}}',
  none: 'Žádná propojená banka. Propojte ji a transakce se načtou samy.',
  removeTitle: 'Odebrat propojení s bankou?',
  removeConfirm: 'Odebrat propojení',
  keep: 'Ponechat',
  removeText:
    'Cashbook přestane stahovat data z banky a zapomene její souhlas. Už stažené transakce zůstanou na svých účtech.',
}

export default cs
