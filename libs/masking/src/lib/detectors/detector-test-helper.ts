import type { Detector } from '../detector';

/** `TYPE:text` for every span the detector reports, in order. */
export function findings(detector: Detector, text: string): string[] {
  const spans: string[] = [];
  detector.find(text, (type, start, end) => spans.push(`${type}:${text.slice(start, end)}`));
  return spans;
}
