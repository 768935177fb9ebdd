import { sendBatch } from './lib/batch-sender';
import { readCliOptions, USAGE, UsageError } from './lib/cli-options';
import { checkKey } from './lib/key-check';
import { type LineShipper, Shipper } from './lib/shipper';
import { shipStream } from './lib/ship-stream';
import { StreamShipper } from './lib/stream-shipper';

/** redtail-ship: standard input → Redtail's POST /logs/stream (or /logs/batch). See USAGE. */
async function main(): Promise<number> {
  let options;
  try {
    options = readCliOptions(process.argv.slice(2), process.env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`redtail-ship: ${error.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (options === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const notice = (message: string) => process.stderr.write(`redtail-ship: ${message}\n`);
  // Without a key, the refusal itself names the setting to add.
  const checkHint = options.key ? ' (check --url and --key)' : '';
  const sender = { url: options.url, key: options.key, timeoutMs: options.timeoutMs };
  const check = await checkKey(sender);
  if (check.kind === 'refused') {
    notice(`cannot send: ${check.reason}${checkHint}`);
    return 2;
  }
  if (check.kind === 'unreachable') {
    notice(`Redtail does not answer yet (${check.reason}); lines wait until it does`);
  } else {
    const { name, role, service } = check.identity;
    notice(`sending as "${name}" (${role}${service ? `, every line filed under ${service}` : ''})`);
  }
  const batches = () => new Shipper(options, { send: (lines) => sendBatch(lines, sender), notice });
  const shipper: LineShipper =
    options.transport === 'batch'
      ? batches()
      : new StreamShipper(
          { ...sender, ...options },
          {
            notice,
            fallBack: (unacked) => {
              const fallback = batches();
              for (const line of unacked) fallback.push(line);
              return fallback;
            },
          },
        );

  // SIGINT/SIGTERM stop reading and deliver what is queued, within --drain-ms.
  const stop = new AbortController();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => stop.abort());
  }
  const report = await shipStream(
    process.stdin,
    shipper,
    { service: options.service, level: options.level },
    options.drainMs,
    stop.signal,
  );
  notice(
    `${report.delivered} delivered, ${report.rejected} rejected, ${report.lost} not delivered`,
  );
  if (shipper.fatalReason !== undefined) {
    notice(`stopped: ${shipper.fatalReason}${checkHint}`);
    return 2;
  }
  return report.rejected + report.lost > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `redtail-ship: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  },
);
