import baseConfig from '../../eslint.config.mjs';

export default [
  ...baseConfig,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // A dropped promise on the server is a silently lost log or an unhandled rejection.
      '@typescript-eslint/no-floating-promises': 'error',
    },
  },
];
