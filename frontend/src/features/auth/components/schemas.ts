import { z } from 'zod'

// Mirrors the server's first rule so a person learns it before sending; the server has the
// final word (common passwords, the email as password) and its reason is shown as it is.
export const MIN_PASSWORD_LENGTH = 10
export const passwordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters.`)
  .max(256, 'Use at most 256 characters.')

export const emailSchema = z.email('Enter an email address like name@example.com.')
