import type { Detector } from './detector';
import { maskFollowUps } from './follow-ups';
import { UNMASKABLE } from './mask-types';
import { type DetectionCopy, detectionCopy } from './normalise/detection-copy';
import { withoutInvisibles } from './normalise/unicode';
import type { Renderer } from './rendering/renderer';
import type { TriggerScanner } from './trigger-scan';
import { Trigger } from './triggers';
import type { MaskCounts } from './types';

export interface Finding {
  type: string;
  start: number;
  end: number;
}

function escapeForRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Moves findings in a detection copy onto the text it was made from. */
function mapToOriginal(findings: readonly Finding[], copy: DetectionCopy): Finding[] {
  return findings.map(({ type, start, end }) => ({
    type,
    start: copy.starts[start] as number,
    end: copy.ends[end - 1] as number,
  }));
}

/** Our own output (`[EMAIL]`, `[EMAIL:3f9a1c2b]`) for the given type names. */
export function placeholderPattern(types: Iterable<string>): RegExp {
  const names = [...types].map(escapeForRegex).join('|');
  return new RegExp(`\\[(?:${names})(?::[0-9a-f]{8})?\\]`, 'g');
}

export function increment(counts: MaskCounts, type: string): void {
  counts[type] = (counts[type] ?? 0) + 1;
}

// What `find` marks as taken, one byte per code unit: kept between calls (a typed array per
// triggered text was a third of the bytes masking allocated on lines with personal data), up to
// this many units; a longer text gets one of its own.
const MAX_RETAINED_CLAIMED = 1 << 16;
let retainedClaimed = new Uint8Array(1024);

/** A zeroed claim array for a text of `length` units; `find` runs to its end before the next. */
function claimedFor(length: number): Uint8Array {
  if (length > MAX_RETAINED_CLAIMED) return new Uint8Array(length);
  if (retainedClaimed.length < length) {
    retainedClaimed = new Uint8Array(2 ** Math.ceil(Math.log2(length)));
    return retainedClaimed;
  }
  retainedClaimed.fill(0, 0, length);
  return retainedClaimed;
}

/** Findings this short are put in order in place; a native sort copies them into a work array. */
const SORT_IN_PLACE_UP_TO = 16;

/**
 * Findings by start, stable. Most texts have one to three; sorting those in place allocates
 * nothing (the native sort's work array was 171 of the 1 943 bytes masking allocated per entry
 * with personal data in every line). A hostile text's thousands still get the native sort.
 */
function sortByStart(findings: Finding[]): Finding[] {
  if (findings.length > SORT_IN_PLACE_UP_TO) return findings.sort((a, b) => a.start - b.start);
  for (let i = 1; i < findings.length; i++) {
    const finding = findings[i];
    let j = i - 1;
    while (j >= 0 && findings[j].start > finding.start) {
      findings[j + 1] = findings[j];
      j--;
    }
    findings[j + 1] = finding;
  }
  return findings;
}

/** What `emit` holds between `find` calls: nothing of the last text. */
const NO_CLAIMS: Uint8Array = new Uint8Array(0);
const NO_FINDINGS: Finding[] = [];

/**
 * The text pipeline: trigger scan → detectors in priority order → render. Detectors earlier in
 * the list win overlaps, so `Bearer eyJ…` is one BEARER_TOKEN, not a JWT inside a secret.
 */
export class TextMasker {
  private readonly triggersInUse: number;
  private readonly alwaysBits: number;
  /** The claims and findings of the `find` in progress, which `emit` adds to. */
  private claimed = NO_CLAIMS;
  private findings = NO_FINDINGS;
  /**
   * Made once, not per `find`: a closure over `find`'s locals made V8 allocate it and their
   * context on every call (docs/architecture.md, the per-entry rules).
   */
  private readonly emit = (type: string, start: number, end: number): void => {
    if (!this.enabledTypes.has(type)) return;
    const claimed = this.claimed;
    for (let i = start; i < end; i++) if (claimed[i] === 1) return;
    claimed.fill(1, start, end);
    this.findings.push({ type, start, end });
  };

  constructor(
    private readonly detectors: readonly Detector[],
    private readonly enabledTypes: ReadonlySet<string>,
    private readonly scanner: TriggerScanner,
    private readonly placeholders: RegExp,
    private readonly render: Renderer,
  ) {
    this.triggersInUse = detectors.reduce((bits, detector) => bits | detector.trigger, 0);
    this.alwaysBits = this.triggersInUse & Trigger.ALWAYS;
  }

  /**
   * Returns `text` itself when nothing was found and nothing removed, so callers can compare by
   * identity. Invisible characters are dropped from the stored text (see `withoutInvisibles`);
   * NFKC, confusable folding and escape decoding happen in a detection copy only, and what is
   * found there replaces the matching span of the text, so `µs` and `%2F` stay as written.
   */
  mask(text: string, counts: MaskCounts): string {
    let bits = this.scanner.scan(text);
    let working = text;
    try {
      let copy: DetectionCopy | undefined;
      if ((bits & (Trigger.NON_ASCII | Trigger.ESCAPED)) !== 0) {
        if ((bits & Trigger.NON_ASCII) !== 0) working = withoutInvisibles(text);
        copy = detectionCopy(working);
        const scanned = copy?.text ?? working;
        if (scanned !== text) bits = this.scanner.scan(scanned);
      }
      bits |= this.alwaysBits;
      if ((bits & this.triggersInUse) === 0) return working;
      const findings = this.find(copy?.text ?? working, bits);
      if (findings.length === 0) return working;
      return this.replace(working, copy ? mapToOriginal(findings, copy) : findings, counts);
    } catch {
      // Unreachable by design; if a detector ever throws, hiding everything is the only safe answer.
      increment(counts, UNMASKABLE);
      return `[${UNMASKABLE}]`;
    }
  }

  /** Non-overlapping findings sorted by position; `bits` chooses which detectors run. */
  find(text: string, bits: number): Finding[] {
    const claimed = claimedFor(text.length);
    this.claimPlaceholders(text, claimed);
    const findings: Finding[] = [];
    // One `find` runs to its end before the next, as `claimedFor` already assumes.
    this.claimed = claimed;
    this.findings = findings;
    try {
      for (const detector of this.detectors) {
        if ((detector.trigger & bits) !== 0) detector.find(text, this.emit);
      }
      if (findings.length > 0) maskFollowUps(text, findings, this.emit);
    } finally {
      this.claimed = NO_CLAIMS;
      this.findings = NO_FINDINGS;
    }
    return sortByStart(findings);
  }

  private claimPlaceholders(text: string, claimed: Uint8Array): void {
    if (!text.includes('[')) return;
    this.placeholders.lastIndex = 0;
    for (
      let match = this.placeholders.exec(text);
      match !== null;
      match = this.placeholders.exec(text)
    ) {
      claimed.fill(1, match.index, match.index + match[0].length);
    }
  }

  private replace(text: string, findings: readonly Finding[], counts: MaskCounts): string {
    let out = '';
    let last = 0;
    for (const { type, start, end } of findings) {
      out += text.slice(last, start) + this.render(type, text.slice(start, end));
      last = end;
      increment(counts, type);
    }
    return out + text.slice(last);
  }
}
