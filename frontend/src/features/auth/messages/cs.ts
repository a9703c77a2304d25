import type en from '@/features/auth/messages/en'
import type { Czech } from '@/i18n/types'

const cs: Czech<typeof en> = {
  signIn: {
    title: 'Přihlášení',
    submit: 'Přihlásit se',
    forgot: 'Zapomněli jste heslo?',
    newHere: 'Jste tu poprvé?',
    create: 'Založit účet',
    enterPassword: 'Zadejte heslo.',
    code: 'Kód z ověřovací aplikace',
    codeHint: 'Nebo jeden ze záchranných kódů.',
    reasons: {
      expired: 'Vaše relace skončila. Přihlaste se prosím znovu.',
      signedOut: 'Jste odhlášeni.',
      deleted: 'Váš účet i všechna jeho data byla smazána.',
      reset: 'Heslo bylo změněno. Přihlaste se novým heslem.',
      verified: 'Váš e-mail je potvrzený. Pokračujte přihlášením.',
    },
  },
  signUp: {
    title: 'Založení účtu',
    submit: 'Založit účet',
    passwordHint: 'Aspoň {{min}} znaků; dobře poslouží pár slov, která si zapamatujete.',
    haveAccount: 'Už máte účet?',
    signIn: 'Přihlaste se',
    checkTitle: 'Zkontrolujte e-mail',
    checkBefore: 'Poslali jsme potvrzovací odkaz na',
    checkAfter: 'Otevřete ho, potvrďte adresu a pak se přihlaste.',
    goToSignIn: 'Přejít na přihlášení',
  },
  forgot: {
    title: 'Obnova hesla',
    sent: 'Pokud tuto adresu používá nějaký účet, poslali jsme na ni odkaz pro nastavení nového hesla.',
    submit: 'Poslat odkaz',
    back: 'Zpět na přihlášení',
  },
  reset: {
    title: 'Nové heslo',
    noToken: 'V odkazu chybí token. Otevřete odkaz z e-mailu znovu.',
    submit: 'Uložit nové heslo',
    askAgain: 'Požádat o nový odkaz',
  },
  verify: {
    title: 'Potvrzení e-mailu',
    confirming: 'Potvrzujeme…',
    confirmed: 'Vaše e-mailová adresa je potvrzená.',
    dashboard: 'Přejít na přehled',
    signIn: 'Přihlásit se',
  },
  providers: {
    or: 'nebo',
    signInWith: 'Přihlásit přes {{name}}',
  },
}

export default cs
