import { zodResolver } from '@hookform/resolvers/zod'
import { useForm } from 'react-hook-form'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { z } from 'zod'
import { errorMessage } from '@/api/errors'
import { Button } from '@/components/ui/button'
import { TextField } from '@/components/ui/field'
import { Notice } from '@/components/ui/notice'
import { useSignUp } from '@/api/auth'
import { currentLanguage } from '@/i18n/setup'
import { AuthLayout } from '@/features/auth/components/auth-layout'
import { ProviderButtons } from '@/features/auth/components/provider-buttons'
import { NameFields, NewPasswordFields } from '@/components/forms/person-fields'
import {
  emailSchema,
  matchingPasswords,
  MIN_PASSWORD_LENGTH,
  mismatch,
  nameSchema,
  newPasswordShape,
} from '@/components/forms/schemas'

const schema = z
  .object({
    first_name: nameSchema('firstName'),
    last_name: nameSchema('lastName'),
    email: emailSchema,
    ...newPasswordShape,
  })
  .refine(matchingPasswords, mismatch)
type Values = z.infer<typeof schema>

export function SignUpPage() {
  const { t } = useTranslation(['auth', 'common'])
  const signUp = useSignUp()
  const form = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: { first_name: '', last_name: '', email: '', password: '', confirm: '' },
  })
  const errors = form.formState.errors

  if (signUp.isSuccess) {
    return (
      <AuthLayout title={t('signUp.checkTitle')}>
        <Notice tone="success">
          {t('signUp.checkBefore')} <strong>{signUp.variables.email}</strong>.{' '}
          {t('signUp.checkAfter')}
        </Notice>
        <p className="auth-links">
          <Link to="/sign-in">{t('signUp.goToSignIn')}</Link>
        </p>
      </AuthLayout>
    )
  }

  return (
    <AuthLayout title={t('signUp.title')}>
      {signUp.isError ? <Notice tone="error">{errorMessage(signUp.error)}</Notice> : null}
      <form
        noValidate
        onSubmit={form.handleSubmit(({ first_name, last_name, email, password }) =>
          signUp.mutate({ first_name, last_name, email, password, language: currentLanguage() }),
        )}
      >
        <NameFields register={form.register} errors={errors} />
        <TextField
          label={t('common:fields.email')}
          type="email"
          autoComplete="email"
          error={errors.email?.message}
          {...form.register('email')}
        />
        <NewPasswordFields
          register={form.register}
          errors={errors}
          hint={t('signUp.passwordHint', { min: MIN_PASSWORD_LENGTH })}
        />
        <Button type="submit" busy={signUp.isPending} className="button-block">
          {t('signUp.submit')}
        </Button>
      </form>
      <ProviderButtons />
      <p className="auth-links">
        <span>
          {t('signUp.haveAccount')} <Link to="/sign-in">{t('signUp.signIn')}</Link>
        </span>
      </p>
    </AuthLayout>
  )
}
