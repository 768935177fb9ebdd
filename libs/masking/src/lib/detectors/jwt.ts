import { regexDetector } from '../detector';
import { Trigger } from '../triggers';

/**
 * `eyJ` is base64url for `{"`, the start of every JWT header. Two or three segments, so an
 * unsigned or truncated token is still caught. The look-behind allows one attempt per run of
 * token characters, which keeps unterminated `eyJ…` runs linear.
 */
export const jwtDetector = regexDetector({
  type: 'JWT',
  trigger: Trigger.JWT_HEADER,
  pattern: /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}(?:\.[A-Za-z0-9_-]*)?/g,
});
