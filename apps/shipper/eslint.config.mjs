import baseConfig from '../../eslint.config.mjs';

export default [
  ...baseConfig,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // A dropped promise here is a batch nobody waits for: lost logs or a silent exit.
      '@typescript-eslint/no-floating-promises': 'error',
    },
  },
];
