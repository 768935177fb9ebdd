import baseConfig from '../../eslint.config.mjs';

export default [
  ...baseConfig,
  // AssemblyScript, compiled by `asc` (scripts/build-wasm.mjs), not by TypeScript.
  { ignores: ['assembly/**'] },
];
