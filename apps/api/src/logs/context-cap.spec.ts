import { capContext, CUT_FIELDS_KEY } from './context-cap';

const limits = { maxValueBytes: 100, maxBytes: 1_000 };

describe('capContext', () => {
  it('returns a small context as it is, the same object', () => {
    const context = { status: 200, user: { id: 'u1', tags: ['a', 'b'] } };
    expect(capContext(context, limits)).toEqual({ context, truncated: false });
    expect(capContext(context, limits).context).toBe(context);
  });

  it('cuts a long string value at a character boundary and marks it, wherever it sits', () => {
    const long = 'é'.repeat(200);
    const { context, truncated } = capContext({ a: 1, deep: { list: ['ok', long] } }, limits);
    expect(truncated).toBe(true);
    const cut = (context['deep'] as { list: string[] }).list[1];
    expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(100);
    expect(cut.endsWith('… [truncated]')).toBe(true);
    expect((context['deep'] as { list: string[] }).list[0]).toBe('ok');
  });

  it('does not change the context it was given', () => {
    const original = { note: 'x'.repeat(500) };
    capContext(original, limits);
    expect(original.note).toHaveLength(500);
  });

  it('keeps the first fields that fit a whole-context limit and says how many it dropped', () => {
    const context = Object.fromEntries(
      Array.from({ length: 40 }, (_, i) => [`field${i}`, 'v'.repeat(90)]),
    );
    const capped = capContext(context, limits);
    expect(capped.truncated).toBe(true);
    expect(Buffer.byteLength(JSON.stringify(capped.context))).toBeLessThanOrEqual(1_000);
    expect(Object.keys(capped.context)[0]).toBe('field0');
    expect(capped.context[CUT_FIELDS_KEY]).toMatch(/^\d+ more fields over LOG_MAX_CONTEXT$/);
  });
});
