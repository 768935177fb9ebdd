import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { lineEntry, type LineDefaults } from './line-entry';
import type { LineShipper, ShipperReport } from './shipper';

/**
 * Feeds `input` to the shipper line by line, pausing the input while the shipper's queue is
 * full, and drains it when the input ends, `stop` is called or the server refuses the key or
 * the URL. Resolves with the report.
 */
export async function shipStream(
  input: Readable,
  shipper: LineShipper,
  defaults: LineDefaults,
  drainMs: number,
  stop: AbortSignal,
): Promise<ShipperReport> {
  const lines = createInterface({ input, crlfDelay: Infinity });
  const ended = new Promise<void>((resolve) => {
    lines.once('close', resolve);
    stop.addEventListener('abort', () => resolve(), { once: true });
    // A refused key or URL will not get better by reading more.
    void shipper.failed.then(() => resolve());
  });
  lines.on('line', (line) => {
    const entry = lineEntry(line, defaults);
    if (entry !== null) shipper.push(entry);
    if (!shipper.accepting) {
      lines.pause();
      void shipper.whenAccepting().then(() => lines.resume());
    }
  });
  await ended;
  lines.close();
  return shipper.drain(drainMs);
}
