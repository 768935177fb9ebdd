export type EmitSpan = (type: string, start: number, end: number) => void;

/** A family of findings. `find` reports spans of `text` to replace; it must run in linear time. */
export interface Detector {
  /** Every type `find` can emit; disabling all of them removes the detector. */
  readonly types: readonly string[];
  /** Trigger bits (see `Trigger`); the detector only runs when the scan saw one of them. */
  readonly trigger: number;
  find(text: string, emit: EmitSpan): void;
}

export interface Span {
  start: number;
  end: number;
}

/** Narrows or rejects a regex candidate; returns undefined to reject it. */
export type Refine = (text: string, match: RegExpExecArray) => Span | undefined;

export interface RegexDetectorSpec {
  type: string;
  trigger: number;
  /** Must carry the `g` flag. */
  pattern: RegExp;
  refine?: Refine;
}

/**
 * Turns a global regex into a detector. A rejected candidate resumes the search one character
 * later, so a valid finding that starts inside a rejected candidate is still found; patterns are
 * written with a leading look-behind so those retries fail on their first character.
 */
export function regexDetector({ type, trigger, pattern, refine }: RegexDetectorSpec): Detector {
  return {
    types: [type],
    trigger,
    find(text, emit) {
      pattern.lastIndex = 0;
      for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
        const span = refine ? refine(text, match) : wholeMatch(match);
        if (span === undefined || span.end <= span.start) {
          pattern.lastIndex = match.index + 1;
          continue;
        }
        emit(type, span.start, span.end);
        pattern.lastIndex = Math.max(span.end, match.index + 1);
      }
    },
  };
}

export function wholeMatch(match: RegExpExecArray): Span {
  return { start: match.index, end: match.index + match[0].length };
}

/** The span of the last capture group, for patterns whose secret is the tail of the match. */
export function trailingGroup(match: RegExpExecArray, group = 1): Span {
  const end = match.index + match[0].length;
  return { start: end - (match[group] ?? '').length, end };
}
