import { BadRequestException } from '@nestjs/common';
import { parseJsonBody } from './json-body';

function refusal(text: string): string {
  try {
    parseJsonBody(text);
  } catch (error) {
    expect(error).toBeInstanceOf(BadRequestException);
    return (error as BadRequestException).message;
  }
  throw new Error('expected a refusal');
}

describe('parseJsonBody', () => {
  it('parses JSON', () => {
    expect(parseJsonBody('{"a":[1,"b"]}')).toEqual({ a: [1, 'b'] });
  });

  it.each([
    ['jane.doe@example.com', 0],
    ['{"level":"info","message": jane}', 27],
    ['{"a":1,}', 7],
    ['[1, 2', 5],
    ['{"a":1} {"b":2}', 8],
    ['{"ünïcödé": x}', 16],
    ['{"a": "b" // comment\n}', 10],
  ])('says at which byte %p stops being JSON, and quotes none of it', (text, at) => {
    const message = refusal(text);
    expect(message).toBe(`Body is not valid JSON (at byte ${at})`);
  });

  it('still refuses, without a position, a nesting too deep to locate', () => {
    const message = refusal('['.repeat(200_000));
    expect(message).toMatch(/^Body is not valid JSON/);
    expect(message).not.toContain('[');
  });
});
