// Cluster-mode tests: they start their own redis-server, so they run with the
// browser tests (`npm run e2e`), not with `npm test`, which needs no services.
// The pipeline's behaviour spec runs here a second time, with its Redis-backed rows.
process.env['REDTAIL_TEST_REDIS'] = '1';

module.exports = {
  displayName: 'api-cluster',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  setupFiles: ['reflect-metadata'],
  transform: { '^.+\\.[tj]s$': ['../../tools/jest/swc-transform.cjs'] },
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs)/)'],
  moduleFileExtensions: ['ts', 'js'],
  testMatch: [
    '<rootDir>/test-cluster/**/*.cluster-spec.ts',
    '<rootDir>/src/logs/log.service.spec.ts',
  ],
  testTimeout: 30_000,
};
