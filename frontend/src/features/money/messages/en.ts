const en = {
  reconciliation: {
    matches: 'Matches the {{source}} balance of {{date}}',
    differs: 'Differs by {{difference}} from the {{source}} balance of {{date}}',
    source: { bank: 'bank', statement: 'statement' },
  },
  transfer: 'Transfer',
  transferTitle: 'Money moved between your own accounts: not income or spending',
}

export default en

declare module '@/i18n/types' {
  interface Namespaces {
    money: typeof en
  }
}
