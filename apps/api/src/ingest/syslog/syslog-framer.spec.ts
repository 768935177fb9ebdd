import { MAX_FRAME_BYTES, SyslogFramer } from './syslog-framer';

function frame(pieces: (string | Buffer)[]): { frames: string[]; rejected: number } {
  const framer = new SyslogFramer();
  const frames: string[] = [];
  let rejected = 0;
  for (const piece of pieces) {
    const result = framer.push(Buffer.from(piece));
    frames.push(...result.frames.map((f) => f.toString()));
    rejected += result.rejected;
  }
  return { frames, rejected };
}

describe('SyslogFramer', () => {
  it.each([
    ['LF framing', ['<13>a\n<13>b\n'], ['<13>a', '<13>b']],
    ['CRLF and NUL endings', ['<13>a\r\n<13>b\0'], ['<13>a', '<13>b']],
    ['octet counting', ['5 <13>a5 <13>b'], ['<13>a', '<13>b']],
    ['both on one connection', ['5 <13>a<13>b\n5 <13>c'], ['<13>a', '<13>b', '<13>c']],
    [
      'a frame split across chunks',
      ['1', '1 <13>', 'hello', ' w', '<13>n', 'ext\n'],
      ['<13>hello w', '<13>next'],
    ],
    ['blank lines', ['\n\n<13>a\n\n'], ['<13>a']],
    ['a count holding line ends', ['9 <13>a\nb\nc'], ['<13>a\nb\nc']],
  ])('splits %s', (_name, pieces, frames) => {
    expect(frame(pieces)).toEqual({ frames, rejected: 0 });
  });

  it('keeps an incomplete frame until the rest arrives', () => {
    expect(frame(['<13>no line end yet'])).toEqual({ frames: [], rejected: 0 });
    expect(frame(['20 <13>short'])).toEqual({ frames: [], rejected: 0 });
  });

  it('skips an oversized octet-counted frame, byte for byte, and reads on', () => {
    const big = MAX_FRAME_BYTES + 10;
    expect(frame([`${big} `, 'x'.repeat(big - 5), 'xxxxx', '5 <13>a'])).toEqual({
      frames: ['<13>a'],
      rejected: 1,
    });
  });

  it('skips an oversized line up to its end, and reads on', () => {
    const pieces = Array.from({ length: 20 }, () => 'y'.repeat(8 * 1024));
    expect(frame([...pieces, 'tail\n<13>after\n'])).toEqual({ frames: ['<13>after'], rejected: 1 });
  });

  it('refuses a count that is not one', () => {
    expect(frame(['12x <13>a\n<13>b\n'])).toEqual({ frames: ['<13>b'], rejected: 1 });
  });
});
