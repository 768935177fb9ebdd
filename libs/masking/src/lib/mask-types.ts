import type { BuiltInMaskType } from './types';

export const MASK_TYPES: readonly BuiltInMaskType[] = Object.freeze([
  'EMAIL',
  'PHONE',
  'CREDIT_CARD',
  'IBAN',
  'US_SSN',
  'NATIONAL_ID',
  'SUBSCRIBER_ID',
  'CARD_SECURITY',
  'IPV4',
  'IPV6',
  'JWT',
  'BEARER_TOKEN',
  'BASIC_AUTH',
  'AWS_ACCESS_KEY',
  'AWS_SECRET_KEY',
  'GITHUB_TOKEN',
  'SLACK_TOKEN',
  'STRIPE_KEY',
  'API_KEY',
  'WEBHOOK_URL',
  'PRIVATE_KEY',
  'PASSWORD',
  'SECRET',
]);

/** Emitted instead of the whole input if masking itself fails, so a bug can never leak the original. */
export const UNMASKABLE = 'UNMASKABLE';
