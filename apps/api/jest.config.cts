module.exports = {
  displayName: 'api',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  // Nest loads reflect-metadata before any decorator runs; unit tests that skip Nest need it too.
  setupFiles: ['reflect-metadata'],
  transform: { '^.+\\.[tj]s$': ['../../tools/jest/swc-transform.cjs'] },
  // OpenTelemetry's exporters load node:http with import(), which Jest's VM only runs as CommonJS.
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|@opentelemetry)/)'],
  moduleFileExtensions: ['ts', 'js'],
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
  coverageDirectory: '../../coverage/apps/api',
};
