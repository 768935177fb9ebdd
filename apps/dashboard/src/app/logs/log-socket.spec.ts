import { nextFrameOrTimeout } from './log-socket';

describe('nextFrameOrTimeout', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => {
    jest.restoreAllMocks();
    jest.useRealTimers();
  });

  it('runs on the next frame once and leaves no timer behind', () => {
    const callback = jest.fn();
    nextFrameOrTimeout(callback);
    jest.advanceTimersByTime(20);
    expect(callback).toHaveBeenCalledTimes(1);
    expect(jest.getTimerCount()).toBe(0);
    jest.advanceTimersByTime(500);
    expect(callback).toHaveBeenCalledTimes(1);
  });

  it('runs after 250 ms when no frame comes (a hidden tab), and cancels the frame', () => {
    jest.spyOn(window, 'requestAnimationFrame').mockReturnValue(42);
    const cancel = jest.spyOn(window, 'cancelAnimationFrame');
    const callback = jest.fn();
    nextFrameOrTimeout(callback);
    jest.advanceTimersByTime(249);
    expect(callback).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(callback).toHaveBeenCalledTimes(1);
    expect(cancel).toHaveBeenCalledWith(42);
  });
});
