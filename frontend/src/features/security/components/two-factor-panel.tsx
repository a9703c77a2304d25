import { useState } from 'react'
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
  const confirm = useConfirmTwoFactor()
  const [code, setCode] = useState('')
  if (confirm.data) {
    return (
      <div>
        <Notice tone="success">
          Two-factor sign-in is on. Keep these recovery codes somewhere safe: each works once
          instead of a code, and they are not shown again.
        </Notice>
        <ul className="recovery-codes" aria-label="Recovery codes">
          {confirm.data.codes.map((recovery) => (
            <li key={recovery}>
              <code>{recovery}</code>
            </li>
          ))}
        </ul>
        <Button onClick={onDone}>Done</Button>
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
      <p>Scan this code with an authenticator app, then enter the six digits it shows.</p>
      <img src={setup.qr_svg} alt="QR code for the authenticator app" width={180} height={180} />
      <p className="muted">
        Or type the key by hand: <code>{setup.secret}</code>
      </p>
      {confirm.isError ? <Notice tone="error">{errorMessage(confirm.error)}</Notice> : null}
      <TextField
        label="Code from the app"
        inputMode="numeric"
        autoComplete="one-time-code"
        value={code}
        onChange={(event) => setCode(event.target.value)}
      />
      <Button type="submit" busy={confirm.isPending}>
        Turn on
      </Button>
    </form>
  )
}

function DisableForm() {
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
        label="Password"
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={(event) => setPassword(event.target.value)}
      />
      <TextField
        label="Code or recovery code"
        autoComplete="one-time-code"
        value={code}
        onChange={(event) => setCode(event.target.value)}
      />
      <Button type="submit" variant="secondary" busy={disable.isPending}>
        Turn off two-factor sign-in
      </Button>
    </form>
  )
}

/** Settings → two-factor sign-in: set up with a QR code, see what is left, turn off. */
export function TwoFactorPanel() {
  const status = useTwoFactorStatus()
  const start = useStartTwoFactorSetup()
  return (
    <section className="panel" aria-labelledby="two-factor-title">
      <h2 id="two-factor-title">Two-factor sign-in</h2>
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
            On. Signing in with a password also asks for a code from your app.{' '}
            {status.data.recovery_codes_left} recovery codes left.
          </p>
          <DisableForm />
        </>
      ) : status.data ? (
        <>
          <p>Off. With it on, signing in with a password also asks for a code from your phone.</p>
          <Button busy={start.isPending} onClick={() => start.mutate()}>
            Set up two-factor sign-in
          </Button>
        </>
      ) : null}
    </section>
  )
}
