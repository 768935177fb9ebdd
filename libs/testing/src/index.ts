export * from './lib/chromium';
export * from './lib/redis-server';
export * from './lib/bench-payloads';
