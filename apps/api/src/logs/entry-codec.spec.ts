import { LOG_LEVELS, toLiveRow } from '@redtail/contracts';
import {
  decodeEntry,
  encodeFields,
  entryBytes,
  liveRowText,
  restWithoutContext,
  liveRowTimes,
  type SealedFields,
  toEntry,
  writeEntry,
} from './entry-codec';
import { LiveRowHeads } from './live-row-heads';

const AT = 1_796_270_915_000;

type Fields = Omit<SealedFields, 'seq'>;

function fields(overrides: Partial<Fields> = {}): Fields {
  return {
    message: 'GET /orders 200',
    context: undefined,
    traceId: undefined,
    spanId: undefined,
    masked: {},
    truncated: false,
    ...overrides,
  };
}

const cases: [string, Fields][] = [
  ['a plain entry', fields()],
  ['masked values', fields({ message: 'mail [EMAIL]', masked: { EMAIL: 1 } })],
  ['context', fields({ context: { status: 500, user: { id: 'u-1' }, tags: ['a', 'b'] } })],
  ['a span only', fields({ spanId: 'def' })],
  ['trace and span', fields({ traceId: 'abc', spanId: 'def' })],
  ['a truncated entry', fields({ truncated: true })],
  [
    'everything',
    fields({ context: { a: 1 }, traceId: 't', spanId: 's', masked: { PHONE: 2 }, truncated: true }),
  ],
  [
    'quotes, escapes and non-ASCII',
    fields({ message: 'say "hi"\\ é 😀 \u2028 \u0001', context: { 'k"ey': 'ü' } }),
  ],
  ['an empty message and empty strings', fields({ message: '', traceId: '', context: {} })],
];

describe('entry codec', () => {
  it.each(cases)('seals %s and opens it again unchanged', (_label, original) => {
    const encoded = encodeFields(original);
    const seq = 1_234_567;
    const buffer = Buffer.alloc(entryBytes(seq, encoded) + 4);
    const written = writeEntry(buffer, 2, seq, encoded);
    expect(written).toBe(entryBytes(seq, encoded));
    expect(decodeEntry(buffer.toString('utf8', 2, 2 + written))).toEqual({ seq, ...original });
  });

  it.each(cases)(
    'splices the live row of %s byte for byte as toLiveRow serialises it',
    (_label, sealed) => {
      for (const timestamp of [AT, AT - 250]) {
        const meta = { seq: 42, level: 4, service: 'check"out é', timestamp, receivedAt: AT };
        const entry = toEntry(3, meta, sealed);
        const times = liveRowTimes(entry.timestamp, entry.receivedAt);
        const head = new LiveRowHeads().of(meta.level, meta.service);
        const encoded = encodeFields(sealed);
        const text = liveRowText(meta.seq, head, times, encoded);
        expect(text).toBe(JSON.stringify(toLiveRow(entry)));
        const bare = liveRowText(
          meta.seq,
          head,
          times,
          encoded,
          restWithoutContext(sealed, encoded),
        );
        expect(bare).toBe(JSON.stringify(toLiveRow(entry, false)));
        expect(entry.level).toBe(LOG_LEVELS[4]);
      }
    },
  );

  it('opens entries sealed in the earlier seven-field form, which a cluster’s Redis may hold', () => {
    const everything = '[5,"m",{"a":1},"t","s",{"EMAIL":1},1]';
    expect(decodeEntry(everything)).toEqual({
      seq: 5,
      message: 'm',
      context: { a: 1 },
      traceId: 't',
      spanId: 's',
      masked: { EMAIL: 1 },
      truncated: true,
    });
    expect(decodeEntry('[6,"m",0,0,0,{},0]')).toEqual({ seq: 6, ...fields({ message: 'm' }) });
  });

  it('does not take a full entry of today’s form for the earlier one', () => {
    const sealed = fields({
      masked: { EMAIL: 1 },
      context: { a: 1 },
      traceId: 't',
      spanId: 's',
      truncated: true,
    });
    const encoded = encodeFields(sealed);
    const buffer = Buffer.alloc(entryBytes(9, encoded));
    writeEntry(buffer, 0, 9, encoded);
    expect(JSON.parse(buffer.toString())).toHaveLength(7);
    expect(decodeEntry(buffer.toString())).toEqual({ seq: 9, ...sealed });
  });

  it('leaves absent trailing fields out of the sealed entry', () => {
    const encoded = encodeFields(fields({ message: 'x' }));
    const buffer = Buffer.alloc(entryBytes(7, encoded));
    writeEntry(buffer, 0, 7, encoded);
    expect(buffer.toString()).toBe('[7,"x"]');
  });

  it('writes seqs of every length', () => {
    const encoded = encodeFields(fields({ message: 'x', spanId: 's' }));
    for (const seq of [0, 9, 10, 99, 100, Number.MAX_SAFE_INTEGER]) {
      const buffer = Buffer.alloc(entryBytes(seq, encoded));
      writeEntry(buffer, 0, seq, encoded);
      expect(buffer.toString()).toBe(`[${seq},"x",0,0,0,"s"]`);
    }
  });
});
