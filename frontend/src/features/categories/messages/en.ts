const en = {
  title: 'Categories',
  intro: 'A transaction has at most one category; reports sum by it.',
  add: 'Add category',
  newTitle: 'New category',
  yours: 'Your categories',
  none: 'No categories yet.',
  nameMissing: 'Name the category.',
  editTitle: 'Edit category',
  deleteTitle: 'Delete category?',
  deleteBefore: 'Delete',
  deleteAfter: '? Transactions keep their amounts but lose this category.',
}

export default en

declare module '@/i18n/types' {
  interface Namespaces {
    categories: typeof en
  }
}
