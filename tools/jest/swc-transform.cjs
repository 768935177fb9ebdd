// One SWC setup for every Node-side Jest project. NestJS 12 ships ESM only and
// Jest on Node 20 cannot require() it, so @nestjs is transformed too (see
// transformIgnorePatterns in the API's config); decorator metadata is kept
// because Nest's dependency injection reads it.
const { createTransformer } = require('@swc/jest');

module.exports = createTransformer({
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
});
