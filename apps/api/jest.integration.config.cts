module.exports = {
  displayName: 'api-integration',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  // Nest loads reflect-metadata before any decorator runs; unit tests that skip Nest need it too.
  setupFiles: ['reflect-metadata'],
  transform: { '^.+\\.[tj]s$': ['../../tools/jest/swc-transform.cjs'] },
  // OpenTelemetry's exporters load node:http with import(), which Jest's VM only runs as CommonJS.
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|@opentelemetry)/)'],
  moduleFileExtensions: ['ts', 'js'],
  // The real application on a loopback port (supertest and socket.io-client against app.listen(0)).
  testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
  coverageDirectory: '../../coverage/apps/api-integration',
};
