import { runKeysCommand } from './auth/keys-command';

/** `npm run keys -- add|list|remove …`: manages the API keys in REDTAIL_KEYS_FILE. */
process.exitCode = runKeysCommand(process.argv.slice(2), process.env, {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
});
