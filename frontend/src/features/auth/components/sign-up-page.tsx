import { zodResolver } from '@hookform/resolvers/zod'
import { useForm } from 'react-hook-form'
import { Link } from 'react-router'
import { z } from 'zod'
import { errorMessage } from '@/api/errors'
import { Button } from '@/components/ui/button'
import { TextField } from '@/components/ui/field'
import { Notice } from '@/components/ui/notice'
import { useSignUp } from '@/features/auth/api/auth'
import { AuthLayout } from '@/features/auth/components/auth-layout'
import { ProviderButtons } from '@/features/auth/components/provider-buttons'
import {
  emailSchema,
  MIN_PASSWORD_LENGTH,
  passwordSchema,
} from '@/features/auth/components/schemas'

const schema = z
  .object({
    first_name: z.string().trim().min(1, 'Enter your first name.').max(100),
    last_name: z.string().trim().min(1, 'Enter your last name.').max(100),
    email: emailSchema,
    password: passwordSchema,
    confirm: z.string(),
  })
  .refine((values) => values.password === values.confirm, {
    path: ['confirm'],
    message: 'The two passwords differ.',
  })
type Values = z.infer<typeof schema>

export function SignUpPage() {
  const signUp = useSignUp()
  const form = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: { first_name: '', last_name: '', email: '', password: '', confirm: '' },
  })
  const errors = form.formState.errors

  if (signUp.isSuccess) {
    return (
      <AuthLayout title="Check your email">
        <Notice tone="success">
          We sent a confirmation link to <strong>{signUp.variables.email}</strong>. Open it to
          confirm your address, then sign in.
        </Notice>
        <p className="auth-links">
          <Link to="/sign-in">Go to sign in</Link>
        </p>
      </AuthLayout>
    )
  }

  return (
    <AuthLayout title="Create your account">
      {signUp.isError ? <Notice tone="error">{errorMessage(signUp.error)}</Notice> : null}
      <form
        noValidate
        onSubmit={form.handleSubmit(({ first_name, last_name, email, password }) =>
          signUp.mutate({ first_name, last_name, email, password }),
        )}
      >
        <div className="field-row">
          <TextField
            label="First name"
            autoComplete="given-name"
            error={errors.first_name?.message}
            {...form.register('first_name')}
          />
          <TextField
            label="Last name"
            autoComplete="family-name"
            error={errors.last_name?.message}
            {...form.register('last_name')}
          />
        </div>
        <TextField
          label="Email"
          type="email"
          autoComplete="email"
          error={errors.email?.message}
          {...form.register('email')}
        />
        <TextField
          label="Password"
          type="password"
          autoComplete="new-password"
          hint={`At least ${MIN_PASSWORD_LENGTH} characters; a few words you remember work well.`}
          error={errors.password?.message}
          {...form.register('password')}
        />
        <TextField
          label="Repeat the password"
          type="password"
          autoComplete="new-password"
          error={errors.confirm?.message}
          {...form.register('confirm')}
        />
        <Button type="submit" busy={signUp.isPending} className="button-block">
          Create account
        </Button>
      </form>
      <ProviderButtons />
      <p className="auth-links">
        <span>
          Already have an account? <Link to="/sign-in">Sign in</Link>
        </span>
      </p>
    </AuthLayout>
  )
}
