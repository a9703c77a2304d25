import { zodResolver } from '@hookform/resolvers/zod'
import i18next from 'i18next'
import { useState, type ReactNode } from 'react'
import { useForm } from 'react-hook-form'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate } from 'react-router'
import { z } from 'zod'
import { errorMessage } from '@/api/errors'
import { LinkedProviders } from '@/features/settings/components/linked-providers'
import { LanguageSelect } from '@/components/language-select'
import { Button } from '@/components/ui/button'
import { Dialog } from '@/components/ui/dialog'
import { SelectField, TextField } from '@/components/ui/field'
import { Notice } from '@/components/ui/notice'
import { type User, useUser } from '@/api/auth'
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
  first_name: nameSchema('firstName'),
  last_name: nameSchema('lastName'),
  base_currency: z
    .string()
    .regex(/^[A-Z]{3}$/, { error: () => i18next.t('common:validation.currency') }),
})

function ProfileForm({ user }: { user: User }) {
  const { t } = useTranslation(['settings', 'common'])
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
      <h2 id="profile-title">{t('profile.title')}</h2>
      {update.isSuccess ? <Notice tone="success">{t('profile.saved')}</Notice> : null}
      {update.isError ? <Notice tone="error">{errorMessage(update.error)}</Notice> : null}
      <form noValidate onSubmit={form.handleSubmit((values) => update.mutate(values))}>
        <TextField label={t('common:fields.email')} value={user.email} readOnly disabled />
        <NameFields register={form.register} errors={errors} />
        <SelectField
          label={t('profile.baseCurrency')}
          hint={t('profile.baseCurrencyHint')}
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
          {t('profile.save')}
        </Button>
      </form>
    </section>
  )
}

const passwordFormSchema = z
  .object({
    current_password: z
      .string()
      .min(1, { error: () => i18next.t('settings:password.enterCurrent') }),
    ...newPasswordShape,
  })
  .refine(matchingPasswords, mismatch)

function PasswordForm() {
  const { t } = useTranslation('settings')
  const update = useUpdateMe()
  const form = useForm<z.infer<typeof passwordFormSchema>>({
    resolver: zodResolver(passwordFormSchema),
    defaultValues: { current_password: '', password: '', confirm: '' },
  })
  const errors = form.formState.errors
  return (
    <section className="panel" aria-labelledby="password-title">
      <h2 id="password-title">{t('password.title')}</h2>
      {update.isSuccess ? <Notice tone="success">{t('password.changed')}</Notice> : null}
      {update.isError ? <Notice tone="error">{errorMessage(update.error)}</Notice> : null}
      <form
        noValidate
        onSubmit={form.handleSubmit(({ current_password, password }) =>
          update.mutate({ current_password, password }, { onSuccess: () => form.reset() }),
        )}
      >
        <TextField
          label={t('password.current')}
          type="password"
          autoComplete="current-password"
          error={errors.current_password?.message}
          {...form.register('current_password')}
        />
        <NewPasswordFields register={form.register} errors={errors} fresh />
        <Button type="submit" busy={update.isPending}>
          {t('password.submit')}
        </Button>
      </form>
    </section>
  )
}

function DeleteAccount({ user }: { user: User }) {
  const { t } = useTranslation('settings')
  const [open, setOpen] = useState(false)
  const [typed, setTyped] = useState('')
  const [password, setPassword] = useState('')
  const remove = useDeleteMe()
  const navigate = useNavigate()
  return (
    <section className="panel panel-danger" aria-labelledby="delete-title">
      <h2 id="delete-title">{t('remove.title')}</h2>
      <p>{t('remove.text')}</p>
      <Button variant="danger" onClick={() => setOpen(true)}>
        {t('remove.open')}
      </Button>
      <Dialog open={open} title={t('remove.dialogTitle')} onClose={() => setOpen(false)}>
        <form
          onSubmit={(event) => {
            event.preventDefault()
            remove.mutate(
              { confirmation: typed, password: password || null },
              {
                onSuccess: () => navigate('/sign-in?reason=deleted', { replace: true }),
              },
            )
          }}
        >
          {remove.isError ? <Notice tone="error">{errorMessage(remove.error)}</Notice> : null}
          <TextField
            label={t('remove.typeEmail', { email: user.email })}
            value={typed}
            onChange={(event) => setTyped(event.target.value)}
            autoComplete="off"
          />
          <TextField
            label={t('remove.password')}
            hint={t('remove.passwordHint')}
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
          <div className="actions">
            <Button variant="secondary" onClick={() => setOpen(false)}>
              {t('remove.keep')}
            </Button>
            <Button
              type="submit"
              variant="danger"
              busy={remove.isPending}
              disabled={typed.trim().toLowerCase() !== user.email.toLowerCase()}
            >
              {t('remove.confirm')}
            </Button>
          </div>
        </form>
      </Dialog>
    </section>
  )
}

/** The interface language, kept as the account's too: emails are written in it. */
function LanguageSection() {
  const { t } = useTranslation('settings')
  const update = useUpdateMe()
  return (
    <section className="panel">
      <LanguageSelect onChosen={(language) => update.mutate({ language })} />
      <p className="field-hint">{t('language.emails')}</p>
      {update.isError ? <Notice tone="error">{errorMessage(update.error)}</Notice> : null}
    </section>
  )
}

/**
 * `panels` are the other features' sections, which the app puts here: `mail` after the
 * language (emails a person asks for), `signIn` after the password (two-factor sign-in),
 * `data` before the account's deletion (accesses, export).
 */
export function SettingsPage({
  panels,
}: {
  panels?: { mail?: ReactNode; signIn?: ReactNode; data?: ReactNode }
}) {
  const { t } = useTranslation(['settings', 'common'])
  const user = useUser()
  return (
    <div className="page settings">
      <h1>{t('title')}</h1>
      <nav className="panel phone-only" aria-label={t('more')}>
        <ul className="plain-list link-list">
          <li>
            <Link to="/budgets">{t('common:nav.budgets')}</Link>
          </li>
          <li>
            <Link to="/goals">{t('common:nav.goals')}</Link>
          </li>
          <li>
            <Link to="/categories">{t('common:nav.categories')}</Link>
          </li>
          <li>
            <Link to="/tags">{t('common:nav.tags')}</Link>
          </li>
          <li>
            <Link to="/rules">{t('common:nav.rules')}</Link>
          </li>
        </ul>
      </nav>
      <ProfileForm user={user} />
      <LanguageSection />
      {panels?.mail}
      <PasswordForm />
      {panels?.signIn}
      <LinkedProviders />
      {panels?.data}
      <DeleteAccount user={user} />
    </div>
  )
}
