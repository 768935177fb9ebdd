module.exports = {
  displayName: 'tools',
  preset: '../jest.preset.js',
  testEnvironment: 'node',
  transform: { '^.+\\.[tj]s$': ['./jest/swc-transform.cjs'] },
  moduleFileExtensions: ['ts', 'js', 'cjs', 'mjs'],
  testTimeout: 60_000,
};
