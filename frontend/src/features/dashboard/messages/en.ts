const en = {
  title: 'Dashboard',
  currency: 'Currency',
  drawing: 'Drawing the chart…',
  unconverted: 'Not included (no exchange rate yet): {{currencies}}.',
  welcomeTitle: 'Welcome to Cashbook.',
  welcomeBefore: 'Start by adding an account on the',
  welcomeLink: 'Accounts',
  welcomeAfter: 'page, then record transactions.',
  accountsFailed: 'The accounts could not be loaded.',
  netWorth: 'Net worth',
  accountsIn_one: '{{count}} account in {{currency}}',
  accountsIn_other: '{{count}} accounts in {{currency}}',
  notIncluded: '; not included: {{currencies}}',
  thisMonth: 'This month',
  income: 'Income',
  expenses: 'Expenses',
  net: 'Net',
  balance: 'Balance over time',
  balanceLine: 'Balance',
  noBalance: 'No balance history yet.',
  byCategory: 'Spending by category this month',
  uncategorised: 'Uncategorised',
  noSpending: 'No spending this month.',
  byMonth: 'Income and expenses by month',
  expense: 'Expense',
  noMonths: 'No transactions in the last twelve months.',
}

export default en

declare module '@/i18n/types' {
  interface Namespaces {
    dashboard: typeof en
  }
}
