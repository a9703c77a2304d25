import { readdirSync } from 'node:fs'
import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

// Imports flow one way: shared folders → features → app. A feature uses no other feature and
// nothing of the app; shared code uses neither. With no way back up, folders cannot form cycles.
const ACROSS = { group: ['../*/**'], message: 'Import across folders with @/ instead.' }
const NO_APP = { group: ['@/app/*'], message: 'Only the app imports the app (router, shell).' }
const features = readdirSync(new URL('./src/features', import.meta.url))
const boundaries = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] })

export default tseslint.config(
  { ignores: ['dist', 'src/api/gen'] },
  {
    extends: [js.configs.recommended, ...tseslint.configs.strict],
    files: ['**/*.{ts,tsx}'],
    languageOptions: { ecmaVersion: 2022, globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...boundaries([ACROSS]),
    },
  },
  {
    files: ['src/{api,components,config,i18n,lib}/**/*.{ts,tsx}'],
    rules: boundaries([
      ACROSS,
      NO_APP,
      { group: ['@/features/*'], message: 'Shared code does not depend on a feature.' },
    ]),
  },
  ...features.map((feature) => ({
    files: [`src/features/${feature}/**/*.{ts,tsx}`],
    rules: boundaries([
      ACROSS,
      NO_APP,
      {
        group: ['@/features/*', `!@/features/${feature}`, `!@/features/${feature}/**`],
        message: 'A feature does not import another feature; compose them in src/app.',
      },
    ]),
  })),
  {
    files: ['scripts/**/*.mjs'],
    languageOptions: { globals: globals.node },
  },
)
