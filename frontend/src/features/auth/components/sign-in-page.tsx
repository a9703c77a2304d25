import { zodResolver } from '@hookform/resolvers/zod'
import i18next from 'i18next'
import { useForm } from 'react-hook-form'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate, useSearchParams } from 'react-router'
import { z } from 'zod'
import { useState } from 'react'
import { ApiError, errorMessage } from '@/api/errors'
import { Button } from '@/components/ui/button'
import { TextField } from '@/components/ui/field'
import { Notice } from '@/components/ui/notice'
import { useSignIn } from '@/api/auth'
import { safeNext } from '@/lib/safe-next'
import { AuthLayout } from '@/features/auth/components/auth-layout'
import { ProviderButtons } from '@/features/auth/components/provider-buttons'
import { emailSchema } from '@/components/forms/schemas'

const schema = z.object({
  email: emailSchema,
  password: z.string().min(1, { error: () => i18next.t('auth:signIn.enterPassword') }),
  otp: z.string(),
})
type Values = z.infer<typeof schema>

const REASONS = {
  expired: { tone: 'info', text: 'expired' },
  'signed-out': { tone: 'success', text: 'signedOut' },
  deleted: { tone: 'success', text: 'deleted' },
  reset: { tone: 'success', text: 'reset' },
  verified: { tone: 'success', text: 'verified' },
} as const

export function SignInPage() {
  const { t } = useTranslation(['auth', 'common'])
  const [params] = useSearchParams()
  const navigate = useNavigate()
  const signIn = useSignIn()
  const form = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: { email: '', password: '', otp: '' },
  })
  const reason = REASONS[(params.get('reason') ?? '') as keyof typeof REASONS] as
    (typeof REASONS)[keyof typeof REASONS] | undefined
  const next = params.get('next')

  // The password was right and the account has two-factor sign-in on: ask for the code.
  const needsCode = signIn.error instanceof ApiError && signIn.error.code === 'LOGIN_TOTP_REQUIRED'
  const [askCode, setAskCode] = useState(false)
  if (needsCode && !askCode) setAskCode(true)

  const onSubmit = form.handleSubmit((values) =>
    signIn.mutate(values, {
      onSuccess: () => navigate(safeNext(next), { replace: true }),
    }),
  )

  return (
    <AuthLayout title={t('signIn.title')}>
      {reason && !signIn.isError ? (
        <Notice tone={reason.tone}>{t(`signIn.reasons.${reason.text}`)}</Notice>
      ) : null}
      {signIn.isError && !needsCode ? (
        <Notice tone="error">{errorMessage(signIn.error)}</Notice>
      ) : null}
      <form onSubmit={onSubmit} noValidate>
        <TextField
          label={t('common:fields.email')}
          type="email"
          autoComplete="email"
          error={form.formState.errors.email?.message}
          {...form.register('email')}
        />
        <TextField
          label={t('common:fields.password')}
          type="password"
          autoComplete="current-password"
          error={form.formState.errors.password?.message}
          {...form.register('password')}
        />
        {askCode ? (
          <TextField
            label={t('signIn.code')}
            hint={t('signIn.codeHint')}
            inputMode="numeric"
            autoComplete="one-time-code"
            autoFocus
            {...form.register('otp')}
          />
        ) : null}
        <Button type="submit" busy={signIn.isPending} className="button-block">
          {t('signIn.submit')}
        </Button>
      </form>
      <ProviderButtons />
      <p className="auth-links">
        <Link to="/forgot-password">{t('signIn.forgot')}</Link>
        <span>
          {t('signIn.newHere')} <Link to="/sign-up">{t('signIn.create')}</Link>
        </span>
      </p>
    </AuthLayout>
  )
}
