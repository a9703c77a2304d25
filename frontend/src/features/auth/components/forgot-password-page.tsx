import { zodResolver } from '@hookform/resolvers/zod'
import { useForm } from 'react-hook-form'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { z } from 'zod'
import { errorMessage } from '@/api/errors'
import { Button } from '@/components/ui/button'
import { TextField } from '@/components/ui/field'
import { Notice } from '@/components/ui/notice'
import { useForgotPassword } from '@/api/auth'
import { AuthLayout } from '@/features/auth/components/auth-layout'
import { emailSchema } from '@/components/forms/schemas'

const schema = z.object({ email: emailSchema })

export function ForgotPasswordPage() {
  const { t } = useTranslation(['auth', 'common'])
  const forgot = useForgotPassword()
  const form = useForm<z.infer<typeof schema>>({
    resolver: zodResolver(schema),
    defaultValues: { email: '' },
  })
  return (
    <AuthLayout title={t('forgot.title')}>
      {forgot.isSuccess ? (
        // The same words whether or not the address has an account: nobody learns who signed up.
        <Notice tone="success">{t('forgot.sent')}</Notice>
      ) : (
        <>
          {forgot.isError ? <Notice tone="error">{errorMessage(forgot.error)}</Notice> : null}
          <form noValidate onSubmit={form.handleSubmit(({ email }) => forgot.mutate(email))}>
            <TextField
              label={t('common:fields.email')}
              type="email"
              autoComplete="email"
              error={form.formState.errors.email?.message}
              {...form.register('email')}
            />
            <Button type="submit" busy={forgot.isPending} className="button-block">
              {t('forgot.submit')}
            </Button>
          </form>
        </>
      )}
      <p className="auth-links">
        <Link to="/sign-in">{t('forgot.back')}</Link>
      </p>
    </AuthLayout>
  )
}
