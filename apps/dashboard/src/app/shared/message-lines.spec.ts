import { foldMessage, messageLines } from './message-lines';

describe('messageLines', () => {
  it('splits on any line break and drops the empty line a trailing break leaves', () => {
    expect(messageLines('a\r\nb\nc\rd\n')).toEqual(['a', 'b', 'c', 'd']);
  });

  it('keeps empty lines inside the message', () => {
    expect(messageLines('a\n\nb')).toEqual(['a', '', 'b']);
  });
});

describe('foldMessage', () => {
  it('shows a one-line message whole', () => {
    expect(foldMessage('order placed')).toEqual({ first: 'order placed', hidden: 0 });
  });

  it('shows the first line of a stack trace and counts the rest', () => {
    expect(foldMessage('Error: boom\n    at a (a.js:1:1)\n    at b (b.js:2:2)')).toEqual({
      first: 'Error: boom',
      hidden: 2,
    });
  });
});
