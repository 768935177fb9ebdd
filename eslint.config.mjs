import nx from '@nx/eslint-plugin';

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: ['**/dist', '**/out-tsc', '**/.angular', '**/test-results', '**/artifacts'],
  },
  // AssemblyScript (decorated functions, `<u32>` casts), compiled by `asc`, not TypeScript.
  { ignores: ['libs/masking/assembly/**'] },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.jsx'],
    rules: {
      // Scope tags: the API and the dashboard may share only `scope:shared`
      // libraries, and shared libraries stay framework-free so any log shipper
      // can use them.
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          allow: ['^.*/eslint(\\.base)?\\.config\\.[cm]?[jt]s$'],
          depConstraints: [
            {
              // The API may use the shared libraries, its own server-side ones, and test helpers
              // in its specs.
              sourceTag: 'scope:api',
              onlyDependOnLibsWithTags: [
                'scope:api',
                'scope:shared',
                'scope:server',
                'scope:testing',
              ],
            },
            {
              // Server-side building blocks the API is made of and a benchmark baseline reuses.
              sourceTag: 'scope:server',
              onlyDependOnLibsWithTags: ['scope:shared'],
              bannedExternalImports: ['@angular/*'],
            },
            {
              // Test infrastructure: browsers, Redis servers, benchmark payloads.
              sourceTag: 'scope:testing',
              onlyDependOnLibsWithTags: ['scope:shared'],
            },
            {
              // Benchmarks drive the built API from outside (HTTP, Socket.IO, child processes);
              // they may share its server-side libraries, never its source.
              sourceTag: 'scope:bench',
              onlyDependOnLibsWithTags: ['scope:shared', 'scope:server', 'scope:testing'],
            },
            {
              sourceTag: 'scope:dashboard',
              onlyDependOnLibsWithTags: ['scope:dashboard', 'scope:shared'],
              bannedExternalImports: [
                '@nestjs/*',
                'class-validator',
                'class-transformer',
                'express',
              ],
            },
            {
              sourceTag: 'scope:shared',
              onlyDependOnLibsWithTags: ['scope:shared'],
              bannedExternalImports: [
                '@nestjs/*',
                '@angular/*',
                'class-validator',
                'class-transformer',
                'socket.io',
                'socket.io-client',
                'rxjs',
              ],
            },
            {
              sourceTag: 'scope:e2e',
              onlyDependOnLibsWithTags: ['scope:shared', 'scope:testing'],
            },
            {
              // The log shipper runs beside any application: Node's own modules and the
              // shared contracts only.
              sourceTag: 'scope:shipper',
              onlyDependOnLibsWithTags: ['scope:shared'],
              bannedExternalImports: [
                '@nestjs/*',
                '@angular/*',
                'express',
                'socket.io',
                'socket.io-client',
                'rxjs',
              ],
            },
          ],
        },
      ],
    },
  },
  {
    // Dependencies point one way in the API: logs/ defines the pipeline and its ports, cluster/
    // implements them. The behaviour spec is the exception: its table builds the Redis backend.
    // Both spellings, for a lint run from the workspace root and from the project's folder.
    files: ['apps/api/src/logs/**/*.ts', 'src/logs/**/*.ts'],
    ignores: ['apps/api/src/logs/log.service.spec.ts', 'src/logs/log.service.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/cluster/*', '**/cluster'],
              message: 'logs/ defines the ports and cluster/ implements them, never the reverse.',
            },
          ],
        },
      ],
    },
  },
  {
    // The API is built by ts-loader in transpile-only mode, which emits a `const enum` as an
    // object and reads it at every use: 8 % more instructions in the masking scan's hot loop
    // (bench/findings.md). Plain `const` numbers cost nothing in either build.
    files: ['**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'TSEnumDeclaration[const=true]',
          message: 'Use plain `const` numbers: transpile-only builds do not inline a const enum.',
        },
      ],
    },
  },
];
