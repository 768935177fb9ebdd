import type { Detector } from './detector';
import { awsAccessKeyDetector, awsSecretKeyDetector } from './detectors/aws';
import { basicAuthDetector, bearerTokenDetector } from './detectors/auth-header';
import { addressedNumberDetector, keyedItinDetector } from './detectors/addressed-numbers';
import { bindParameterDetector } from './detectors/bind-parameters';
import { obfuscatedEmailDetector } from './detectors/obfuscated-email';
import { proseCredentialDetector } from './detectors/prose-credentials';
import { redisFieldDetector } from './detectors/redis-fields';
import { bracketedImsiDetector } from './detectors/bracketed-imsi';
import { creditCardDetector } from './detectors/credit-card';
import { emailDetector } from './detectors/email';
import { ibanDetector } from './detectors/iban';
import { ipv4Detector } from './detectors/ipv4';
import { ipv6Detector } from './detectors/ipv6';
import { jwtDetector } from './detectors/jwt';
import { commandLineDetector } from './detectors/command-line';
import { credentialPhraseDetector } from './detectors/credential-phrases';
import { keywordIdentifierDetector } from './detectors/keyword-identifiers';
import { markupDetector } from './detectors/markup';
import { protocolCommandDetector } from './detectors/protocol-commands';
import { queryParameterDetector } from './detectors/query-parameters';
import { keyValueDetector, sensitiveBlockDetector } from './detectors/key-value';
import { phoneDetectors } from './detectors/phone';
import { privateKeyDetector } from './detectors/private-key';
import { vendorKeyDetector } from './detectors/vendor-keys';
import { webhookUrlDetector } from './detectors/webhook-url';
import { urlCredentialsDetector } from './detectors/url-credentials';
import { usSsnDetector } from './detectors/us-ssn';
import {
  githubTokenDetector,
  slackTokenDetector,
  stripeKeyDetector,
} from './detectors/vendor-tokens';
import type { SensitiveKeys } from './sensitive-keys';

/**
 * Secrets, in priority order: an earlier detector wins where findings overlap. Blocks under a
 * sensitive key come first so nothing inside them stays readable; specific token shapes come
 * before the generic key/value rule so `token=eyJ…` is reported as the JWT it is.
 */
export function secretDetectors(keys: SensitiveKeys): Detector[] {
  return [
    sensitiveBlockDetector(keys),
    privateKeyDetector,
    bearerTokenDetector,
    basicAuthDetector,
    jwtDetector,
    awsAccessKeyDetector,
    awsSecretKeyDetector,
    githubTokenDetector,
    slackTokenDetector,
    stripeKeyDetector,
    vendorKeyDetector,
    webhookUrlDetector,
    urlCredentialsDetector,
    commandLineDetector,
    protocolCommandDetector,
    markupDetector(keys),
    queryParameterDetector,
    keywordIdentifierDetector,
    credentialPhraseDetector,
    proseCredentialDetector,
    redisFieldDetector(keys),
    bindParameterDetector(keys),
    keyValueDetector(keys),
  ];
}

/** Personal data, after secrets and custom patterns. */
export const PERSONAL_DATA_DETECTORS: readonly Detector[] = [
  emailDetector,
  obfuscatedEmailDetector,
  ibanDetector,
  creditCardDetector,
  usSsnDetector,
  keyedItinDetector,
  addressedNumberDetector,
  bracketedImsiDetector,
  ...phoneDetectors,
  ipv6Detector,
  ipv4Detector,
];
