const en = {
  title: 'Settings',
  more: 'More screens',
  language: {
    emails: 'Emails from Cashbook are written in this language too.',
  },
  profile: {
    title: 'Profile',
    saved: 'Your profile is saved.',
    baseCurrency: 'Base currency',
    baseCurrencyHint: 'Reports and the dashboard are converted to it.',
    save: 'Save profile',
  },
  password: {
    title: 'Change password',
    current: 'Current password',
    enterCurrent: 'Enter your current password.',
    changed: 'Your password is changed. Other devices are signed out.',
    submit: 'Change password',
  },
  remove: {
    title: 'Delete account',
    text: 'This deletes your account with every account, transaction, category and tag. It cannot be undone.',
    open: 'Delete my account…',
    dialogTitle: 'Delete your account?',
    typeEmail: 'Type your email ({{email}}) to confirm',
    password: 'Password',
    passwordHint:
      'Leave empty if you sign in only with a provider (then sign in with it again first).',
    keep: 'Keep my account',
    confirm: 'Delete everything',
  },
  providers: {
    title: 'Sign-in providers',
    linkedOn: 'Linked {{date}}',
    lastUsed: 'last used {{date}}',
    unlink: 'Unlink',
    unlinkNamed: 'Unlink {{name}}',
    none: 'No provider is linked yet.',
    passwordOnly: 'This server offers only email and password sign-in.',
    link: 'Link {{name}}',
    confirmTitle: 'Unlink the provider?',
    keep: 'Keep it',
    confirmBefore: 'You will no longer sign in with',
    confirmAfter: 'Your password (if you have one) keeps working.',
    linked: '{{name}} is linked.',
    linkFailed: 'Linking did not work: {{reason}}',
  },
}

export default en

declare module '@/i18n/types' {
  interface Namespaces {
    settings: typeof en
  }
}
