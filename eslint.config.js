import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['lib/**', 'node_modules/**', '.tools/**', 'tmp/**', 'src/profiles/file-validator.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['*.js', '.mocharc.cjs', 'bin/*.js', 'scripts/*.ts', 'test/fixtures/inject/*.mjs'] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      eqeqeq: 'error',
      'no-console': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/explicit-module-boundary-types': 'error',
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-unused-expressions': 'off' },
  },
  {
    files: ['bench/**/*.ts', '*.js', '.mocharc.cjs', 'bin/*.js'],
    rules: { 'no-console': 'off' },
  },
  { files: ['.mocharc.cjs'], languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable' } }, rules: { '@typescript-eslint/no-require-imports': 'off' } }
);
