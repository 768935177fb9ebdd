import { regexDetector, type Span } from '../detector';
import { Trigger } from '../triggers';

function passwordGroup(_text: string, match: RegExpExecArray): Span {
  const end = match.index + match[0].length - 1;
  return { start: end - (match[2] ?? '').length, end };
}

/**
 * The password in `scheme://user:password@host`; the user and host stay readable. Logged
 * connection strings often carry raw `@`, `#` or `?` in the password, so it runs to the last `@`
 * before the path.
 */
export const urlCredentialsDetector = regexDetector({
  type: 'PASSWORD',
  trigger: Trigger.AT_SIGN,
  pattern: /:\/\/([^\s:@/?#]{0,64}):([^\s/]{1,128})@/g,
  refine: passwordGroup,
});
