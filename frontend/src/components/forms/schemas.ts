import { z } from 'zod'

// Mirrors the server's first rule so a person learns it before sending; the server has the
// final word (common passwords, the email as password) and its reason is shown as it is.
export const MIN_PASSWORD_LENGTH = 10
export const passwordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters.`)
  .max(256, 'Use at most 256 characters.')

export const emailSchema = z.email('Enter an email address like name@example.com.')

export const nameSchema = (what: string) => z.string().trim().min(1, `Enter your ${what}.`).max(100)

/** A new password typed twice; the second must match the first. */
export const newPasswordShape = { password: passwordSchema, confirm: z.string() }
export function matchingPasswords<T extends { password: string; confirm: string }>(values: T) {
  return values.password === values.confirm
}
export const mismatch = { path: ['confirm'], message: 'The two passwords differ.' }
