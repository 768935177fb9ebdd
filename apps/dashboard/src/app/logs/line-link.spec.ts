import { lineLink, lineParam, linkedLine } from './line-link';

describe('line links', () => {
  it('keeps the view and sets the line, dropping the fragment', () => {
    expect(
      lineLink(
        'http://127.0.0.1:3000/tools/redtail/?q=timeout&line=1-4#token=rt_secret',
        '2-17~tag',
      ),
    ).toBe('http://127.0.0.1:3000/tools/redtail/?q=timeout&line=2-17%7Etag');
    expect(lineLink('http://host/', '1-1')).toBe('http://host/?line=1-1');
  });

  it('names a line by id and, once known, the epoch tag', () => {
    expect(lineParam('3-1024', 'Ab_9-x')).toBe('3-1024~Ab_9-x');
    expect(lineParam('3-1024', null)).toBe('3-1024');
    expect(linkedLine('3-1024~Ab_9-x')).toEqual({ id: '3-1024', epochTag: 'Ab_9-x' });
    expect(linkedLine('3-1024')).toEqual({ id: '3-1024' });
  });

  it('takes only what could name a line', () => {
    for (const value of [
      null,
      '',
      '3',
      '0-1',
      '1-0',
      '1-2-3',
      'a-1',
      '1-1x',
      `1-${'9'.repeat(17)}`,
      '1-1~',
      '1-1~a b',
      `1-1~${'a'.repeat(33)}`,
    ]) {
      expect(linkedLine(value)).toBeNull();
    }
  });
});
