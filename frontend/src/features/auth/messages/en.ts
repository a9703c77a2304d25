const en = {
  signIn: {
    title: 'Sign in',
    submit: 'Sign in',
    forgot: 'Forgot your password?',
    newHere: 'New here?',
    create: 'Create an account',
    enterPassword: 'Enter your password.',
    code: 'Code from your authenticator app',
    codeHint: 'Or one of your recovery codes.',
    reasons: {
      expired: 'Your session has ended. Please sign in again.',
      signedOut: 'You are signed out.',
      deleted: 'Your account and all its data were deleted.',
      reset: 'Your password was changed. Sign in with the new one.',
      verified: 'Your email is confirmed. Sign in to continue.',
    },
  },
  signUp: {
    title: 'Create your account',
    submit: 'Create account',
    passwordHint: 'At least {{min}} characters; a few words you remember work well.',
    haveAccount: 'Already have an account?',
    signIn: 'Sign in',
    checkTitle: 'Check your email',
    checkBefore: 'We sent a confirmation link to',
    checkAfter: 'Open it to confirm your address, then sign in.',
    goToSignIn: 'Go to sign in',
  },
  forgot: {
    title: 'Reset your password',
    sent: 'If an account uses that address, we sent it a link to choose a new password.',
    submit: 'Send the reset link',
    back: 'Back to sign in',
  },
  reset: {
    title: 'Choose a new password',
    noToken: 'This link has no token. Open the link from the email again.',
    submit: 'Save the new password',
    askAgain: 'Ask for a new link',
  },
  verify: {
    title: 'Confirm your email',
    confirming: 'Confirming…',
    confirmed: 'Your email address is confirmed.',
    dashboard: 'Go to your dashboard',
    signIn: 'Sign in',
  },
  providers: {
    or: 'or',
    signInWith: 'Sign in with {{name}}',
  },
}

export default en

declare module '@/i18n/types' {
  interface Namespaces {
    auth: typeof en
  }
}
