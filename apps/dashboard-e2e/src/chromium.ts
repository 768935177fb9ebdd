export { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE } from '@redtail/testing';
