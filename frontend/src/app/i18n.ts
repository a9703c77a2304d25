import type { Resource, ResourceLanguage } from 'i18next'
import commonCs from '@/i18n/messages/cs'
import commonEn from '@/i18n/messages/en'
import { setUpI18n } from '@/i18n/setup'

type Messages = { default: ResourceLanguage }

// Each feature keeps its strings in `features/<feature>/messages/{en,cs}.ts`, its namespace
// named after the folder; new features are picked up here without editing this file.
const featureMessages = import.meta.glob<Messages>('/src/features/*/messages/{en,cs}.ts', {
  eager: true,
})

export function collectResources(): Resource {
  const resources: Resource = { en: { common: commonEn }, cs: { common: commonCs } }
  for (const [path, module] of Object.entries(featureMessages)) {
    const match = /\/features\/([^/]+)\/messages\/(en|cs)\.ts$/.exec(path)
    if (!match) continue
    const [, namespace = '', language = ''] = match
    resources[language] = { ...resources[language], [namespace]: module.default }
  }
  return resources
}

export const i18n = setUpI18n(collectResources())
