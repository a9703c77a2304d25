import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { errorMessage } from '@/api/errors'
import { Button } from '@/components/ui/button'
import { TextField } from '@/components/ui/field'
import { Notice } from '@/components/ui/notice'
import { ErrorState, Loading } from '@/components/ui/states'
import {
  type TwoFactorSetup,
  useConfirmTwoFactor,
  useDisableTwoFactor,
  useStartTwoFactorSetup,
  useTwoFactorStatus,
} from '@/features/security/api/security'

function SetupSteps({ setup, onDone }: { setup: TwoFactorSetup; onDone: () => void }) {
  const { t } = useTranslation('security')
  const confirm = useConfirmTwoFactor()
  const [code, setCode] = useState('')
  if (confirm.data) {
    return (
      <div>
        <Notice tone="success">{t('twoFactor.enabled')}</Notice>
        <ul className="recovery-codes" aria-label={t('twoFactor.recoveryCodes')}>
          {confirm.data.codes.map((recovery) => (
            <li key={recovery}>
              <code>{recovery}</code>
            </li>
          ))}
        </ul>
        <Button onClick={onDone}>{t('twoFactor.done')}</Button>
      </div>
    )
  }
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault()
        confirm.mutate(code.trim())
      }}
    >
      <p>{t('twoFactor.scan')}</p>
      <img src={setup.qr_svg} alt={t('twoFactor.qrAlt')} width={180} height={180} />
      <p className="muted">
        {t('twoFactor.byHand')} <code>{setup.secret}</code>
      </p>
      {confirm.isError ? <Notice tone="error">{errorMessage(confirm.error)}</Notice> : null}
      <TextField
        label={t('twoFactor.code')}
        inputMode="numeric"
        autoComplete="one-time-code"
        value={code}
        onChange={(event) => setCode(event.target.value)}
      />
      <Button type="submit" busy={confirm.isPending}>
        {t('twoFactor.turnOn')}
      </Button>
    </form>
  )
}

function DisableForm() {
  const { t } = useTranslation('security')
  const disable = useDisableTwoFactor()
  const [password, setPassword] = useState('')
  const [code, setCode] = useState('')
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault()
        disable.mutate({ password, code: code.trim() })
      }}
    >
      {disable.isError ? <Notice tone="error">{errorMessage(disable.error)}</Notice> : null}
      <TextField
        label={t('twoFactor.password')}
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={(event) => setPassword(event.target.value)}
      />
      <TextField
        label={t('twoFactor.codeOrRecovery')}
        autoComplete="one-time-code"
        value={code}
        onChange={(event) => setCode(event.target.value)}
      />
      <Button type="submit" variant="secondary" busy={disable.isPending}>
        {t('twoFactor.turnOff')}
      </Button>
    </form>
  )
}

/** Settings → two-factor sign-in: set up with a QR code, see what is left, turn off. */
export function TwoFactorPanel() {
  const { t } = useTranslation('security')
  const status = useTwoFactorStatus()
  const start = useStartTwoFactorSetup()
  return (
    <section className="panel" aria-labelledby="two-factor-title">
      <h2 id="two-factor-title">{t('twoFactor.title')}</h2>
      {status.isPending ? <Loading /> : null}
      {status.isError ? (
        <ErrorState error={status.error} onRetry={() => void status.refetch()} />
      ) : null}
      {start.isError ? <Notice tone="error">{errorMessage(start.error)}</Notice> : null}
      {start.data ? (
        <SetupSteps setup={start.data} onDone={() => start.reset()} />
      ) : status.data?.enabled ? (
        <>
          <p>
            {t('twoFactor.on')}{' '}
            {t('twoFactor.codesLeft', { count: status.data.recovery_codes_left })}
          </p>
          <DisableForm />
        </>
      ) : status.data ? (
        <>
          <p>{t('twoFactor.off')}</p>
          <Button busy={start.isPending} onClick={() => start.mutate()}>
            {t('twoFactor.setUp')}
          </Button>
        </>
      ) : null}
    </section>
  )
}
