import { ROLES, type Role } from '@redtail/contracts';
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ConfigurationError } from '../app/configuration-error';
import { generateSecret, loadKeys, newKeyProblems } from './key-config';
import { hashedEntry, type KeysFileContent, WORKSPACE_KEYS_FILE, writeKeysFile } from './keys-file';

export const KEYS_USAGE = `Usage: npm run keys -- <command> [--file <path>]

  add <name> <role> [--service <service>]
        Make a key (role: ${ROLES.join(', ')}; --service binds an ingest key to one service).
        Its secret is printed once, on standard output; the file keeps only its SHA-256.
  list  The keys in the file: names, roles, services, never secrets.
  remove <name>
        Delete a key.

  --file <path>  the keys file (default: $REDTAIL_KEYS_FILE, else ${WORKSPACE_KEYS_FILE})

Redtail reads the file at start-up: restart it after a change.`;

/** Where the command writes: the secret alone on `out`, so `KEY=$(npm run -s keys -- add …)` works. */
export interface CommandOutput {
  out(line: string): void;
  err(line: string): void;
}

class UsageError extends Error {}

/** `npm run keys`: returns the exit code (0 done, 1 refused, 2 misused). */
export function runKeysCommand(
  argv: string[],
  env: NodeJS.ProcessEnv,
  output: CommandOutput,
  now = new Date(),
): number {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        file: { type: 'string' },
        service: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help) {
      output.out(KEYS_USAGE);
      return 0;
    }
    const file = values.file || env['REDTAIL_KEYS_FILE'] || WORKSPACE_KEYS_FILE;
    const [command, ...operands] = positionals;
    if (values.service !== undefined && command !== 'add') {
      throw new UsageError('--service only goes with add');
    }
    switch (command) {
      case 'add':
        expectOperands(operands, 2, 'add <name> <role>');
        return add(file, operands[0], operands[1], values.service, output, now);
      case 'list':
        expectOperands(operands, 0, 'list');
        return list(file, output);
      case 'remove':
        expectOperands(operands, 1, 'remove <name>');
        return remove(file, operands[0], output);
      case undefined:
        throw new UsageError('say what to do: add, list or remove');
      default:
        throw new UsageError(`unknown command "${command}": expected add, list or remove`);
    }
  } catch (error) {
    if (error instanceof ConfigurationError) {
      for (const problem of error.problems) output.err(`keys: ${problem}`);
      return 1;
    }
    if (error instanceof UsageError || isParseArgsError(error)) {
      output.err(`keys: ${(error as Error).message}\n\n${KEYS_USAGE}`);
      return 2;
    }
    throw error;
  }
}

function add(
  file: string,
  name: string,
  roleText: string,
  service: string | undefined,
  output: CommandOutput,
  now: Date,
): number {
  if (!ROLES.includes(roleText as Role)) {
    throw new ConfigurationError([`role "${roleText}" must be one of ${ROLES.join(', ')}`]);
  }
  const role = roleText as Role;
  const content = readChecked(file);
  const problems = newKeyProblems({ name, role, service }, `key "${name}"`);
  if (content.keys.some((entry) => entry.name === name)) {
    problems.push(
      `a key named "${name}" is already in ${file}: remove it first or pick another name`,
    );
  }
  if (problems.length > 0) throw new ConfigurationError(problems);

  const secret = generateSecret();
  writeKeysFile(file, {
    keys: [...content.keys, hashedEntry({ name, role, secret, service }, now)],
  });
  const bound = service === undefined ? '' : `, service ${service}`;
  output.err(`Added "${name}" (${role}${bound}) to ${file}. Its secret, shown only now:`);
  output.out(secret);
  output.err(
    role === 'ingest'
      ? 'Restart Redtail to use it; send it as "Authorization: Bearer <secret>" (redtail-ship reads REDTAIL_KEY).'
      : "Restart Redtail to use it, then sign in by opening <Redtail's address>/#token=<secret>.",
  );
  return 0;
}

function list(file: string, output: CommandOutput): number {
  if (!existsSync(file)) {
    output.err(`No keys file at ${file} yet: Redtail creates it at its first start, or run add.`);
    return 0;
  }
  const { keys } = readChecked(file);
  const rows = [
    ['name', 'role', 'service', 'stored as', 'created'],
    ...keys.map((key) => [
      key.name,
      key.role,
      key.service ?? '-',
      key.sha256 ? 'sha256' : 'plain secret',
      key.createdAt ?? '-',
    ]),
  ];
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  for (const row of rows) {
    output.out(
      row
        .map((cell, column) => cell.padEnd(widths[column]))
        .join('  ')
        .trimEnd(),
    );
  }
  return 0;
}

function remove(file: string, name: string, output: CommandOutput): number {
  if (!existsSync(file)) throw new ConfigurationError([`no keys file at ${file}`]);
  const { keys } = readChecked(file);
  const kept = keys.filter((entry) => entry.name !== name);
  if (kept.length === keys.length) {
    throw new ConfigurationError([`no key named "${name}" in ${file} (see: npm run keys -- list)`]);
  }
  writeKeysFile(file, { keys: kept });
  output.err(`Removed "${name}" from ${file}. Restart Redtail for it to take effect.`);
  if (!kept.some((entry) => entry.role === 'admin')) {
    output.err(
      kept.length === 0
        ? 'The file has no keys left: at its next start Redtail generates a new admin and ingest key.'
        : 'No admin key is left in the file: panic and resume need one (add <name> admin).',
    );
  }
  return 0;
}

/** The file as it is, after the same checks the server makes, so an edit never breaks a start. */
function readChecked(file: string): KeysFileContent {
  if (!existsSync(file)) return { keys: [] };
  loadKeys({ REDTAIL_KEYS_FILE: file });
  return JSON.parse(readFileSync(file, 'utf8')) as KeysFileContent;
}

function expectOperands(operands: string[], count: number, form: string): void {
  if (operands.length !== count) throw new UsageError(`expected: ${form}`);
}

function isParseArgsError(error: unknown): boolean {
  return String((error as NodeJS.ErrnoException | undefined)?.code).startsWith('ERR_PARSE_ARGS');
}
