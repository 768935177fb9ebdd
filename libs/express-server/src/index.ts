export * from './lib/express-server.adapter';
