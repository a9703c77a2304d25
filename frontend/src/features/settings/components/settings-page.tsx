import { zodResolver } from '@hookform/resolvers/zod'
import { useState } from 'react'
import { useForm } from 'react-hook-form'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { z } from 'zod'
import { errorMessage } from '@/api/errors'
import { LinkedProviders } from '@/features/settings/components/linked-providers'
import { useUser } from '@/app/router'
import { LanguageSelect } from '@/components/language-select'
import { Button } from '@/components/ui/button'
import { Dialog } from '@/components/ui/dialog'
import { SelectField, TextField } from '@/components/ui/field'
import { Notice } from '@/components/ui/notice'
import type { User } from '@/api/auth'
import { NameFields, NewPasswordFields } from '@/components/forms/person-fields'
import {
  matchingPasswords,
  mismatch,
  nameSchema,
  newPasswordShape,
} from '@/components/forms/schemas'
import { useDeleteMe, useUpdateMe } from '@/features/settings/api/settings'
import { CURRENCIES } from '@/lib/money'

const profileSchema = z.object({
  first_name: nameSchema('first name'),
  last_name: nameSchema('last name'),
  base_currency: z.string().regex(/^[A-Z]{3}$/, 'Choose a currency.'),
})

function ProfileForm({ user }: { user: User }) {
  const update = useUpdateMe()
  const form = useForm<z.infer<typeof profileSchema>>({
    resolver: zodResolver(profileSchema),
    values: {
      first_name: user.first_name,
      last_name: user.last_name,
      base_currency: user.base_currency,
    },
  })
  const errors = form.formState.errors
  const currencies = CURRENCIES.includes(user.base_currency as (typeof CURRENCIES)[number])
    ? CURRENCIES
    : [user.base_currency, ...CURRENCIES]
  return (
    <section className="panel" aria-labelledby="profile-title">
      <h2 id="profile-title">Profile</h2>
      {update.isSuccess ? <Notice tone="success">Your profile is saved.</Notice> : null}
      {update.isError ? <Notice tone="error">{errorMessage(update.error)}</Notice> : null}
      <form noValidate onSubmit={form.handleSubmit((values) => update.mutate(values))}>
        <TextField label="Email" value={user.email} readOnly disabled />
        <NameFields register={form.register} errors={errors} />
        <SelectField
          label="Base currency"
          hint="Reports and the dashboard are converted to it."
          error={errors.base_currency?.message}
          {...form.register('base_currency')}
        >
          {currencies.map((code) => (
            <option key={code} value={code}>
              {code}
            </option>
          ))}
        </SelectField>
        <Button type="submit" busy={update.isPending}>
          Save profile
        </Button>
      </form>
    </section>
  )
}

const passwordFormSchema = z
  .object({
    current_password: z.string().min(1, 'Enter your current password.'),
    ...newPasswordShape,
  })
  .refine(matchingPasswords, mismatch)

function PasswordForm() {
  const update = useUpdateMe()
  const form = useForm<z.infer<typeof passwordFormSchema>>({
    resolver: zodResolver(passwordFormSchema),
    defaultValues: { current_password: '', password: '', confirm: '' },
  })
  const errors = form.formState.errors
  return (
    <section className="panel" aria-labelledby="password-title">
      <h2 id="password-title">Change password</h2>
      {update.isSuccess ? (
        <Notice tone="success">Your password is changed. Other devices are signed out.</Notice>
      ) : null}
      {update.isError ? <Notice tone="error">{errorMessage(update.error)}</Notice> : null}
      <form
        noValidate
        onSubmit={form.handleSubmit(({ current_password, password }) =>
          update.mutate({ current_password, password }, { onSuccess: () => form.reset() }),
        )}
      >
        <TextField
          label="Current password"
          type="password"
          autoComplete="current-password"
          error={errors.current_password?.message}
          {...form.register('current_password')}
        />
        <NewPasswordFields register={form.register} errors={errors} label="New password" />
        <Button type="submit" busy={update.isPending}>
          Change password
        </Button>
      </form>
    </section>
  )
}

function DeleteAccount({ user }: { user: User }) {
  const [open, setOpen] = useState(false)
  const [typed, setTyped] = useState('')
  const remove = useDeleteMe()
  const navigate = useNavigate()
  return (
    <section className="panel panel-danger" aria-labelledby="delete-title">
      <h2 id="delete-title">Delete account</h2>
      <p>
        This deletes your account with every account, transaction, category and tag. It cannot be
        undone.
      </p>
      <Button variant="danger" onClick={() => setOpen(true)}>
        Delete my account…
      </Button>
      <Dialog open={open} title="Delete your account?" onClose={() => setOpen(false)}>
        <form
          onSubmit={(event) => {
            event.preventDefault()
            remove.mutate(undefined, {
              onSuccess: () => navigate('/sign-in?reason=deleted', { replace: true }),
            })
          }}
        >
          {remove.isError ? <Notice tone="error">{errorMessage(remove.error)}</Notice> : null}
          <TextField
            label={`Type your email (${user.email}) to confirm`}
            value={typed}
            onChange={(event) => setTyped(event.target.value)}
            autoComplete="off"
          />
          <div className="actions">
            <Button variant="secondary" onClick={() => setOpen(false)}>
              Keep my account
            </Button>
            <Button
              type="submit"
              variant="danger"
              busy={remove.isPending}
              disabled={typed.trim().toLowerCase() !== user.email.toLowerCase()}
            >
              Delete everything
            </Button>
          </div>
        </form>
      </Dialog>
    </section>
  )
}

export function SettingsPage() {
  const { t } = useTranslation(['settings', 'common'])
  const user = useUser()
  return (
    <div className="page settings">
      <h1>{t('title')}</h1>
      <ProfileForm user={user} />
      <section className="panel" aria-label={t('common:language.label')}>
        <LanguageSelect />
      </section>
      <PasswordForm />
      <LinkedProviders />
      <DeleteAccount user={user} />
    </div>
  )
}
