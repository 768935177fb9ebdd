import { GcIntervals } from './gc-intervals';
import type { ClientReply } from './processes';

type Handler = (payload: never) => unknown;

/**
 * The child side of `ClientProcess`: answers commands from the scenario and
 * exits when the scenario goes away, so no client outlives its run. Every
 * client also answers `gcIntervals` with its own collector's pauses since the
 * previous question (see `GcIntervals`).
 */
export function serveCommands(handlers: Record<string, Handler>): void {
  const pauses = new GcIntervals();
  const builtIn: Record<string, Handler> = { gcIntervals: () => pauses.take() };
  process.on('message', (message: { id: number; command: string; payload: never }) => {
    const handler = handlers[message.command] ?? builtIn[message.command];
    Promise.resolve()
      .then(() => {
        if (!handler) throw new Error(`unknown command ${message.command}`);
        return handler(message.payload);
      })
      .then(
        (result) => reply({ type: 'result', id: message.id, result }),
        (error: unknown) =>
          reply({
            type: 'error',
            id: message.id,
            error: error instanceof Error ? (error.stack ?? error.message) : String(error),
          }),
      );
  });
  process.on('disconnect', () => process.exit(0));
}

export function reportProgress(progress: Record<string, number>): void {
  reply({ type: 'progress', progress });
}

function reply(message: ClientReply): void {
  if (process.connected) process.send?.(message);
}
