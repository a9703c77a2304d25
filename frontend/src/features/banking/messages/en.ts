const en = {
  title: 'Bank connections',
  status: {
    pending: 'Waiting for the bank’s consent',
    active: 'Connected',
    reauth_required: 'Needs your consent again',
    failed: 'Not connected',
  },
  syncStatus: {
    queued: 'queued',
    running: 'running',
    succeeded: 'done',
    failed: 'failed',
  },
  never: 'never',
  returnFailed: 'The bank connection did not work: {{reason}}',
  returnConnected: 'Bank connected. The first sync is on its way.',
  loadingBanks: 'Loading banks…',
  noBanks: 'No bank can be connected on this server.',
  bank: 'Bank',
  demo: 'demo',
  connect: 'Connect a bank',
  connectNamed: 'Connect {{name}}',
  connectionNamed: 'Bank connection {{name}}',
  lastSync: 'Last sync',
  nextSync: 'Next sync',
  syncingNow: 'Syncing now…',
  lastSyncDetail_one: '{{when}}: {{status}}, {{count}} new',
  lastSyncDetail_other: '{{when}}: {{status}}, {{count}} new',
  consentAgain: 'Give consent again',
  syncNow: 'Sync now',
  remove: 'Remove',
  removeNamed: 'Remove the connection {{name}}',
  none: 'No bank connected. Connect one to fetch its transactions.',
  removeTitle: 'Remove the bank connection?',
  removeConfirm: 'Remove connection',
  keep: 'Keep it',
  removeText:
    'Cashbook stops fetching from the bank and forgets its consent. The transactions already fetched stay in their accounts.',
}

export default en

declare module '@/i18n/types' {
  interface Namespaces {
    banking: typeof en
  }
}
