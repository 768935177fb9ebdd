import { LOGS_NAMESPACE } from '@redtail/contracts';
import fc from 'fast-check';
import request from 'supertest';
import { bearer, KEYS } from '../support/test-keys';
import { canary, rawPacket, socketArgs, socketEvent } from './support/arbitraries';
import { hostileApp, propertyOptions } from './support/hostile-app';
import { expectNotIn } from './support/invariants';
import { eventPacket, payloadOf, RawLogsConnection, sendRawPacket } from './support/raw-socket';
import { expectEverySeedHolds } from './support/seed-runner';
import { loadSeeds } from './support/seeds';

// Hundreds of real socket round trips per property, and every seed, on a shared two-core machine.
jest.setTimeout(300_000);

/** Events Redtail acknowledges; others are sent without an ack id, as nothing will come back. */
const ANSWERED = new Set(['subscribe', 'panic', 'resume']);
const ACK_ID = 7;

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

/**
 * Events and packets are written as raw text on an engine.io connection: a client library would
 * refuse (or choke on) much of what an attacker sends, e.g. reserved event names or payloads
 * nested deeper than its encoder recurses, and the server would never see them.
 */
describe('hostile Socket.IO payloads', () => {
  const app = hostileApp(async (url) => {
    await request(url)
      .post('/logs')
      .set(bearer(KEYS.ingest))
      .send({ level: 'info', message: 'something to replay' })
      .expect(201);
  });
  const seeds = loadSeeds();
  const eventSeeds = seeds.socketEvents.map((seed) => ({
    name: seed.name,
    event: seed.event,
    args: seed.args,
    canaries: seed.mustNotEcho ?? [],
  }));
  const packetSeeds = seeds.socketPackets.map((seed) => ({
    name: seed.name,
    packet: seed.packet,
    canaries: seed.mustNotEcho ?? [],
  }));
  let connection: RawLogsConnection | undefined;

  afterAll(() => connection?.close());

  /** An admin connection (every handler reachable); a new one when a payload got it closed. */
  async function adminConnection(): Promise<RawLogsConnection> {
    if (connection && !connection.closed) return connection;
    connection = await RawLogsConnection.open(app.url, KEYS.admin);
    return connection;
  }

  /** The payloads of what the server sent back (the acknowledgement, when one is due). */
  async function emit(attempt: EventCase): Promise<string> {
    const raw = await adminConnection();
    const answered = ANSWERED.has(attempt.event);
    const ack = `3${LOGS_NAMESPACE},${ACK_ID}[`;
    const answers = await raw.send(
      eventPacket(attempt.event, attempt.args, answered ? ACK_ID : undefined),
      answered ? (packet) => packet.startsWith(ack) : undefined,
    );
    if (attempt.event === 'panic') {
      // A lockdown outlives the run; the next one should meet a normal server.
      await request(app.url).post('/logs/resume').set(bearer(KEYS.admin)).send({});
    }
    return answers.map(payloadOf).join('\n');
  }

  async function expectServerAlive(): Promise<void> {
    await request(app.url).get('/health').expect(200);
  }

  it('events: never crash the server or touch a prototype', async () => {
    await fc.assert(
      fc.asyncProperty(events, async (attempt) => {
        await emit(attempt);
        app.expectIntact();
      }),
      propertyOptions(),
    );
    await expectServerAlive();
    expect((await adminConnection()).closed).toBe(false);
  });

  it('events: acknowledgements never echo what the payload carried', async () => {
    await fc.assert(
      fc.asyncProperty(events, async (attempt) => {
        expectNotIn(await emit(attempt), attempt.canaries, 'the acknowledgement');
      }),
      propertyOptions(),
    );
  });

  it('raw packets: never crash the server, touch a prototype or echo the packet', async () => {
    await fc.assert(
      fc.asyncProperty(packets, async (attempt) => {
        const answers = await sendRawPacket(app.url, attempt.packet, KEYS.admin);
        expectNotIn(answers.map(payloadOf).join('\n'), attempt.canaries, 'the server’s packets');
        app.expectIntact();
        await expectServerAlive();
      }),
      propertyOptions(),
    );
  });

  it('hold for every hand-written event seed: no crash, touched prototype or echo', async () => {
    expect(eventSeeds.length).toBeGreaterThan(0);
    await expectEverySeedHolds(eventSeeds, async (attempt) => {
      expectNotIn(await emit(attempt), attempt.canaries, 'the acknowledgement');
      app.expectIntact();
    });
    await expectServerAlive();
  });

  it('hold for every hand-written packet seed: no crash, touched prototype or echo', async () => {
    expect(packetSeeds.length).toBeGreaterThan(0);
    await expectEverySeedHolds(packetSeeds, async (attempt) => {
      const answers = await sendRawPacket(app.url, attempt.packet, KEYS.admin);
      expectNotIn(answers.map(payloadOf).join('\n'), attempt.canaries, 'the server’s packets');
      app.expectIntact();
      await expectServerAlive();
    });
  });
});
