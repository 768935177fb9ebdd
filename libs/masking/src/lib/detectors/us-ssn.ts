import { regexDetector, type Span } from '../detector';
import { Trigger } from '../triggers';

/** Area 001-899 except 666, group 01-99, serial 0001-9999: the ranges the SSA has ever issued. */
function refineSsn(_text: string, match: RegExpExecArray): Span | undefined {
  const area = Number(match[1]);
  const group = Number(match[2]);
  const serial = Number(match[3]);
  if (area === 0 || area === 666 || area >= 900 || group === 0 || serial === 0) {
    return undefined;
  }
  return { start: match.index, end: match.index + match[0].length };
}

/** `123-45-6789`, written with dashes; bare nine-digit runs are too often plain ids. */
export const usSsnDetector = regexDetector({
  type: 'US_SSN',
  trigger: Trigger.NUMBER_RUN,
  pattern: /(?<![\w.+-])(\d{3})-(\d{2})-(\d{4})(?![\w]|[.-]\d)/g,
  refine: refineSsn,
});
