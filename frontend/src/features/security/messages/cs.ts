import type en from '@/features/security/messages/en'
import type { Czech } from '@/i18n/types'

const cs: Czech<typeof en> = {
  twoFactor: {
    title: 'Dvoufázové přihlášení',
    off: 'Vypnuto. Když je zapnuté, přihlášení heslem chce i kód z telefonu.',
    on: 'Zapnuto. Přihlášení heslem chce i kód z aplikace.',
    codesLeft_one: 'Zbývá {{count}} záchranný kód.',
    codesLeft_few: 'Zbývají {{count}} záchranné kódy.',
    codesLeft_other: 'Zbývá {{count}} záchranných kódů.',
    setUp: 'Nastavit dvoufázové přihlášení',
    scan: 'Naskenujte tento kód ověřovací aplikací a zadejte šest číslic, které ukáže.',
    qrAlt: 'QR kód pro ověřovací aplikaci',
    byHand: 'Nebo klíč opište ručně:',
    code: 'Kód z aplikace',
    turnOn: 'Zapnout',
    enabled:
      'Dvoufázové přihlášení je zapnuté. Záchranné kódy si uložte na bezpečné místo: každý jednou nahradí kód a znovu se nezobrazí.',
    recoveryCodes: 'Záchranné kódy',
    done: 'Hotovo',
    password: 'Heslo',
    codeOrRecovery: 'Kód nebo záchranný kód',
    turnOff: 'Vypnout dvoufázové přihlášení',
  },
  accesses: {
    title: 'Přístupy správců',
    none: 'Žádný správce za vás nejednal.',
    list: 'Přístupy k vašemu účtu',
  },
  export: {
    title: 'Export vašich dat',
    about:
      'Vše, co v Cashbooku máte, jako soubory JSON a CSV v jednom ZIPu. Pošleme vám e-mailem odkaz, který funguje jednou a 24 hodin. Jeden export denně.',
    requested: 'Export se připravuje; sledujte svou schránku.',
    request: 'Poslat mi export e-mailem',
    csv: 'Exportovat CSV',
  },
  errors: {
    LOGIN_TOTP_REQUIRED: 'Zadejte kód z ověřovací aplikace.',
    LOGIN_TOTP_INVALID: 'Kód nesouhlasí. Zkontrolujte čas v telefonu nebo použijte záchranný kód.',
    TWO_FACTOR_CODE_INVALID: 'Kód nesouhlasí. Zkontrolujte čas v telefonu.',
    TWO_FACTOR_ALREADY_ENABLED: 'Dvoufázové přihlášení už je zapnuté.',
    TWO_FACTOR_NOT_SET_UP: 'Nejdřív spusťte nastavení.',
    EXPORT_TOO_SOON: 'O export jste žádali před méně než dnem. Zkuste to zítra.',
    IMPERSONATION_FORBIDDEN: 'Tohle smí udělat jen sám majitel účtu.',
    DELETE_ACCOUNT_NOT_CONFIRMED: 'Pro potvrzení přesně opište svou e-mailovou adresu.',
    DELETE_ACCOUNT_FRESH_SIGN_IN_REQUIRED:
      'Znovu se přihlaste přes poskytovatele a pak účet smažte.',
  },
}

export default cs
