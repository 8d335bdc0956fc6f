// ESLint: typescript-eslint's type-checked recommended rules over every TypeScript file we write (src, test, bench,
// scripts, codegen.ts, vitest.config.ts; types from tsconfig.json through the project service). Formatting is
// Prettier's job: eslint-config-prettier, last, turns off every rule that would fight it. `npm run lint` runs both.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default defineConfig(
  { ignores: ['node_modules/', 'dist/', 'generated/', 'coverage/', 'bench/profiles/'] },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // An async function without await is how an in-memory store, a fastify handler or a test fake satisfies a
      // Promise-returning interface, and `async` turns its throws into rejections as callers expect.
      '@typescript-eslint/require-await': 'off',
      // Rethrowing or forwarding a caught value (unknown by type) is not inventing a non-Error rejection.
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingUnknown: true }],
      // A leading underscore marks a binding kept on purpose (a positional argument, a key dropped by a rest spread).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      // Tests read JSON response bodies (GraphQL and UQPAY's) as `any` and check them with expect(): the assertion
      // is the type check, so the no-unsafe-* family would only ask for casts that prove nothing.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // This file is JavaScript outside tsconfig.json: lint it without type information.
    files: ['**/*.js'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  prettier,
);
