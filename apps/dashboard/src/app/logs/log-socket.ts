import { InjectionToken } from '@angular/core';
import type { ClientToServerEvents, ServerToClientEvents } from '@redtail/contracts';
import type { Socket } from 'socket.io-client';

export type LogSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Opens the `/logs` socket; tests swap in a fake so no network is involved. */
export const LOG_SOCKET_FACTORY = new InjectionToken<(token: string | null) => LogSocket>(
  'LOG_SOCKET_FACTORY',
);

/**
 * Runs a callback on the next animation frame, so bursts of socket messages cost one render.
 * Background tabs get no frames at all, so a timer backs the frame up and the buffers stay
 * bounded while the tab is hidden. The frame cancels its timer: a busy tail asks for a frame
 * up to 120 times a second, and each timer left to fire was a task of its own on the main thread
 * (bench/findings.md).
 */
export const FRAME_SCHEDULER = new InjectionToken<(callback: () => void) => void>(
  'FRAME_SCHEDULER',
  { providedIn: 'root', factory: () => nextFrameOrTimeout },
);

/** The callback on the next animation frame, or after 250 ms if no frame comes (hidden tab). */
export function nextFrameOrTimeout(callback: () => void): void {
  const frame = requestAnimationFrame(() => {
    clearTimeout(timer);
    callback();
  });
  const timer = setTimeout(() => {
    cancelAnimationFrame(frame);
    callback();
  }, 250);
}
