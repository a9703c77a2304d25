const en = {
  title: 'Import a statement',
  newTitle: 'New import',
  skipNote:
    'Transactions already in the account (from an earlier file or from the bank) are skipped.',
  earlier: 'Earlier imports',
  none: 'No statements imported yet.',
  statement: 'Statement',
  anAccount: 'an account',
  theFile: 'the file',
  importing: 'Importing {{name}}…',
  progressOf: 'Import of {{name}}',
  progress: '{{done}} of {{total}} transactions',
  imported: 'Imported {{name}}.',
  importedAs: 'Imported {{name}} ({{format}}).',
  failed: 'The import failed: {{reason}}',
  created: 'Created',
  duplicates: 'Duplicates skipped',
  errors: 'Errors',
  createdCount_one: '{{count}} created',
  createdCount_other: '{{count}} created',
  skippedCount_one: '{{count}} skipped',
  skippedCount_other: '{{count}} skipped',
  errorCount_one: '{{count}} error',
  errorCount_other: '{{count}} errors',
  units: {
    line: 'Line {{position}}',
    entry: 'Entry {{position}}',
  },
  status: {
    queued: 'waiting',
    running: 'running',
    succeeded: 'done',
    failed: 'failed',
  },
  form: {
    account: 'Account',
    chooseAccount: 'Choose an account',
    accountMissing: 'Choose an account.',
    format: 'Format (optional)',
    detect: 'Detect from the file',
    file: 'Statement file (CSV, OFX, CAMT.053)',
    fileMissing: 'Choose a file.',
    submit: 'Import',
  },
  formats: {
    camt053: 'CAMT.053 (XML)',
    ofx: 'OFX',
    qfx: 'QFX',
    csv: 'CSV (columns detected)',
    fio: 'CSV from Fio banka',
    csob: 'CSV from ČSOB',
  },
}

export default en

declare module '@/i18n/types' {
  interface Namespaces {
    imports: typeof en
  }
}
