module.exports = {
  displayName: 'api',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  // Nest loads reflect-metadata before any decorator runs; unit tests that skip Nest need it too.
  setupFiles: ['reflect-metadata'],
  transform: { '^.+\\.[tj]s$': ['../../tools/jest/swc-transform.cjs'] },
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs)/)'],
  moduleFileExtensions: ['ts', 'js'],
  // Unit specs only: they start no servers. The in-process API tests are the `integration` target.
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  coverageDirectory: '../../coverage/apps/api',
};
