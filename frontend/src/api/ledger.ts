// Accounts, categories and tags: shared by several screens (the transaction filters and forms
// need all three), so their hooks live in the shared layer rather than in one feature.
import { api, unwrap } from '@/api/client'
import type {
  AccountCreate,
  AccountUpdate,
  CategoryCreate,
  CategoryUpdate,
  TagCreate,
  TagUpdate,
} from '@/api/ledger-types'
import { queryKeys } from '@/api/query-keys'
import { resourceHooks } from '@/api/resource'

const accounts = resourceHooks(queryKeys.accounts, {
  list: () => unwrap(api.GET('/accounts')),
  create: (body: AccountCreate) => unwrap(api.POST('/accounts', { body })),
  update: (account_id: string, body: AccountUpdate) =>
    unwrap(api.PATCH('/accounts/{account_id}', { params: { path: { account_id } }, body })),
  // Deleting an account asks first in the app, so the server's own guard is lifted.
  remove: (account_id: string) =>
    unwrap(
      api.DELETE('/accounts/{account_id}', {
        params: { path: { account_id }, query: { force: true } },
      }),
    ),
})
export const useAccounts = accounts.useList
export const useSaveAccount = accounts.useSave
export const useDeleteAccount = accounts.useDelete

const categories = resourceHooks(queryKeys.categories, {
  list: () => unwrap(api.GET('/categories')),
  create: (body: CategoryCreate) => unwrap(api.POST('/categories', { body })),
  update: (category_id: string, body: CategoryUpdate) =>
    unwrap(api.PATCH('/categories/{category_id}', { params: { path: { category_id } }, body })),
  remove: (category_id: string) =>
    unwrap(api.DELETE('/categories/{category_id}', { params: { path: { category_id } } })),
})
export const useCategories = categories.useList
export const useSaveCategory = categories.useSave
export const useDeleteCategory = categories.useDelete

const tags = resourceHooks(queryKeys.tags, {
  list: () => unwrap(api.GET('/tags')),
  create: (body: TagCreate) => unwrap(api.POST('/tags', { body })),
  update: (tag_id: string, body: TagUpdate) =>
    unwrap(api.PATCH('/tags/{tag_id}', { params: { path: { tag_id } }, body })),
  remove: (tag_id: string) =>
    unwrap(api.DELETE('/tags/{tag_id}', { params: { path: { tag_id } } })),
})
export const useTags = tags.useList
export const useSaveTag = tags.useSave
export const useDeleteTag = tags.useDelete
