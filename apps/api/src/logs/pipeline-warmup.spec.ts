import type { LogEntry } from '@redtail/contracts';
import { validateEnv } from '../app/env';
import type { BroadcastSink, LiveDelivery } from './broadcast-sink';
import { PipelineWarmup, warmUp } from './pipeline-warmup';

class RecordingSink implements BroadcastSink {
  readonly listening = true;
  readonly entries: LogEntry[] = [];
  deliver(delivery: LiveDelivery): void {
    this.entries.push(...delivery.entries());
  }
  panicked(): void {
    return undefined;
  }
  resumed(): void {
    return undefined;
  }
}

const env = (warmup: number) =>
  validateEnv({ REDTAIL_AUTH: 'off', REDTAIL_WARMUP_ENTRIES: String(warmup) });

describe('the pipeline warm-up', () => {
  it('runs the requested made-up entries through a whole pipeline, masked like real ones', async () => {
    const sink = new RecordingSink();
    const ran = await warmUp(env(250), 250, 10_000, sink);
    expect(ran).toBe(250);
    expect(sink.entries).toHaveLength(250);
    const text = JSON.stringify(sink.entries);
    expect(text).toContain('[EMAIL]');
    expect(text).not.toMatch(/user\d+@example\.com/);
    expect(text).not.toContain('4111 1111 1111 1111');
  });

  it('stops when its time budget is spent', async () => {
    const sink = new RecordingSink();
    expect(await warmUp(env(1000), 1000, 0, sink)).toBe(0);
    expect(sink.entries).toHaveLength(0);
  });

  it('does nothing when turned off', async () => {
    const run = jest.spyOn(performance, 'now');
    await new PipelineWarmup(env(0)).onApplicationBootstrap();
    expect(run).not.toHaveBeenCalled();
    run.mockRestore();
  });
});
