// Names for the ledger's shapes, from the schema generated out of the backend's OpenAPI.
import type { components } from '@/api/gen/schema'

type Schemas = components['schemas']

export type AccountKind = Schemas['AccountKind']
export type Account = Schemas['AccountRead']
export type AccountCreate = Schemas['AccountCreate']
export type AccountUpdate = Schemas['AccountUpdate']
export type Category = Schemas['CategoryRead']
export type CategoryCreate = Schemas['CategoryCreate']
export type CategoryUpdate = Schemas['CategoryUpdate']
export type Tag = Schemas['TagRead']
export type TagCreate = Schemas['TagCreate']
export type TagUpdate = Schemas['TagUpdate']
export type Transaction = Schemas['TransactionRead']
export type TransactionCreate = Schemas['TransactionCreate']
export type TransactionUpdate = Schemas['TransactionUpdate']
export type BulkRequest = Schemas['BulkRequest']
export type TransactionSplitSet = Schemas['TransactionSplitSet']
export type TransactionMatch = Schemas['TransactionMatch']
export type BulkMatchingRequest = Schemas['BulkMatchingRequest']
export type Version = Schemas['VersionRead']
