import { request as httpRequest } from 'node:http';
import { io } from 'socket.io-client';

/**
 * The attacks of issue 15, each a loop that runs until `stopped()` and counts how the server
 * answered (status code or socket outcome). They run in a process of their own
 * (hostile-viewer.attacker.ts), so their own work never counts as the server's.
 */
export type Outcomes = Record<string, Record<string, number>>;

export interface Attacker {
  url: string;
  /** The insider's key: a valid viewer key. */
  viewerKey: string;
  ingestKey: string;
  stopped(): boolean;
  count(attack: string, outcome: string | number): void;
}

/**
 * Attackers claim their own addresses (the app trusts the loopback proxy), so a per-address limit
 * they run into is theirs, not the health poller's.
 */
const INSIDER = { 'X-Forwarded-For': '198.51.100.7' };
const OUTSIDER = { 'X-Forwarded-For': '203.0.113.66' };

/** Patterns that stall backtracking engines, a large counted repeat, and one that never matches. */
export const HEAVY_PATTERNS = [
  '(a+)+$',
  '(\\w+\\s?)+$',
  '(-+)+Z',
  '[\\s\\S]{1,64}-[\\s\\S]{1,64}-[\\s\\S]{1,64}Z',
  '(x|xy){1,9}z',
  'nothing-will-ever-match-[0-9]{40}',
];

/** One request; resolves with its status once the answer is read to the end (or the error). */
export function hit(
  url: string,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: Buffer },
): Promise<number | string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const sent = httpRequest(
      {
        host: hostname,
        port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: {
          ...options.headers,
          ...(options.body ? { 'Content-Length': String(options.body.length) } : {}),
        },
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
        response.on('error', () => resolve('network-error'));
      },
    );
    // A server that refuses a body early closes the connection while it is still being sent.
    sent.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'network-error'));
    sent.end(options.body);
  });
}

/** RE2-heavy regex queries on GET /logs and GET /logs/histogram over the whole store. */
export async function regexScans(attacker: Attacker): Promise<void> {
  const headers = { Authorization: `Bearer ${attacker.viewerKey}`, ...INSIDER };
  for (let i = 0; !attacker.stopped(); i += 1) {
    const q = encodeURIComponent(HEAVY_PATTERNS[i % HEAVY_PATTERNS.length]);
    const path =
      i % 3 === 2
        ? `/logs/histogram?regex=1&buckets=500&q=${q}`
        : `/logs?regex=1&limit=1000&q=${q}`;
    attacker.count('regex scan', await hit(attacker.url, { path, headers }));
  }
}

/** Full scans with filters that open every entry and match nothing (or nearly nothing). */
export async function filteredScans(attacker: Attacker): Promise<void> {
  const headers = { Authorization: `Bearer ${attacker.viewerKey}`, ...INSIDER };
  const filters = [
    'q=no-such-text-anywhere&limit=1000',
    'where=user.id=no-one&limit=1000',
    'exclude=-&limit=1000',
    'levels=fatal&q=x&limit=1000',
  ];
  for (let i = 0; !attacker.stopped(); i += 1) {
    const path = `/logs?${filters[i % filters.length]}`;
    attacker.count('filtered scan', await hit(attacker.url, { path, headers }));
  }
}

/**
 * Bursts of costly subscriptions (a heavy pattern, the whole store replayed), each burst sent at
 * once and its acknowledgements awaited; a fresh socket when the last one is refused or closed.
 */
export async function subscribeFloods(attacker: Attacker, burst = 20): Promise<void> {
  while (!attacker.stopped()) {
    const socket = io(`${attacker.url}/logs`, {
      transports: ['websocket'],
      auth: { token: attacker.viewerKey },
      extraHeaders: INSIDER,
      reconnection: false,
      forceNew: true,
    });
    const admitted = await new Promise<boolean>((resolve) => {
      socket.once('connect', () => resolve(true));
      socket.once('connect_error', () => resolve(false));
    });
    // The flood is about the work it asks for, not about what comes back.
    socket.on('logs', () => undefined);
    for (let round = 0; admitted && socket.connected && round < 10; round += 1) {
      if (attacker.stopped()) break;
      const acks = Array.from({ length: burst }, (_, i) =>
        socket
          .timeout(5_000)
          .emitWithAck('subscribe', {
            q: HEAVY_PATTERNS[(round + i) % HEAVY_PATTERNS.length],
            regex: true,
            afterSeq: 0,
          })
          .then(
            (ack: { ok: boolean; error?: string }) =>
              ack.ok ? 'ok' : (ack.error ?? '').split(':')[0],
            () => 'timeout',
          ),
      );
      for (const outcome of await Promise.all(acks)) attacker.count('subscribe flood', outcome);
    }
    if (!admitted) attacker.count('subscribe flood', 'handshake refused');
    socket.close();
  }
}

/** Socket.IO handshakes with keys that do not exist, one after another. */
export async function wrongKeyHandshakes(attacker: Attacker): Promise<void> {
  for (let i = 0; !attacker.stopped(); i += 1) {
    const socket = io(`${attacker.url}/logs`, {
      transports: ['websocket'],
      auth: { token: `wrong-key-guess-${i}-000000000` },
      extraHeaders: OUTSIDER,
      reconnection: false,
      forceNew: true,
    });
    const outcome = await new Promise<string>((resolve) => {
      socket.once('connect', () => resolve('connected'));
      socket.once('connect_error', (error: Error & { data?: { code?: string } }) =>
        resolve(error.data?.code ?? 'refused'),
      );
    });
    socket.close();
    attacker.count('wrong-key handshake', outcome);
  }
}

/** Bodies twice LOG_MAX_BODY's default, sent without a key and with an ingest key. */
export async function oversizedBodies(attacker: Attacker): Promise<void> {
  const body = Buffer.from(
    JSON.stringify({ level: 'info', message: 'x'.repeat(2 * 1024 * 1024) }),
    'utf8',
  );
  for (let i = 0; !attacker.stopped(); i += 1) {
    const key: Record<string, string> =
      i % 2 === 0 ? { Authorization: `Bearer ${attacker.ingestKey}` } : {};
    const status = await hit(attacker.url, {
      method: 'POST',
      path: '/logs',
      headers: { 'Content-Type': 'application/json', ...key, ...OUTSIDER },
      body,
    });
    attacker.count('oversized body', status);
  }
}

/** Every attack at once (the regex scans twice), until `attacker.stopped()`. */
export async function runAttacks(attacker: Attacker): Promise<void> {
  await Promise.all([
    regexScans(attacker),
    regexScans(attacker),
    filteredScans(attacker),
    subscribeFloods(attacker),
    wrongKeyHandshakes(attacker),
    oversizedBodies(attacker),
  ]);
}
