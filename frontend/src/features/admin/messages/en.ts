const en = {
  nav: 'Admin',
  title: 'Administration',
  users: {
    title: 'Users',
    label: 'Users',
    email: 'Email',
    name: 'Name',
    role: 'Role',
    verified: 'Verified',
    active: 'Active',
    accounts: 'Accounts',
    created: 'Created',
    lastSignIn: 'Last sign-in',
    actions: 'Actions',
    yes: 'yes',
    no: 'no',
    roleUser: 'user',
    roleAdmin: 'admin',
    actAs: 'Act as',
    deactivate: 'Deactivate',
    reactivate: 'Reactivate',
    resend: 'Resend verification',
    delete: 'Delete',
    deleteTitle: 'Delete this user?',
    deleteBody: '{{email}} and everything they keep here are deleted for good.',
    keep: 'Keep',
  },
  impersonate: {
    title: 'Act as {{email}}',
    about:
      'For at most 30 minutes. Every request is recorded, and {{name}} sees the reason in their settings.',
    reason: 'Reason',
    start: 'Start',
  },
  audit: {
    title: 'Audit log',
    label: 'Audit log',
    none: 'Nobody has acted as another user yet.',
    time: 'Time',
    administrator: 'Administrator',
    user: 'User',
    reason: 'Reason',
    request: 'Request',
    status: 'Status',
  },
  banner: {
    acting:
      'You are acting as {{email}} until {{until}} ({{reason}}). Everything you do is recorded.',
    stop: 'Stop',
  },
  errors: {
    ADMIN_TARGET_IS_ADMIN: 'An administrator cannot act as another administrator.',
    ADMIN_TARGET_IS_YOURSELF: 'Not on your own account.',
    ADMIN_TARGET_INACTIVE: 'This account is deactivated.',
    ADMIN_TWO_FACTOR_REQUIRED: 'Turn on two-factor sign-in in Settings to use the administration.',
    NOT_IMPERSONATING: 'You are not acting as anyone.',
  },
}

export default en

declare module '@/i18n/types' {
  interface Namespaces {
    admin: typeof en
  }
}
