module.exports = {
  displayName: 'express-server',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  setupFiles: ['reflect-metadata'],
  transform: { '^.+\\.[tj]s$': ['../../tools/jest/swc-transform.cjs'] },
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs)/)'],
  moduleFileExtensions: ['ts', 'js'],
  coverageDirectory: '../../coverage/libs/express-server',
};
