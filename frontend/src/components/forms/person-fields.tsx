import type { FieldErrors, UseFormRegister } from 'react-hook-form'
import { useTranslation } from 'react-i18next'
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
  const { t } = useTranslation()
  const reg = register as unknown as UseFormRegister<NameValues>
  const errs = errors as FieldErrors<NameValues>
  return (
    <div className="field-row">
      <TextField
        label={t('fields.firstName')}
        autoComplete="given-name"
        error={errs.first_name?.message}
        {...reg('first_name')}
      />
      <TextField
        label={t('fields.lastName')}
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
  fresh = false,
  hint,
}: {
  register: UseFormRegister<T>
  errors: FieldErrors<T>
  /** Labelled "New password" when it replaces one. */
  fresh?: boolean
  hint?: string
}) {
  const { t } = useTranslation()
  const reg = register as unknown as UseFormRegister<PasswordValues>
  const errs = errors as FieldErrors<PasswordValues>
  return (
    <>
      <TextField
        label={fresh ? t('fields.newPassword') : t('fields.password')}
        type="password"
        autoComplete="new-password"
        hint={hint}
        error={errs.password?.message}
        {...reg('password')}
      />
      <TextField
        label={fresh ? t('fields.repeatNewPassword') : t('fields.repeatPassword')}
        type="password"
        autoComplete="new-password"
        error={errs.confirm?.message}
        {...reg('confirm')}
      />
    </>
  )
}
