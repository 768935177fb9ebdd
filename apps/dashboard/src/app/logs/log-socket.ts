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
 * bounded while the tab is hidden.
 */
export const FRAME_SCHEDULER = new InjectionToken<(callback: () => void) => void>(
  'FRAME_SCHEDULER',
  {
    providedIn: 'root',
    factory: () => (callback) => {
      let done = false;
      const run = () => {
        if (done) return;
        done = true;
        callback();
      };
      requestAnimationFrame(run);
      setTimeout(run, 250);
    },
  },
);
