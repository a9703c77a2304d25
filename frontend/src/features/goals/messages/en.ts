const en = {
  title: 'Goals',
  none: 'No goals yet',
  noneHint: 'Save towards something: a holiday, a car, a cushion.',
  name: 'Name',
  target: 'Target amount',
  date: 'Target date',
  create: 'Add the goal',
  saved: '{{saved}} of {{target}}',
  needed: '{{amount}} a month to make it',
  projected: 'At this pace: {{month}}',
  contribute: 'Contribute',
  amount: 'Amount',
  invite: 'Share with (email)',
  send: 'Invite',
  shared: 'Shared by {{owner}}',
  members: 'Shared with: {{emails}}',
  invitations: 'Goals shared with you',
  join: 'Accept {{name}}',
  errors: {
    GOAL_NOT_FOUND: 'This goal is not there (any more).',
    GOAL_LINKED_TO_ACCOUNT: "This goal follows its account's balance.",
    GOAL_AMOUNT_NOT_POSITIVE: 'The amount must be more than zero.',
  },
}

export default en

declare module '@/i18n/types' {
  interface Namespaces {
    goals: typeof en
  }
}
