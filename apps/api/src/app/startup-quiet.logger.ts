import { ConsoleLogger } from '@nestjs/common';

/** Nest's wiring chatter: one line per module, controller and route at every start. */
const WIRING_CONTEXTS = new Set([
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'NestFactory',
  'WebSocketsController',
]);

/**
 * The console logger without Nest's per-route start-up lines, so the URL and
 * the generated keys an operator needs are not buried under forty lines of
 * wiring. Warnings and errors from every context still pass.
 */
export class StartupQuietLogger extends ConsoleLogger {
  override log(message: unknown, context?: string): void {
    if (context && WIRING_CONTEXTS.has(context)) return;
    super.log(message, context);
  }
}
