const en = {
  title: 'Tags',
  intro: 'Tags are free labels: a transaction can have any number of them.',
  add: 'Add tag',
  newTitle: 'New tag',
  yours: 'Your tags',
  none: 'No tags yet.',
  nameMissing: 'Name the tag.',
  editTitle: 'Edit tag',
  deleteTitle: 'Delete tag?',
  deleteBefore: 'Delete',
  deleteAfter: '? Transactions keep their amounts but lose this tag.',
}

export default en

declare module '@/i18n/types' {
  interface Namespaces {
    tags: typeof en
  }
}
