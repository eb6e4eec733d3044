import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', Buffer: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/http/**', 'fastify'], message: 'The domain and use cases know nothing of HTTP.' }] }],
    },
  },
  {
    // Recognising binary files and stray control characters is the point of these expressions.
    files: ['src/import/**'],
    rules: { 'no-control-regex': 'off' },
  },
  {
    files: ['src/http/**', 'src/main.ts', 'test/**', 'bench/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
