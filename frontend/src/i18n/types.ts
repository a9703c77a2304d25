/**
 * Every namespace's English messages, keyed by namespace. Each `messages/en.ts` adds its own
 * entry by augmenting this interface, so no central file lists the namespaces:
 *
 *   declare module '@/i18n/types' { interface Namespaces { transactions: typeof en } }
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface Namespaces {}

type EnglishPlural = 'one' | 'other'
// Whole counts in Czech take one (1), few (2–4) or other (0, 5+); `many` is for fractions only.
type CzechPlural = 'one' | 'few' | 'other'

/** The Czech messages of an English namespace: the same keys, with Czech plural forms. */
export type Czech<T> = {
  [K in keyof T as K extends `${string}_${EnglishPlural}` ? never : K]: T[K] extends string
    ? string
    : Czech<T[K]>
} & {
  [K in keyof T as K extends `${infer Base}_other` ? `${Base}_${CzechPlural}` : never]: string
}
