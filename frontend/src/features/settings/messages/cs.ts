import type en from '@/features/settings/messages/en'
import type { Czech } from '@/i18n/types'

const cs: Czech<typeof en> = {
  title: 'Nastavení',
  language: {
    emails: 'V tomto jazyce vám Cashbook píše i e-maily.',
  },
  more: 'Další obrazovky',
  profile: {
    title: 'Profil',
    saved: 'Profil je uložený.',
    baseCurrency: 'Základní měna',
    baseCurrencyHint: 'Přehledy a výkazy se do ní přepočítávají.',
    save: 'Uložit profil',
  },
  password: {
    title: 'Změna hesla',
    current: 'Současné heslo',
    enterCurrent: 'Zadejte současné heslo.',
    changed: 'Heslo je změněné. Ostatní zařízení byla odhlášena.',
    submit: 'Změnit heslo',
  },
  remove: {
    title: 'Smazání účtu',
    text: 'Smaže váš účet se všemi účty, transakcemi, kategoriemi a štítky. Nelze to vrátit.',
    open: 'Smazat můj účet…',
    dialogTitle: 'Smazat váš účet?',
    typeEmail: 'Pro potvrzení napište svůj e-mail ({{email}})',
    password: 'Heslo',
    passwordHint:
      'Nechte prázdné, pokud se přihlašujete jen přes poskytovatele (pak se jím nejdřív znovu přihlaste).',
    keep: 'Ponechat účet',
    confirm: 'Smazat vše',
  },
  providers: {
    title: 'Poskytovatelé přihlášení',
    linkedOn: 'Propojeno {{date}}',
    lastUsed: 'naposledy použito {{date}}',
    unlink: 'Odpojit',
    unlinkNamed: 'Odpojit {{name}}',
    none: 'Zatím není propojen žádný poskytovatel.',
    passwordOnly: 'Tento server nabízí jen přihlášení e-mailem a heslem.',
    link: 'Propojit {{name}}',
    confirmTitle: 'Odpojit poskytovatele?',
    keep: 'Ponechat',
    confirmBefore: 'Už se nebudete přihlašovat přes',
    confirmAfter: 'Heslo (pokud ho máte) funguje dál.',
    linked: '{{name}} je propojen.',
    linkFailed: 'Propojení se nepovedlo: {{reason}}',
  },
}

export default cs
