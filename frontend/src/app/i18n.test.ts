import { describe, expect, it } from 'vitest'
import { collectResources } from '@/app/i18n'

// Keys whose Czech text is rightly the same as the English one (names, shared words).
const SAME_IN_BOTH = new Set([
  'common:appName',
  'common:nav.imports',
  'common:language.cs',
  'common:language.en',
])
// Words that never occur in Czech sentences but always turn up in untranslated English.
const ENGLISH_WORDS = /\b(the|and|your|please|with|this|you|are|is|of|for|not|from)\b/i
const PLURAL = /_(zero|one|two|few|many|other)$/

type Tree = { [key: string]: string | Tree }

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>()
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key
    if (typeof value === 'string') out.set(path, value)
    else for (const [inner, text] of flatten(value, path)) out.set(inner, text)
  }
  return out
}

/** Keys without their plural suffix, each with the plural forms it has. */
function pluralForms(messages: Map<string, string>): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>()
  for (const key of messages.keys()) {
    const base = key.replace(PLURAL, '')
    const form = PLURAL.exec(key)?.[1] ?? ''
    out.set(base, (out.get(base) ?? new Set()).add(form))
  }
  return out
}

const variables = (text: string) => [...text.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]).sort()

const resources = collectResources()
const namespaces = Object.keys(resources.en ?? {}).sort()

describe('translations', () => {
  it('has the same namespaces in both languages', () => {
    expect(namespaces).toContain('common')
    expect(Object.keys(resources.cs ?? {}).sort()).toEqual(namespaces)
  })

  describe.each(namespaces)('namespace %s', (namespace) => {
    const en = flatten(resources.en?.[namespace] as Tree)
    const cs = flatten((resources.cs?.[namespace] ?? {}) as Tree)
    const enForms = pluralForms(en)
    const csForms = pluralForms(cs)

    it('has every key in both languages, with each language’s plural forms', () => {
      expect([...csForms.keys()].sort()).toEqual([...enForms.keys()].sort())
      for (const [base, forms] of enForms) {
        if (forms.has('')) continue
        expect([...forms].sort(), `en ${base}`).toEqual(['one', 'other'])
        expect([...(csForms.get(base) ?? [])].sort(), `cs ${base}`).toEqual(['few', 'one', 'other'])
      }
    })

    it('keeps the placeholders of the English text', () => {
      for (const [key, text] of cs) {
        const english = en.get(key) ?? en.get(key.replace(PLURAL, '_other')) ?? ''
        // `count` may be left out where Czech words it ("jedna chyba").
        const expected = variables(english).filter((name) => name !== 'count')
        const actual = variables(text).filter((name) => name !== 'count')
        expect(actual, `${namespace}:${key}`).toEqual(expected)
      }
    })

    it('leaves no English in the Czech texts', () => {
      for (const [key, text] of cs) {
        const id = `${namespace}:${key}`
        expect(text.trim(), id).not.toBe('')
        if (SAME_IN_BOTH.has(id)) continue
        expect(text, id).not.toBe(en.get(key))
        expect(text, id).not.toMatch(ENGLISH_WORDS)
      }
    })
  })
})
