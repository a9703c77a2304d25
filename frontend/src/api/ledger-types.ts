// The ledger's shapes (accounts, categories, tags, transactions, reports).
// TODO(merge): replace with aliases of the generated schema once the ledger API is merged.
export type AccountKind = 'bank' | 'cash' | 'card' | 'savings'

export interface Account {
  id: string
  name: string
  kind: AccountKind
  currency: string
  iban: string | null
  opening_balance: string
  balance: string
  archived: boolean
  created_at: string
  updated_at: string
}
export interface AccountCreate {
  name: string
  kind?: AccountKind
  currency: string
  iban?: string | null
  opening_balance?: string
  archived?: boolean
}
export type AccountUpdate = Partial<AccountCreate>

export type CategoryKind = 'income' | 'expense'
export interface Category {
  id: string
  name: string
  kind: CategoryKind
  colour: string
  parent_id: string | null
  created_at: string
  updated_at: string
}
export interface CategoryCreate {
  name: string
  kind?: CategoryKind
  colour?: string
  parent_id?: string | null
}
export type CategoryUpdate = Partial<CategoryCreate>

export interface Tag {
  id: string
  name: string
  colour: string
  created_at: string
  updated_at: string
}
export interface TagCreate {
  name: string
  colour?: string
}
export type TagUpdate = Partial<TagCreate>

export interface Transaction {
  id: string
  account_id: string
  booked_on: string
  value_on: string | null
  amount: string
  currency: string
  original_amount: string | null
  original_currency: string | null
  description: string | null
  counterparty_name: string | null
  counterparty_account: string | null
  note: string | null
  category_id: string | null
  tag_ids: string[]
  source: 'manual' | 'bank' | 'import'
  created_at: string
  updated_at: string
  decryption_error?: { code: string; reason: string; fields: string[] } | null
}
export interface TransactionCreate {
  account_id: string
  amount: string
  booked_on: string
  description?: string | null
  counterparty_name?: string | null
  note?: string | null
  category_id?: string | null
  tag_ids?: string[]
}
export type TransactionUpdate = Partial<TransactionCreate>
export interface TransactionPage {
  items: Transaction[]
  next_cursor: string | null
}
export interface BulkRequest {
  ids: string[]
  action: 'set_category' | 'add_tags' | 'remove_tags' | 'delete'
  category_id?: string | null
  tag_ids?: string[]
}
export interface BulkResult {
  action: string
  count: number
}

export interface Totals {
  currency: string
  income: string
  expense: string
  net: string
  count: number
}
interface Report {
  date_from: string | null
  date_to: string | null
  currency: string | null
  unconverted_currencies: string[]
}
export interface SummaryReport extends Report {
  totals: Totals[]
}
export interface ByCategoryReport extends Report {
  items: (Totals & { category_id: string | null })[]
}
export interface ByMonthReport extends Report {
  split: 'none' | 'category'
  items: (Totals & { month: string; category_id?: string | null })[]
}
export interface BalanceSeries {
  account_id: string | null
  currency: string
  points: { date: string; balance: string }[]
}
export interface BalanceReport extends Report {
  interval: 'day' | 'month'
  accounts: BalanceSeries[]
  overall: BalanceSeries[]
}
