import { LOGS_NAMESPACE } from '@redtail/contracts';
import fc from 'fast-check';
import request from 'supertest';
import { io, type Socket } from 'socket.io-client';
import { RunningApp, startApp } from '../support/start-app';
import { bearer, KEYS } from '../support/test-keys';
import { canary, rawPacket, socketArgs, socketEvent } from './support/arbitraries';
import { HOSTILE_ENV } from './support/hostile-app';
import {
  expectNoFaults,
  expectNotIn,
  expectPrototypesUnchanged,
  prototypesNow,
  runs,
  seed,
  watchProcessFaults,
} from './support/invariants';
import { payloadOf, sendRawPacket } from './support/raw-socket';
import { loadSeeds } from './support/seeds';

// Hundreds of real socket round trips per property on a shared two-core machine.
jest.setTimeout(120_000);

/** Events Redtail answers; others are sent without waiting, as nothing will come back. */
const ANSWERED = new Set(['subscribe', 'panic', 'resume']);
const ACK_WAIT_MS = 2_000;

interface EventCase {
  event: string;
  args: unknown[];
  canaries: readonly string[];
}

interface PacketCase {
  packet: string;
  canaries: readonly string[];
}

const events: fc.Arbitrary<EventCase> = canary.chain((mark) =>
  fc.record({
    event: socketEvent(mark),
    args: socketArgs(mark),
    canaries: fc.constant([mark]),
  }),
);

const packets: fc.Arbitrary<PacketCase> = canary.chain((mark) =>
  rawPacket(mark).map((packet) => ({ packet, canaries: [mark] })),
);

describe('hostile Socket.IO payloads', () => {
  let running: RunningApp;
  const seeds = loadSeeds();
  const eventSeeds = seeds.socketEvents.map(
    (seed) =>
      [{ event: seed.event, args: seed.args, canaries: seed.mustNotEcho ?? [] }] as [EventCase],
  );
  const packetSeeds = seeds.socketPackets.map(
    (seed) => [{ packet: seed.packet, canaries: seed.mustNotEcho ?? [] }] as [PacketCase],
  );
  const faults = watchProcessFaults();
  const prototypes = prototypesNow();
  let socket: Socket | undefined;

  beforeAll(async () => {
    running = await startApp(HOSTILE_ENV);
    await request(running.url)
      .post('/logs')
      .set(bearer(KEYS.ingest))
      .send({ level: 'info', message: 'something to replay' })
      .expect(201);
  });
  afterAll(async () => {
    socket?.close();
    faults.stop();
    await running.close();
  });

  /** An admin socket (every handler reachable); a new one when a payload got the last one closed. */
  async function adminSocket(): Promise<Socket> {
    if (socket?.connected) return socket;
    socket?.close();
    const opened = io(`${running.url}${LOGS_NAMESPACE}`, {
      auth: { token: KEYS.admin },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    await new Promise<void>((resolve, reject) => {
      opened.once('connect', resolve);
      opened.once('connect_error', reject);
    });
    socket = opened;
    return opened;
  }

  /** The acknowledgement as text, or '' when the server gave none in time. */
  async function emit(attempt: EventCase): Promise<string> {
    const client = await adminSocket();
    if (!ANSWERED.has(attempt.event)) {
      client.emit(attempt.event, ...attempt.args);
      return '';
    }
    try {
      const ack: unknown = await client
        .timeout(ACK_WAIT_MS)
        .emitWithAck(attempt.event, ...attempt.args);
      return JSON.stringify(ack) ?? '';
    } catch {
      return '';
    } finally {
      if (attempt.event === 'panic') {
        // A lockdown outlives the run; the next one should meet a normal server.
        await request(running.url).post('/logs/resume').set(bearer(KEYS.admin)).send({});
      }
    }
  }

  async function expectServerAlive(): Promise<void> {
    await request(running.url).get('/health').expect(200);
  }

  it('events: never crash the server or touch a prototype', async () => {
    await fc.assert(
      fc.asyncProperty(events, async (attempt) => {
        await emit(attempt);
        expectPrototypesUnchanged(prototypes);
        expectNoFaults(faults);
      }),
      { numRuns: runs(), examples: eventSeeds, ...seed() },
    );
    await expectServerAlive();
    expect((await adminSocket()).connected).toBe(true);
  });

  it('events: acknowledgements never echo what the payload carried', async () => {
    await fc.assert(
      fc.asyncProperty(events, async (attempt) => {
        expectNotIn(await emit(attempt), attempt.canaries, 'the acknowledgement');
      }),
      { numRuns: runs(), examples: eventSeeds, ...seed() },
    );
  });

  it('raw packets: never crash the server, touch a prototype or echo the packet', async () => {
    await fc.assert(
      fc.asyncProperty(packets, async (attempt) => {
        const answers = await sendRawPacket(running.url, attempt.packet, KEYS.admin);
        expectNotIn(answers.map(payloadOf).join('\n'), attempt.canaries, 'the server’s packets');
        expectPrototypesUnchanged(prototypes);
        expectNoFaults(faults);
        await expectServerAlive();
      }),
      { numRuns: runs(), examples: packetSeeds, ...seed() },
    );
  });
});
