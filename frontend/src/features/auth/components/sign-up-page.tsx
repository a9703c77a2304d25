import { zodResolver } from '@hookform/resolvers/zod'
import { useForm } from 'react-hook-form'
import { Link } from 'react-router'
import { z } from 'zod'
import { errorMessage } from '@/api/errors'
import { Button } from '@/components/ui/button'
import { TextField } from '@/components/ui/field'
import { Notice } from '@/components/ui/notice'
import { useSignUp } from '@/api/auth'
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
    first_name: nameSchema('first name'),
    last_name: nameSchema('last name'),
    email: emailSchema,
    ...newPasswordShape,
  })
  .refine(matchingPasswords, mismatch)
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
        <NameFields register={form.register} errors={errors} />
        <TextField
          label="Email"
          type="email"
          autoComplete="email"
          error={errors.email?.message}
          {...form.register('email')}
        />
        <NewPasswordFields
          register={form.register}
          errors={errors}
          hint={`At least ${MIN_PASSWORD_LENGTH} characters; a few words you remember work well.`}
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
