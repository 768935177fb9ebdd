import { convertToParamMap } from '@angular/router';
import type { LogEntry } from '@redtail/contracts';
import {
  fieldKnown,
  fieldsFromParams,
  fieldText,
  MAX_FIELD_COLUMNS,
  parseFields,
} from './field-columns';

const entry: LogEntry = {
  id: '1-1',
  seq: 1,
  level: 'info',
  service: 'api',
  message: 'm',
  timestamp: '2026-11-27T10:00:00.000Z',
  receivedAt: '2026-11-27T10:00:00.000Z',
  masked: {},
  traceId: 'trace-7',
  context: { status: 502, ok: false, user: { id: 'u-1', email: '[EMAIL]' }, tags: ['a', 'b'] },
};

describe('field columns', () => {
  it('reads the fields from the URL, in order, without duplicates or junk', () => {
    expect(
      fieldsFromParams(convertToParamMap({ fields: 'status, user.id,status  bad!,..' })),
    ).toEqual(['status', 'user.id']);
    expect(fieldsFromParams(convertToParamMap({}))).toEqual([]);
    expect(parseFields('a b c d e f g h')).toHaveLength(MAX_FIELD_COLUMNS);
  });

  it('shows a value at a dotted path as text, objects as compact JSON', () => {
    expect(fieldText(entry, 'status')).toBe('502');
    expect(fieldText(entry, 'ok')).toBe('false');
    expect(fieldText(entry, 'user.id')).toBe('u-1');
    expect(fieldText(entry, 'user')).toBe('{"id":"u-1","email":"[EMAIL]"}');
    expect(fieldText(entry, 'tags')).toBe('["a","b"]');
    expect(fieldText(entry, 'traceId')).toBe('trace-7');
  });

  it('leaves the cell empty for a missing field, and never reads inherited properties', () => {
    expect(fieldText(entry, 'user.name')).toBe('');
    expect(fieldText(entry, 'status.code')).toBe('');
    expect(fieldText(entry, 'constructor')).toBe('');
    expect(fieldText({ ...entry, context: undefined }, 'status')).toBe('');
  });

  it('cuts a long value to one cell', () => {
    const long = { ...entry, context: { text: 'x'.repeat(500) } };
    expect(fieldText(long, 'text')).toHaveLength(80);
    expect(fieldText(long, 'text').endsWith('…')).toBe(true);
  });

  it('knows no context field of a line that arrived without its context, but its own ids', () => {
    const { context: _context, ...rest } = entry;
    const bare: LogEntry = { ...rest, contextWithheld: true };
    expect(fieldKnown(bare, 'status')).toBe(false);
    expect(fieldKnown(bare, 'traceId')).toBe(true);
    expect(fieldKnown(entry, 'status')).toBe(true);
    expect(fieldKnown(entry, 'missing.path')).toBe(true);
  });
});
