const en = {
  title: 'Accounts',
  kinds: {
    bank: 'Bank account',
    cash: 'Cash',
    card: 'Card',
    savings: 'Savings',
  },
  form: {
    name: 'Account name',
    nameMissing: 'Name the account.',
    kind: 'Kind',
    currency: 'Currency',
    openingBalance: 'Opening balance',
    iban: 'IBAN (optional)',
    archived: 'Archived (kept for history, left out of net worth)',
    save: 'Save account',
    add: 'Add account',
  },
  newTitle: 'New manual account',
  yours: 'Your accounts',
  none: 'No accounts yet. Add one above to start recording money.',
  archived: 'archived',
  balanceOf: 'Balance of {{name}}',
  editTitle: 'Edit account',
  deleteTitle: 'Delete account?',
  deleteConfirm: 'Delete account',
  keep: 'Keep it',
  deleteBefore: 'Delete',
  deleteAfter: 'with all its transactions? This cannot be undone.',
}

export default en

declare module '@/i18n/types' {
  interface Namespaces {
    accounts: typeof en
  }
}
