import type en from '@/features/admin/messages/en'
import type { Czech } from '@/i18n/types'

const cs: Czech<typeof en> = {
  nav: 'Správa',
  title: 'Správa',
  users: {
    title: 'Uživatelé',
    label: 'Uživatelé',
    email: 'E-mail',
    name: 'Jméno',
    role: 'Oprávnění',
    verified: 'Ověřen',
    active: 'Aktivní',
    accounts: 'Účty',
    created: 'Vytvořen',
    lastSignIn: 'Poslední přihlášení',
    actions: 'Akce',
    yes: 'ano',
    no: 'ne',
    roleUser: 'uživatel',
    roleAdmin: 'správce',
    actAs: 'Jednat jako',
    deactivate: 'Deaktivovat',
    reactivate: 'Znovu aktivovat',
    resend: 'Znovu poslat ověření',
    delete: 'Smazat',
    deleteTitle: 'Smazat tohoto uživatele?',
    deleteBody: '{{email}} i vše, co tu má, bude nenávratně smazáno.',
    keep: 'Ponechat',
  },
  impersonate: {
    title: 'Jednat jako {{email}}',
    about:
      'Nejvýše 30 minut. Každý požadavek se zaznamená a {{name}} uvidí důvod ve svém nastavení.',
    reason: 'Důvod',
    start: 'Začít',
  },
  audit: {
    title: 'Auditní záznam',
    label: 'Auditní záznam',
    none: 'Zatím nikdo nejednal jako jiný uživatel.',
    time: 'Čas',
    administrator: 'Správce',
    user: 'Uživatel',
    reason: 'Důvod',
    request: 'Požadavek',
    status: 'Stav',
  },
  banner: {
    acting: 'Jednáte jako {{email}} do {{until}} ({{reason}}). Vše, co uděláte, se zaznamenává.',
    stop: 'Ukončit',
  },
  errors: {
    ADMIN_TARGET_IS_ADMIN: 'Správce nemůže jednat jako jiný správce.',
    ADMIN_TARGET_IS_YOURSELF: 'Ne u vlastního účtu.',
    ADMIN_TARGET_INACTIVE: 'Tento účet je deaktivovaný.',
    ADMIN_TWO_FACTOR_REQUIRED: 'Pro použití správy si v Nastavení zapněte dvoufázové přihlášení.',
    NOT_IMPERSONATING: 'Za nikoho nejednáte.',
  },
}

export default cs
