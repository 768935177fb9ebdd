import { type Outcomes, runAttacks } from './hostile-viewer-attacks';

/**
 * The hostile viewer's process: started by hostile-viewer.e2e-spec.ts with the server's URL and
 * keys, it attacks until told `stop`, then sends back how the server answered and exits.
 */
interface Orders {
  url: string;
  viewerKey: string;
  ingestKey: string;
}

const orders = JSON.parse(process.argv[2] ?? '{}') as Orders;
const outcomes: Outcomes = {};
let stop = false;
process.on('message', (message) => {
  if (message === 'stop') stop = true;
});
process.on('disconnect', () => process.exit(0));

void runAttacks({
  ...orders,
  stopped: () => stop,
  count: (attack, outcome) => {
    const row = (outcomes[attack] ??= {});
    row[String(outcome)] = (row[String(outcome)] ?? 0) + 1;
  },
}).then(() => {
  process.send?.({ outcomes }, () => process.disconnect());
});
