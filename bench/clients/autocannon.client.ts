import autocannon from 'autocannon';
import { reportProgress, serveCommands } from '../support/client-host';

export interface LoadRequest {
  method: 'POST';
  path: string;
  headers: Record<string, string>;
  body: string;
  /** Binary bodies (protobuf) cross the process boundary as base64 and are sent as bytes. */
  bodyEncoding?: 'base64';
}

export interface LoadSpec {
  url: string;
  connections: number;
  seconds: number;
  requests: LoadRequest[];
}

export interface LoadResult {
  requestsPerSecond: number;
  latencyP50: number;
  latencyP99: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** CPU time (user + system, µs) this load-generator process used for the run. */
  cpuMicros: number;
}

/** Runs autocannon in this child so the load generator never shares a process with the server. */
function run(spec: LoadSpec): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    let sent = 0;
    const cpuAtStart = process.cpuUsage();
    const instance = autocannon(
      {
        url: spec.url,
        connections: spec.connections,
        duration: spec.seconds,
        requests: spec.requests.map(({ bodyEncoding, ...request }) =>
          bodyEncoding === 'base64'
            ? { ...request, body: Buffer.from(request.body, 'base64') }
            : request,
        ),
      },
      (error, result) => {
        if (error) {
          reject(error);
          return;
        }
        resolve({
          requestsPerSecond: result['2xx'] / spec.seconds,
          latencyP50: result.latency.p50,
          latencyP99: result.latency.p99,
          ok: result['2xx'],
          non2xx: result.non2xx,
          errors: result.errors,
          timeouts: result.timeouts,
          cpuMicros: cpuUsed(cpuAtStart),
        });
      },
    );
    // autocannon emits 'tick' with the responses of the last second; its typings omit the event.
    (instance as unknown as NodeJS.EventEmitter).on('tick', (tick: { counter: number }) => {
      sent += tick.counter;
      reportProgress({ responses: sent, perSecond: tick.counter });
    });
  });
}

function cpuUsed(since: NodeJS.CpuUsage): number {
  const { user, system } = process.cpuUsage(since);
  return user + system;
}

serveCommands({ run });
