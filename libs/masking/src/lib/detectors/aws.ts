import { regexDetector, trailingGroup } from '../detector';
import { Trigger } from '../triggers';

/** Long-term (`AKIA…`) and temporary (`ASIA…`) access key ids. */
export const awsAccessKeyDetector = regexDetector({
  type: 'AWS_ACCESS_KEY',
  trigger: Trigger.AWS_KEY_PREFIX,
  pattern: /(?<![A-Za-z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Za-z0-9])/g,
});

/**
 * The 40-character secret only has a recognisable shape next to its key name
 * (`aws_secret_access_key = …`, `"SecretAccessKey": "…"`), so it is matched as an assignment.
 */
export const awsSecretKeyDetector = regexDetector({
  type: 'AWS_SECRET_KEY',
  trigger: Trigger.SENSITIVE_KEY,
  pattern:
    /(?<![A-Za-z0-9])(?:aws)?[_-]?secret[_-]?(?:access[_-]?)?key["']?[ \t]{0,4}(?::|=>?)[ \t]{0,4}["']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])/gi,
  refine: (_text, match) => trailingGroup(match),
});
