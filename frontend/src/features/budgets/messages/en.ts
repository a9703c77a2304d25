const en = {
  title: 'Budgets',
  card: 'Budget this month',
  month: 'Month',
  copyPrevious: 'Copy the previous month',
  copyAverage: 'Use the 3-month average',
  category: 'Category',
  budgeted: 'Budgeted',
  spent: 'Spent',
  remaining: 'Remaining',
  carried: 'Carried over',
  total: 'Total',
  noBudgets: 'No budgets for this month yet',
  noBudgetsHint: 'Set an amount for a category below, or copy the previous month.',
  unconverted: 'Spending in {{currencies}} is not counted (no exchange rate yet).',
  addBudget: 'Budget for a category',
  amount: 'Amount',
  save: 'Save',
  edit: 'Edit the budget of {{name}}',
  percentOf: '{{percent}} % of {{amount}}',
  groups: {
    essentials: 'Essentials',
    desires: 'Desires',
    savings: 'Savings',
    planned: 'Planned {{amount}}',
  },
  errors: {
    BUDGET_NEGATIVE: 'A budget is zero or more.',
    BUDGET_SPLIT_NOT_100: 'The percentages must add up to 100.',
  },
}

export default en

declare module '@/i18n/types' {
  interface Namespaces {
    budgets: typeof en
  }
}
