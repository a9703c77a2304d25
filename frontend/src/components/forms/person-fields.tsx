import type { FieldErrors, UseFormRegister } from 'react-hook-form'
import { TextField } from '@/components/ui/field'

interface NameValues {
  first_name: string
  last_name: string
}

/** First and last name side by side (stacked on a phone). */
export function NameFields<T extends NameValues>({
  register,
  errors,
}: {
  register: UseFormRegister<T>
  errors: FieldErrors<T>
}) {
  const reg = register as unknown as UseFormRegister<NameValues>
  const errs = errors as FieldErrors<NameValues>
  return (
    <div className="field-row">
      <TextField
        label="First name"
        autoComplete="given-name"
        error={errs.first_name?.message}
        {...reg('first_name')}
      />
      <TextField
        label="Last name"
        autoComplete="family-name"
        error={errs.last_name?.message}
        {...reg('last_name')}
      />
    </div>
  )
}

interface PasswordValues {
  password: string
  confirm: string
}

/** A new password and its repetition. */
export function NewPasswordFields<T extends PasswordValues>({
  register,
  errors,
  label = 'Password',
  hint,
}: {
  register: UseFormRegister<T>
  errors: FieldErrors<T>
  label?: string
  hint?: string
}) {
  const reg = register as unknown as UseFormRegister<PasswordValues>
  const errs = errors as FieldErrors<PasswordValues>
  return (
    <>
      <TextField
        label={label}
        type="password"
        autoComplete="new-password"
        hint={hint}
        error={errs.password?.message}
        {...reg('password')}
      />
      <TextField
        label={`Repeat the ${label.toLowerCase()}`}
        type="password"
        autoComplete="new-password"
        error={errs.confirm?.message}
        {...reg('confirm')}
      />
    </>
  )
}
