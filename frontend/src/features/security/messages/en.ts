const en = {
  twoFactor: {
    title: 'Two-factor sign-in',
    off: 'Off. With it on, signing in with a password also asks for a code from your phone.',
    on: 'On. Signing in with a password also asks for a code from your app.',
    codesLeft_one: '{{count}} recovery code left.',
    codesLeft_other: '{{count}} recovery codes left.',
    setUp: 'Set up two-factor sign-in',
    scan: 'Scan this code with an authenticator app, then enter the six digits it shows.',
    qrAlt: 'QR code for the authenticator app',
    byHand: 'Or type the key by hand:',
    code: 'Code from the app',
    turnOn: 'Turn on',
    enabled:
      'Two-factor sign-in is on. Keep these recovery codes somewhere safe: each works once instead of a code, and they are not shown again.',
    recoveryCodes: 'Recovery codes',
    done: 'Done',
    password: 'Password',
    codeOrRecovery: 'Code or recovery code',
    turnOff: 'Turn off two-factor sign-in',
  },
  accesses: {
    title: 'Administrator access',
    none: 'No administrator has acted as you.',
    list: 'Accesses to your account',
  },
  export: {
    title: 'Export your data',
    about:
      'Everything you keep in Cashbook, as JSON and CSV files in one ZIP. We email you a link that works once, for 24 hours. One export a day.',
    requested: 'Your export is being prepared; watch your inbox.',
    request: 'Email me an export',
    csv: 'Export CSV',
  },
  errors: {
    LOGIN_TOTP_REQUIRED: 'Enter the code from your authenticator app.',
    LOGIN_TOTP_INVALID:
      'The code is not correct. Check the time on your phone, or use a recovery code.',
    TWO_FACTOR_CODE_INVALID: 'The code is not correct. Check the time on your phone.',
    TWO_FACTOR_ALREADY_ENABLED: 'Two-factor sign-in is already on.',
    TWO_FACTOR_NOT_SET_UP: 'Start the setup first.',
    EXPORT_TOO_SOON: 'You asked for an export less than a day ago. Try again tomorrow.',
    IMPERSONATION_FORBIDDEN: 'Only the person themselves may do this.',
    DELETE_ACCOUNT_NOT_CONFIRMED: 'Type your email address exactly to confirm.',
    DELETE_ACCOUNT_FRESH_SIGN_IN_REQUIRED:
      'Sign in again with your provider, then delete the account.',
  },
}

export default en

declare module '@/i18n/types' {
  interface Namespaces {
    security: typeof en
  }
}
