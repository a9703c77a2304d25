// Accounts, categories and tags: shared by several screens (the transaction filters and forms
// need all three), so their hooks live in the shared layer rather than in one feature.
import type {
  Account,
  AccountCreate,
  AccountUpdate,
  Category,
  CategoryCreate,
  CategoryUpdate,
  Tag,
  TagCreate,
  TagUpdate,
} from '@/api/ledger-types'
import { resourceHooks } from '@/api/resource'

// Deleting an account asks first in the app, so the server's own guard is lifted.
const accounts = resourceHooks<Account, AccountCreate, AccountUpdate>('accounts', {
  deleteQuery: '?force=true',
})
export const useAccounts = accounts.useList
export const useSaveAccount = accounts.useSave
export const useDeleteAccount = accounts.useDelete

const categories = resourceHooks<Category, CategoryCreate, CategoryUpdate>('categories')
export const useCategories = categories.useList
export const useSaveCategory = categories.useSave
export const useDeleteCategory = categories.useDelete

const tags = resourceHooks<Tag, TagCreate, TagUpdate>('tags')
export const useTags = tags.useList
export const useSaveTag = tags.useSave
export const useDeleteTag = tags.useDelete
