import { NdjsonSplitter } from './ndjson-splitter';

describe('NdjsonSplitter', () => {
  it('returns complete lines only, holding a partial one until its newline arrives', () => {
    const splitter = new NdjsonSplitter(100);
    expect(splitter.push(Buffer.from('{"a":1}\n{"b"'))).toEqual([{ text: '{"a":1}' }]);
    expect(splitter.push(Buffer.from(':2}\n\n'))).toEqual([{ text: '{"b":2}' }, { text: '' }]);
    expect(splitter.end()).toEqual([]);
  });

  it('keeps a UTF-8 character whole when a chunk boundary splits it', () => {
    const splitter = new NdjsonSplitter(100);
    const bytes = Buffer.from('{"m":"café"}\n');
    const cut = bytes.indexOf(0xc3) + 1;
    expect(splitter.push(bytes.subarray(0, cut))).toEqual([]);
    expect(splitter.push(bytes.subarray(cut))).toEqual([{ text: '{"m":"café"}' }]);
  });

  it('marks a line over the limit as too long, without its content, and reads on', () => {
    const splitter = new NdjsonSplitter(8);
    expect(splitter.push(Buffer.from('12345'))).toEqual([]);
    expect(splitter.push(Buffer.from('6789-secret'))).toEqual([]);
    expect(splitter.push(Buffer.from('-more\nok\n'))).toEqual([{ tooLong: true }, { text: 'ok' }]);
  });

  it('holds whole lines inside one chunk to the same limit as lines split across chunks', () => {
    const splitter = new NdjsonSplitter(8);
    expect(splitter.push(Buffer.from('12345678\n123456789-secret\nok\n'))).toEqual([
      { text: '12345678' },
      { tooLong: true },
      { text: 'ok' },
    ]);
  });

  it('hands over a last line that has no newline when the stream ends', () => {
    const splitter = new NdjsonSplitter(100);
    expect(splitter.push(Buffer.from('a\nb'))).toEqual([{ text: 'a' }]);
    expect(splitter.end()).toEqual([{ text: 'b' }]);
  });
});
