export * from './lib/levels';
export * from './lib/filter';
export * from './lib/logs';
export * from './lib/metrics';
export * from './lib/events';
export * from './lib/auth';
export * from './lib/ingest-stream';
export * from './lib/live';
