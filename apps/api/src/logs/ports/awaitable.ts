/**
 * A port's answer: a value at once when the backend is in this process (the single-node hot path
 * stays synchronous), a promise when it is across the network (Redis).
 */
export type Awaitable<T> = T | Promise<T>;

/** Runs `next` on `value` now when it is ready, after it settles when it is a promise. */
export function andThen<T, R>(value: Awaitable<T>, next: (value: T) => Awaitable<R>): Awaitable<R> {
  return value instanceof Promise ? value.then(next) : next(value);
}
