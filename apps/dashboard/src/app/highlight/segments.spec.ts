import { segmentText } from './segments';

describe('segmentText', () => {
  it('marks masked placeholders', () => {
    expect(segmentText('mail [EMAIL] now')).toEqual([
      { kind: 'text', text: 'mail ' },
      { kind: 'mask', text: '[EMAIL]' },
      { kind: 'text', text: ' now' },
    ]);
  });

  it('marks pseudonymised placeholders', () => {
    expect(segmentText('[EMAIL:3f9a…] and [CREDIT_CARD]').map((s) => s.kind)).toEqual([
      'mask',
      'text',
      'mask',
    ]);
  });

  it('marks case-insensitive search matches outside placeholders', () => {
    expect(segmentText('Timeout after timeout [EMAIL]', 'timeout')).toEqual([
      { kind: 'match', text: 'Timeout' },
      { kind: 'text', text: ' after ' },
      { kind: 'match', text: 'timeout' },
      { kind: 'text', text: ' ' },
      { kind: 'mask', text: '[EMAIL]' },
    ]);
  });

  it('leaves ordinary brackets alone', () => {
    expect(segmentText('array [1, 2] [ok]')).toEqual([{ kind: 'text', text: 'array [1, 2] [ok]' }]);
  });
});
