import {
  BUSY_LINES_PER_SECOND,
  BUSY_RENDER_GAP_MS,
  FLOOD_LINES_PER_SECOND,
  FLOOD_RENDER_GAP_MS,
  RenderPacer,
  SAME_FRAME_MS,
} from './render-pacer';

/** A pacer on a clock the test moves by hand, one 60 Hz frame at a time. */
function pacerAt(start = 1_000): { pacer: RenderPacer; advance: (ms: number) => void } {
  let now = start;
  return { pacer: new RenderPacer(() => now), advance: (ms) => (now += ms) };
}

const FRAME_MS = 16.7;

/** How many of `frames` consecutive frames render while `linesPerFrame` arrive before each. */
function rendersOver(
  pacer: RenderPacer,
  advance: (ms: number) => void,
  frames: number,
  linesPerFrame: number,
): number {
  let renders = 0;
  for (let frame = 0; frame < frames; frame++) {
    advance(FRAME_MS);
    pacer.arrived(linesPerFrame);
    if (pacer.mayRender()) renders++;
  }
  return renders;
}

describe('RenderPacer', () => {
  it('lets a quiet stream render on every frame', () => {
    const { pacer, advance } = pacerAt();
    // 10 lines a frame ≈ 600 lines a second: under the busy rate.
    expect(rendersOver(pacer, advance, 120, 10)).toBe(120);
  });

  it.each([
    // 100 lines a frame ≈ 6 000 lines a second: busy.
    { stream: 'a busy stream', linesPerFrame: 100, low: 19, high: 21 },
    // 400 lines a frame ≈ 24 000 lines a second: a flood.
    { stream: 'a flooding stream', linesPerFrame: 400, low: 9, high: 11 },
  ])(
    'renders $stream $low to $high times a second once it has counted a second of it',
    ({ linesPerFrame, low, high }) => {
      const { pacer, advance } = pacerAt();
      rendersOver(pacer, advance, 60, linesPerFrame);
      const renders = rendersOver(pacer, advance, 60, linesPerFrame);
      expect(renders).toBeGreaterThanOrEqual(low);
      expect(renders).toBeLessThanOrEqual(high);
    },
  );

  it('floods as soon as the current second has seen the flood number of lines', () => {
    const { pacer, advance } = pacerAt();
    pacer.arrived(FLOOD_LINES_PER_SECOND);
    expect(pacer.mayRender()).toBe(true);
    advance(BUSY_RENDER_GAP_MS);
    expect(pacer.mayRender()).toBe(false);
    advance(FLOOD_RENDER_GAP_MS - BUSY_RENDER_GAP_MS);
    expect(pacer.mayRender()).toBe(true);
  });

  it('is busy as soon as the current second has seen the busy number of lines', () => {
    const { pacer, advance } = pacerAt();
    pacer.arrived(BUSY_LINES_PER_SECOND);
    expect(pacer.mayRender()).toBe(true);
    advance(FRAME_MS);
    expect(pacer.mayRender()).toBe(false);
    advance(BUSY_RENDER_GAP_MS - FRAME_MS);
    expect(pacer.mayRender()).toBe(true);
  });

  it('lets every pane of a frame render once the first one has', () => {
    const { pacer, advance } = pacerAt();
    pacer.arrived(10 * BUSY_LINES_PER_SECOND);
    expect(pacer.mayRender()).toBe(true);
    advance(SAME_FRAME_MS / 2);
    expect(pacer.mayRender()).toBe(true);
    advance(FRAME_MS);
    expect(pacer.mayRender()).toBe(false);
  });

  it('goes back to every frame when the stream quietens', () => {
    const { pacer, advance } = pacerAt();
    rendersOver(pacer, advance, 60, 400);
    rendersOver(pacer, advance, 60, 400);
    // Two quiet seconds: the busy one has rolled out of the count.
    rendersOver(pacer, advance, 120, 1);
    expect(rendersOver(pacer, advance, 30, 1)).toBe(30);
  });

  it('forgets a busy second followed by a long silence', () => {
    const { pacer, advance } = pacerAt();
    rendersOver(pacer, advance, 60, 400);
    advance(5_000);
    pacer.arrived(1);
    expect(rendersOver(pacer, advance, 10, 1)).toBe(10);
  });
});
