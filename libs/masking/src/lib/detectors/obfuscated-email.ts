import type { Detector, EmitSpan } from '../detector';
import { Trigger } from '../triggers';

/**
 * Addresses spelled out against harvesters, as people type them into support tickets and chat:
 * `kim [at] example [dot] com`, `kim(at)example(dot)co(dot)uk`, `kim [at] example.com`. The
 * `[at]`/`(at)` must be bracketed (`kim at example dot com` is ordinary prose far more often),
 * and the domain must end in an alphabetic label of two or more letters.
 */
const SPELLED_EMAIL =
  /(?<![\w.%+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63} ?[[(] ?at ?[\])] ?[A-Za-z0-9-]{1,63}(?: ?(?:[[(] ?dot ?[\])]|\.) ?[A-Za-z0-9-]{1,63}){1,4}/gi;
const LAST_LABEL = /[A-Za-z]{2,24}$/;

function findSpelledEmails(text: string, emit: EmitSpan): void {
  SPELLED_EMAIL.lastIndex = 0;
  for (let match = SPELLED_EMAIL.exec(text); match !== null; match = SPELLED_EMAIL.exec(text)) {
    const lastLabel = LAST_LABEL.exec(match[0]);
    if (lastLabel === null) continue;
    // The label must be whole: not the tail of `c0m` or `x-com`.
    const beforeLabel = match[0].charAt(match[0].length - lastLabel[0].length - 1);
    if (/[\s\].)]/.test(beforeLabel)) emit('EMAIL', match.index, match.index + match[0].length);
  }
}

export const obfuscatedEmailDetector: Detector = {
  types: ['EMAIL'],
  trigger: Trigger.PHRASE,
  find: findSpelledEmails,
};
