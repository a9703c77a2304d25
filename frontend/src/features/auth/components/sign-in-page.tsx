import { zodResolver } from '@hookform/resolvers/zod'
import { useForm } from 'react-hook-form'
import { Link, useNavigate, useSearchParams } from 'react-router'
import { z } from 'zod'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
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
  password: z.string().min(1, 'Enter your password.'),
  otp: z.string(),
})
type Values = z.infer<typeof schema>

const REASONS: Record<string, { tone: 'info' | 'success'; text: string }> = {
  expired: { tone: 'info', text: 'Your session has ended. Please sign in again.' },
  'signed-out': { tone: 'success', text: 'You are signed out.' },
  deleted: { tone: 'success', text: 'Your account and all its data were deleted.' },
  reset: { tone: 'success', text: 'Your password was changed. Sign in with the new one.' },
  verified: { tone: 'success', text: 'Your email is confirmed. Sign in to continue.' },
}

export function SignInPage() {
  const [params] = useSearchParams()
  const navigate = useNavigate()
  const signIn = useSignIn()
  const { t } = useTranslation('security')
  const form = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: { email: '', password: '', otp: '' },
  })
  const reason = REASONS[params.get('reason') ?? '']
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
    <AuthLayout title="Sign in">
      {reason && !signIn.isError ? <Notice tone={reason.tone}>{reason.text}</Notice> : null}
      {signIn.isError && !needsCode ? (
        <Notice tone="error">{errorMessage(signIn.error)}</Notice>
      ) : null}
      <form onSubmit={onSubmit} noValidate>
        <TextField
          label="Email"
          type="email"
          autoComplete="email"
          error={form.formState.errors.email?.message}
          {...form.register('email')}
        />
        <TextField
          label="Password"
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
          Sign in
        </Button>
      </form>
      <ProviderButtons />
      <p className="auth-links">
        <Link to="/forgot-password">Forgot your password?</Link>
        <span>
          New here? <Link to="/sign-up">Create an account</Link>
        </span>
      </p>
    </AuthLayout>
  )
}
