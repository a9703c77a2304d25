import type { UseFormRegisterReturn } from 'react-hook-form'
import { useTranslation } from 'react-i18next'
import type { Category, Tag } from '@/api/ledger-types'
import { NamedOptions, SelectField } from '@/components/ui/field'

/** The category choice of a transaction or of one of its parts. */
export function CategorySelect({
  categories,
  field,
}: {
  categories: Category[]
  field: UseFormRegisterReturn
}) {
  const { t } = useTranslation('transactions')
  return (
    <SelectField label={t('form.category')} {...field}>
      <option value="">{t('form.noCategory')}</option>
      <NamedOptions items={categories} />
    </SelectField>
  )
}

/** The tags of a transaction or of one of its parts, as checkboxes (none when there are none). */
export function TagChecks({ tags, field }: { tags: Tag[]; field: UseFormRegisterReturn }) {
  const { t } = useTranslation('transactions')
  if (tags.length === 0) return null
  return (
    <fieldset className="checks">
      <legend>{t('form.tags')}</legend>
      {tags.map((tag) => (
        <label key={tag.id}>
          <input type="checkbox" value={tag.id} {...field} /> {tag.name}
        </label>
      ))}
    </fieldset>
  )
}
