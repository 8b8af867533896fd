// Lint of the admin UI, run by the test command (`npm run lint --prefix admin-ui`) with warnings as errors.
import js from '@eslint/js';
import globals from 'globals';

export default [
  { ignores: ['vendor/**', 'node_modules/**'] },
  js.configs.recommended,
  {
    files: ['src/**/*.js'],
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: globals.browser },
    rules: {
      'no-unused-vars': ['error', { args: 'after-used', argsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
      'no-var': 'error',
      'prefer-const': 'error',
      // The DOM is built from text only (docs/admin-ui.md): nothing may parse data as HTML.
      'no-restricted-properties': ['error',
        { property: 'innerHTML', message: 'build elements with h() from lib/dom.js' },
        { property: 'outerHTML', message: 'build elements with h() from lib/dom.js' },
        { property: 'insertAdjacentHTML', message: 'build elements with h() from lib/dom.js' }],
      'no-restricted-syntax': ['error',
        { selector: "CallExpression[callee.property.name='setAttribute'][arguments.0.value='style']", message: 'inline styles break the CSP; use a class' }],
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
    },
  },
  {
    files: ['build.mjs', 'eslint.config.js'],
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: globals.node },
  },
];
