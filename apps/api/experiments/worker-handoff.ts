/**
 * Would a worker thread lift batch ingest? Measures, per entry of 1 000-entry NDJSON batches of
 * the benchmark's payloads, the work a worker could take off the server's main thread (parse,
 * validate, mask, encode for sealing, encode for the dashboards) done inline, and the same work
 * handed to a worker: the main thread's cost to send the body and take the results back, and
 * the worker's cost. Main-thread and worker time are event-loop busy time, per thread.
 *
 *   npm run bench:worker-handoff
 *
 * An experiment behind a verdict in bench/findings.md, not a scenario of `npm run bench`; it
 * lives with the API because it runs the API's own pipeline steps in-process.
 */
import { isMainThread, parentPort, Worker } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { LOG_LEVELS } from '@redtail/contracts';
import { createMasker } from '@redtail/masking';
import {
  type EncodedFields,
  encodeFields,
  liveRowText,
  liveRowTimes,
} from '../src/logs/entry-codec';
import { LiveRowHeads } from '../src/logs/live-row-heads';

import { maskInput } from '../src/logs/mask-input';
import { readBatch } from '../src/logs/request-body';
import { redtailLine } from '@redtail/testing';

const BATCH = 1_000;
const WARM_UP = 50;
const ROUNDS = 400;
const MAX_MESSAGE = 8_192;

interface Prepared {
  sealed: EncodedFields[];
  live: string[];
}

const masker = createMasker({ mode: 'redact' });
const rowHeads = new LiveRowHeads();

/** Everything between the request body and the store that needs no seq and no shared state. */
function prepare(body: string): Prepared {
  const { inputs } = readBatch(body, BATCH);
  const receivedAt = Date.now();
  const receivedIso = new Date(receivedAt).toISOString();
  const sealed: EncodedFields[] = [];
  const live: string[] = [];
  for (const input of inputs) {
    const entry = maskInput(masker, input, undefined, {
      maxMessageBytes: MAX_MESSAGE,
      context: { maxValueBytes: 16 * 1024, maxBytes: 64 * 1024 },
    });
    const encoded = encodeFields(entry);
    sealed.push(encoded);
    const timestampIso =
      input.timestamp === undefined ? receivedIso : new Date(input.timestamp).toISOString();
    const times = liveRowTimes(timestampIso, receivedIso);
    const head = rowHeads.of(LOG_LEVELS.indexOf(input.level), entry.service);
    live.push(liveRowText(0, head, times, encoded));
  }
  return { sealed, live };
}

function busyMicrosPerEntry(elu: { active: number }): number {
  return (elu.active * 1_000) / ROUNDS / BATCH;
}

function batchBody(): string {
  const lines: string[] = [];
  for (let i = 0; i < BATCH; i += 1) {
    lines.push(redtailLine(i, { run: 'handoff', id: i, sentAt: Date.now() }));
  }
  return lines.join('\n');
}

async function measureInline(body: string): Promise<number> {
  for (let i = 0; i < WARM_UP; i += 1) prepare(body);
  const start = performance.eventLoopUtilization();
  for (let i = 0; i < ROUNDS; i += 1) {
    prepare(body);
    // One batch per turn, as requests arrive: lets the loop count the work as busy time.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return busyMicrosPerEntry(performance.eventLoopUtilization(start));
}

async function measureHandoff(body: string): Promise<{ main: number; worker: number }> {
  const worker = new Worker(
    `require('@swc-node/register'); require(${JSON.stringify(__filename)});`,
    { eval: true },
  );
  try {
    let start = performance.eventLoopUtilization();
    for (let round = 0; round < WARM_UP + ROUNDS; round += 1) {
      if (round === WARM_UP) {
        start = performance.eventLoopUtilization();
        worker.postMessage('reset');
      }
      const result = await new Promise<Prepared>((resolve) => {
        worker.once('message', resolve);
        worker.postMessage(body);
      });
      if (result.sealed.length !== BATCH) throw new Error('worker lost entries');
    }
    const main = busyMicrosPerEntry(performance.eventLoopUtilization(start));
    const workerElu = await new Promise<{ active: number }>((resolve) => {
      worker.once('message', resolve);
      worker.postMessage('report');
    });
    return { main, worker: busyMicrosPerEntry(workerElu) };
  } finally {
    await worker.terminate();
  }
}

function serveAsWorker(): void {
  let start = performance.eventLoopUtilization();
  parentPort?.on('message', (message: string) => {
    if (message === 'reset') start = performance.eventLoopUtilization();
    else if (message === 'report') parentPort?.postMessage(performance.eventLoopUtilization(start));
    else parentPort?.postMessage(prepare(message));
  });
}

async function main(): Promise<void> {
  const body = batchBody();
  const inline = await measureInline(body);
  const handoff = await measureHandoff(body);
  const total = handoff.main + handoff.worker;
  const rows = [
    ['inline, on the main thread', inline],
    ['handed off: main thread (send body, take results)', handoff.main],
    ['handed off: worker thread', handoff.worker],
    ['handed off: both threads', total],
    ['handed off: added CPU per entry', total - inline],
  ] as const;
  console.log(`µs of busy time per entry, ${ROUNDS} batches of ${BATCH} (Node ${process.version})`);
  for (const [label, micros] of rows) console.log(`${label.padEnd(52)} ${micros.toFixed(2)}`);
}

if (isMainThread) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
} else {
  serveAsWorker();
}
