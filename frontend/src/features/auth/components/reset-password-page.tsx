import { zodResolver } from '@hookform/resolvers/zod'
import { useForm } from 'react-hook-form'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate, useSearchParams } from 'react-router'
import { z } from 'zod'
import { errorMessage } from '@/api/errors'
import { Button } from '@/components/ui/button'
import { Notice } from '@/components/ui/notice'
import { useResetPassword } from '@/api/auth'
import { AuthLayout } from '@/features/auth/components/auth-layout'
import { NewPasswordFields } from '@/components/forms/person-fields'
import { matchingPasswords, mismatch, newPasswordShape } from '@/components/forms/schemas'

const schema = z.object(newPasswordShape).refine(matchingPasswords, mismatch)

export function ResetPasswordPage() {
  const { t } = useTranslation('auth')
  const [params] = useSearchParams()
  const token = params.get('token') ?? ''
  const navigate = useNavigate()
  const reset = useResetPassword()
  const form = useForm<z.infer<typeof schema>>({
    resolver: zodResolver(schema),
    defaultValues: { password: '', confirm: '' },
  })
  const errors = form.formState.errors
  return (
    <AuthLayout title={t('reset.title')}>
      {!token ? <Notice tone="error">{t('reset.noToken')}</Notice> : null}
      {reset.isError ? <Notice tone="error">{errorMessage(reset.error)}</Notice> : null}
      <form
        noValidate
        onSubmit={form.handleSubmit(({ password }) =>
          reset.mutate(
            { token, password },
            { onSuccess: () => navigate('/sign-in?reason=reset', { replace: true }) },
          ),
        )}
      >
        <NewPasswordFields register={form.register} errors={errors} fresh />
        <Button type="submit" busy={reset.isPending} disabled={!token} className="button-block">
          {t('reset.submit')}
        </Button>
      </form>
      <p className="auth-links">
        <Link to="/forgot-password">{t('reset.askAgain')}</Link>
      </p>
    </AuthLayout>
  )
}
