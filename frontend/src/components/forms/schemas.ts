import i18next from 'i18next'
import { z } from 'zod'

// Messages are functions so they are worded in the language of the moment of validation.

// Mirrors the server's first rule so a person learns it before sending; the server has the
// final word (common passwords, the email as password) and its reason is shown as it is.
export const MIN_PASSWORD_LENGTH = 10
const MAX_PASSWORD_LENGTH = 256
export const passwordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, {
    error: () => i18next.t('common:validation.passwordMin', { min: MIN_PASSWORD_LENGTH }),
  })
  .max(MAX_PASSWORD_LENGTH, {
    error: () => i18next.t('common:validation.passwordMax', { max: MAX_PASSWORD_LENGTH }),
  })

export const emailSchema = z.email({ error: () => i18next.t('common:validation.email') })

export const nameSchema = (which: 'firstName' | 'lastName') =>
  z
    .string()
    .trim()
    .min(1, { error: () => i18next.t(`common:validation.${which}`) })
    .max(100)

/** A new password typed twice; the second must match the first. */
export const newPasswordShape = { password: passwordSchema, confirm: z.string() }
export function matchingPasswords<T extends { password: string; confirm: string }>(values: T) {
  return values.password === values.confirm
}
export const mismatch = {
  path: ['confirm'],
  error: () => i18next.t('common:validation.passwordsDiffer'),
}
