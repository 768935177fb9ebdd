import { usSsnDetector } from './us-ssn';

function found(text: string): string[] {
  const spans: string[] = [];
  usSsnDetector.find(text, (_type, start, end) => spans.push(text.slice(start, end)));
  return spans;
}

describe('usSsnDetector', () => {
  it.each([
    ['a plain SSN', 'ssn=123-45-6789', '123-45-6789'],
    ['an SSN in JSON', '{"ssn":"512-44-1234"}', '512-44-1234'],
    ['an SSN at the end of a sentence', 'member 219-09-9999.', '219-09-9999'],
  ])('masks %s', (_name, text, expected) => expect(found(text)).toEqual([expected]));

  it.each([
    ['area 000', '000-12-3456'],
    ['area 666', '666-12-3456'],
    ['area 9xx', '900-12-3456'],
    ['group 00', '123-00-4567'],
    ['serial 0000', '123-45-0000'],
    ['a longer dashed id', 'ref 123-45-6789-01'],
    ['an id glued to letters', 'INV123-45-6789'],
    ['a date', '2024-05-01'],
  ])('leaves %s alone', (_name, text) => expect(found(text)).toEqual([]));
});
