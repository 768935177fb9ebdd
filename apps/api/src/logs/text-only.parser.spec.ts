import { Decoder, Encoder, Packet, PacketType } from 'socket.io-parser';
import { concatenate, RawJson, rawLiveBlock, TextOnlyEncoder } from './text-only.parser';

function decode(encoded: string[]): Packet {
  const decoder = new Decoder();
  let decoded: Packet | undefined;
  decoder.on('decoded', (packet: Packet) => (decoded = packet));
  encoded.forEach((chunk) => decoder.add(chunk));
  if (!decoded) throw new Error('nothing decoded');
  return decoded;
}

describe('TextOnlyEncoder', () => {
  const packets: [string, Packet][] = [
    [
      'an event on a namespace',
      { type: PacketType.EVENT, nsp: '/logs', data: ['logs', [{ seq: 1, message: 'hi' }]] },
    ],
    [
      'an acknowledgement with an id',
      { type: PacketType.ACK, nsp: '/logs', id: 7, data: [{ ok: true, entries: [] }] },
    ],
    [
      'a connect on the main namespace',
      { type: PacketType.CONNECT, nsp: '/', data: { sid: 'abc' } },
    ],
    ['a disconnect without data', { type: PacketType.DISCONNECT, nsp: '/logs' }],
  ];

  it.each(packets)('encodes %s exactly as the stock encoder does', (_label, packet) => {
    expect(new TextOnlyEncoder().encode(packet)).toEqual(new Encoder().encode(packet));
  });

  it.each(packets)('round-trips %s through the stock decoder', (_label, packet) => {
    expect(decode(new TextOnlyEncoder().encode(packet))).toMatchObject(packet);
  });
});

describe('RawJson', () => {
  const entries = [
    { seq: 1, message: 'hi' },
    { seq: 2, message: 'a "quoted" line' },
  ];

  it('is spliced into an event exactly where the stock encoder would serialise its value', () => {
    const raw = new RawJson(JSON.stringify(entries));
    const spliced: Packet = { type: PacketType.EVENT, nsp: '/logs', data: ['logs', raw] };
    const plain: Packet = { type: PacketType.EVENT, nsp: '/logs', data: ['logs', entries] };
    expect(new TextOnlyEncoder().encode(spliced)).toEqual(new Encoder().encode(plain));
  });

  it('reaches the stock decoder as the value it holds, beside ordinary arguments', () => {
    const packet: Packet = {
      type: PacketType.EVENT,
      nsp: '/logs',
      data: ['logs', new RawJson(JSON.stringify(entries)), { more: true }],
    };
    expect(decode(new TextOnlyEncoder().encode(packet)).data).toEqual([
      'logs',
      entries,
      { more: true },
    ]);
  });

  it('serialises to the value it holds for an encoder that does not know it', () => {
    expect(JSON.parse(JSON.stringify({ data: new RawJson('[1,{"a":"b"}]') }))).toEqual({
      data: [1, { a: 'b' }],
    });
  });
});

describe('concatenate', () => {
  it.each([[[]], [['one']], [['one', 'two']], [['{"a":1}', '', '{"b":"é"}', '[]']]])(
    'joins %j as Array.prototype.join does',
    (parts: string[]) => {
      expect(concatenate(parts, ',')).toBe(parts.join(','));
    },
  );
});

describe('rawLiveBlock', () => {
  it('is the LiveBlock of the rows it is given, each spliced in as it is', () => {
    const rows = [
      [1, 2, 'checkout', 'a "b"', '2026-12-03T08:00:00.000Z', 0],
      [2, 4, 'x', 'é', 'z', 0],
    ];
    const block = rawLiveBlock(
      3,
      rows.map((row) => JSON.stringify(row)),
    );
    expect(JSON.parse(block.json)).toEqual({ epoch: 3, rows });
    expect(rawLiveBlock(3, []).json).toBe('{"epoch":3,"rows":[]}');
  });
});
