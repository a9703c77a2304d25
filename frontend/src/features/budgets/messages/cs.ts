import type en from '@/features/budgets/messages/en'
import type { Czech } from '@/i18n/types'

const cs: Czech<typeof en> = {
  title: 'Rozpočty',
  card: 'Rozpočet tento měsíc',
  month: 'Měsíc',
  copyPrevious: 'Zkopírovat minulý měsíc',
  copyAverage: 'Použít průměr za 3 měsíce',
  category: 'Kategorie',
  budgeted: 'Rozpočet',
  spent: 'Utraceno',
  remaining: 'Zbývá',
  carried: 'Převedeno',
  total: 'Celkem',
  noBudgets: 'Pro tento měsíc zatím nejsou rozpočty',
  noBudgetsHint: 'Nastavte částku pro kategorii níže, nebo zkopírujte minulý měsíc.',
  unconverted: 'Útraty v {{currencies}} nejsou započteny (zatím bez směnného kurzu).',
  addBudget: 'Rozpočet pro kategorii',
  amount: 'Částka',
  save: 'Uložit',
  edit: 'Upravit rozpočet kategorie {{name}}',
  percentOf: '{{percent}} % z {{amount}}',
  groups: {
    essentials: 'Nezbytnosti',
    desires: 'Přání',
    savings: 'Spoření',
    planned: 'Plán {{amount}}',
  },
  errors: {
    BUDGET_NEGATIVE: 'Rozpočet nesmí být záporný.',
    BUDGET_SPLIT_NOT_100: 'Procenta musí dát dohromady 100.',
  },
}

export default cs
