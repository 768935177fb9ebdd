import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One sensitive value the corpus author marked as `⟦TYPE|value⟧`. */
export interface LabelledValue {
  type: string;
  value: string;
  /** Where the value starts in the record's `text`. */
  start: number;
}

export interface IndependentRecord {
  file: string;
  /** Line number of the record's first line in its file (1-based). */
  lineNo: number;
  /** The log text with every marker stripped: what a log source would really send. */
  text: string;
  labels: LabelledValue[];
  /** From a `negatives-*.txt` file: must come out unchanged. */
  negative: boolean;
}

const OPEN = '⟦';
const CLOSE = '⟧';
const BLOCK_START = '>>>';
const BLOCK_END = '<<<';

export const INDEPENDENT_CORPUS_DIR = join(__dirname, 'independent');

/**
 * Reads the independent corpus. `#` lines are comments; every other line is one record, except
 * that lines between `>>>` and `<<<` form one multi-line record (a PEM key, a YAML document, a
 * stack trace), masked as one text. A marker may span lines inside such a block.
 */
export function readIndependentCorpus(directory = INDEPENDENT_CORPUS_DIR): IndependentRecord[] {
  return readdirSync(directory)
    .filter((name) => name.endsWith('.txt'))
    .sort()
    .flatMap((file) => parseFile(file, readFileSync(join(directory, file), 'utf8')));
}

function parseFile(file: string, content: string): IndependentRecord[] {
  const negative = file.startsWith('negatives-');
  const records: IndependentRecord[] = [];
  let block: string[] | undefined;
  let blockStart = 0;
  content.split('\n').forEach((line, index) => {
    const lineNo = index + 1;
    if (block !== undefined) {
      if (line === BLOCK_END) {
        records.push(parseRecord(file, blockStart, block.join('\n'), negative));
        block = undefined;
      } else {
        block.push(line);
      }
      return;
    }
    if (line === BLOCK_START) {
      block = [];
      blockStart = lineNo + 1;
    } else if (line.trim() !== '' && !line.startsWith('#')) {
      records.push(parseRecord(file, lineNo, line, negative));
    }
  });
  if (block !== undefined)
    throw new Error(`${file}:${blockStart}: ${BLOCK_START} without ${BLOCK_END}`);
  return records;
}

function parseRecord(
  file: string,
  lineNo: number,
  raw: string,
  negative: boolean,
): IndependentRecord {
  const labels: LabelledValue[] = [];
  let text = '';
  let at = 0;
  for (let open = raw.indexOf(OPEN); open !== -1; open = raw.indexOf(OPEN, at)) {
    const bar = raw.indexOf('|', open);
    const close = raw.indexOf(CLOSE, open);
    if (bar === -1 || close === -1 || bar > close) {
      throw new Error(`${file}:${lineNo}: malformed marker`);
    }
    const value = raw.slice(bar + 1, close);
    text += raw.slice(at, open);
    labels.push({ type: raw.slice(open + OPEN.length, bar), value, start: text.length });
    text += value;
    at = close + CLOSE.length;
  }
  text += raw.slice(at);
  if (negative && labels.length > 0)
    throw new Error(`${file}:${lineNo}: labelled value in a negatives file`);
  return { file, lineNo, text, labels, negative };
}
