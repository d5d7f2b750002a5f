// One strict configuration for every package: no `any`, no floating promises, exhaustive switches.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/data/**',
      'coverage/**',
      'test-results/**',
      'playwright-report/**',
      'packages/app/public/**',
      '**/*.js',
      '**/*.mjs',
      '**/*.cjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowNumber: true, allowBoolean: true },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unnecessary-condition': 'off',
      '@typescript-eslint/no-extraneous-class': 'off',
      // Fastify plugins and hooks are async by convention, with or without an await inside.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // The repository is the only way in: routes parse, call a domain operation and present. They
    // never reach the database themselves (Kysely, a tenant transaction, the database) nor the
    // seed's privileged writer.
    files: ['packages/app/src/routes/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'kysely', message: 'Routes call domain operations; SQL lives behind the repository.' },
          ],
          patterns: [
            {
              group: ['**/db/tenant.ts', '**/db/tenant', '**/db/database.ts', '**/db/database'],
              message:
                'Routes reach records through the caller-bound repository (recordsFor(req)), never a transaction.',
            },
            {
              group: ['**/seed/privileged-writer.ts', '**/seed/privileged-writer'],
              message: 'The privileged writer is for the seed generator only.',
            },
          ],
        },
      ],
    },
  },
  {
    // Libraries stand alone: they never import the application.
    files: [
      'packages/identifiers/**',
      'packages/linkage/**',
      'packages/pprl/**',
      'packages/random/**',
      'packages/redaction/**',
      'packages/returns/**',
    ],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['@waypoint/app', '@waypoint/app/*', '**/app/src/**'] }],
    },
  },
);
