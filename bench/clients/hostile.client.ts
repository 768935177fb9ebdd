import { io } from 'socket.io-client';
import { reportProgress, serveCommands } from '../support/client-host';

/** What the hostile viewer is allowed to use: a valid viewer key (it is an insider) and the URL. */
export interface HostileSpec {
  url: string;
  viewerKey: string;
  seconds: number;
}

export interface HostileResult {
  /** Attempts per attack, and how the server answered them (status code or socket outcome). */
  outcomes: Record<string, Record<string, number>>;
}

/**
 * The attacks of issue 15, run together for `seconds` from one process: a viewer asking for the
 * costliest filtered scans over HTTP and over the socket (regex patterns that stall backtracking
 * engines, large counted repeats, filters that match nothing so every entry is opened), subscribe
 * churn, key guessing over Socket.IO, and an unauthenticated flood. The server is expected to
 * refuse, budget or rate-limit all of it while ingest and healthy viewers carry on.
 */
/** Where the attackers say they come from (the server trusts the loopback proxy in this scenario). */
const INSIDER_ADDRESS = '198.51.100.7';
const OUTSIDER_ADDRESS = '203.0.113.66';

const HEAVY_PATTERNS = [
  '(a+)+$',
  '(\\w+\\s?)+$',
  '[\\s\\S]{1,64}-[\\s\\S]{1,64}-[\\s\\S]{1,64}Z',
  '(x|xy){1,9}z',
  'nothing-will-ever-match-[0-9]{40}',
];

async function run(spec: HostileSpec): Promise<HostileResult> {
  const outcomes: HostileResult['outcomes'] = {};
  const count = (attack: string, outcome: string | number) => {
    const row = (outcomes[attack] ??= {});
    row[String(outcome)] = (row[String(outcome)] ?? 0) + 1;
  };
  const until = Date.now() + spec.seconds * 1000;
  const auth = { authorization: `Bearer ${spec.viewerKey}`, 'x-forwarded-for': INSIDER_ADDRESS };

  const scans = async () => {
    for (let i = 0; Date.now() < until; i += 1) {
      const q = HEAVY_PATTERNS[i % HEAVY_PATTERNS.length];
      const url = `${spec.url}/logs?regex=1&limit=1000&q=${encodeURIComponent(q)}`;
      const status = await fetch(url, { headers: auth }).then(
        (response) => response.arrayBuffer().then(() => response.status),
        () => 'network-error',
      );
      count('filtered scan', status);
    }
  };

  const flood = async () => {
    for (let i = 0; Date.now() < until; i += 1) {
      const status = await fetch(`${spec.url}/logs`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer guess-${i}`,
          'x-forwarded-for': OUTSIDER_ADDRESS,
        },
        body: '{"level":"info","message":"jane.doe@example.com"}',
      }).then(
        (response) => response.arrayBuffer().then(() => response.status),
        () => 'network-error',
      );
      count('unauthenticated flood', status);
    }
  };

  const churn = async () => {
    const socket = io(`${spec.url}/logs`, {
      transports: ['websocket'],
      auth: { token: spec.viewerKey },
      extraHeaders: { 'x-forwarded-for': INSIDER_ADDRESS },
      reconnection: false,
    });
    await new Promise<void>((resolve) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', () => resolve());
    });
    for (let i = 0; Date.now() < until && socket.connected; i += 1) {
      const q = HEAVY_PATTERNS[i % HEAVY_PATTERNS.length];
      const ack = await socket
        .timeout(5_000)
        .emitWithAck('subscribe', { q, regex: true, afterSeq: 0 })
        .then(
          (answer: { ok: boolean; error?: string }) =>
            answer.ok ? 'ok' : (answer.error ?? '').split(':')[0],
          () => 'timeout',
        );
      count('subscribe churn', ack);
    }
    socket.disconnect();
  };

  const guessing = async () => {
    for (let i = 0; Date.now() < until; i += 1) {
      const socket = io(`${spec.url}/logs`, {
        transports: ['websocket'],
        auth: { token: `wrong-key-${i}` },
        extraHeaders: { 'x-forwarded-for': OUTSIDER_ADDRESS },
        reconnection: false,
        forceNew: true,
      });
      const outcome = await new Promise<string>((resolve) => {
        socket.once('connect', () => resolve('connected'));
        socket.once('connect_error', (error: Error & { data?: { code?: string } }) =>
          resolve(error.data?.code ?? error.message),
        );
      });
      socket.disconnect();
      count('key guessing', outcome);
    }
  };

  const progress = setInterval(() => {
    const total = Object.values(outcomes).reduce(
      (sum, row) => sum + Object.values(row).reduce((a, b) => a + b, 0),
      0,
    );
    reportProgress({ attempts: total });
  }, 1000);
  await Promise.all([scans(), scans(), flood(), churn(), guessing()]);
  clearInterval(progress);
  return { outcomes };
}

serveCommands({ run });
