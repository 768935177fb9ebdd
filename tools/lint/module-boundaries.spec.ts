import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const workspaceRoot = join(__dirname, '..', '..');

/**
 * Lints `code` as if it were a file at `path`, with the workspace's real
 * config, through the ESLint CLI (its flat config is ESM, which Jest cannot load).
 */
async function ruleIdsFor(path: string, code: string): Promise<string[]> {
  const eslint = join(workspaceRoot, 'node_modules', '.bin', 'eslint');
  const run = spawnSync(eslint, ['--stdin', '--stdin-filename', path, '--format', 'json'], {
    cwd: workspaceRoot,
    input: code,
    encoding: 'utf8',
    env: { ...process.env, NX_DAEMON: 'false' },
  });
  const [result] = JSON.parse(run.stdout) as {
    messages: { ruleId: string | null; message: string }[];
  }[];
  return result.messages.map((message) => `${message.ruleId}: ${message.message}`);
}

describe('module boundaries', () => {
  it('forbid the dashboard from importing NestJS', async () => {
    const problems = await ruleIdsFor(
      'apps/dashboard/src/app/violation.ts',
      "import { Injectable } from '@nestjs/common';\nexport const x = Injectable;\n",
    );
    expect(problems.join('\n')).toMatch(/@nx\/enforce-module-boundaries.*@nestjs\/common/);
  });

  it('forbid the dashboard from importing class-validator', async () => {
    const problems = await ruleIdsFor(
      'apps/dashboard/src/app/violation.ts',
      "import { IsString } from 'class-validator';\nexport const x = IsString;\n",
    );
    expect(problems.join('\n')).toMatch(/@nx\/enforce-module-boundaries/);
  });

  it('forbid shared libraries from importing Angular or NestJS', async () => {
    for (const banned of ['@angular/core', '@nestjs/common']) {
      const problems = await ruleIdsFor(
        'libs/shared/contracts/src/lib/violation.ts',
        `import * as banned from '${banned}';\nexport const x = banned;\n`,
      );
      expect(problems.join('\n')).toMatch(/@nx\/enforce-module-boundaries/);
    }
  });

  it('allow the dashboard to import the shared contracts', async () => {
    const problems = await ruleIdsFor(
      'apps/dashboard/src/app/allowed.ts',
      "import { LOG_LEVELS } from '@redtail/contracts';\nexport const x = LOG_LEVELS;\n",
    );
    expect(problems.filter((p) => p.includes('enforce-module-boundaries'))).toEqual([]);
  });

  it('forbid the benchmarks from importing the API source, and allow its public libraries', async () => {
    const inside = await ruleIdsFor(
      'bench/scenarios/violation.ts',
      "import { LogService } from '../../apps/api/src/logs/log.service';\nexport const x = LogService;\n",
    );
    expect(inside.join('\n')).toMatch(/@nx\/enforce-module-boundaries/);
    const outside = await ruleIdsFor(
      'bench/scenarios/allowed.ts',
      "import { securityHeaders } from '@redtail/http-security';\nimport { startRedis } from '@redtail/testing';\nexport const x = [securityHeaders, startRedis];\n",
    );
    expect(outside.filter((p) => p.includes('enforce-module-boundaries'))).toEqual([]);
  });

  it('forbid the logs feature from importing the cluster backend', async () => {
    const problems = await ruleIdsFor(
      'apps/api/src/logs/violation.ts',
      "import { RedisLogStore } from '../cluster/redis-log.store';\nexport const x = RedisLogStore;\n",
    );
    expect(problems.join('\n')).toMatch(/no-restricted-imports/);
  });
});
