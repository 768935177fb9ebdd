import { lineLink, linkedLineId } from './line-link';

describe('line links', () => {
  it('keeps the view and sets the line, dropping the fragment', () => {
    expect(
      lineLink('http://127.0.0.1:3000/tools/redtail/?q=timeout&line=1-4#token=rt_secret', '2-17'),
    ).toBe('http://127.0.0.1:3000/tools/redtail/?q=timeout&line=2-17');
    expect(lineLink('http://host/', '1-1')).toBe('http://host/?line=1-1');
  });

  it('takes only what could be an entry id', () => {
    expect(linkedLineId('3-1024')).toBe('3-1024');
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
    ]) {
      expect(linkedLineId(value)).toBeNull();
    }
  });
});
