import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface CorpusEntry {
  file: string;
  line: string;
  /** Expected finding counts per type; empty for a line that must stay unchanged. */
  expect: Record<string, number>;
}

/**
 * Reads the labelled corpus: one `<expected findings> TAB <log line>` per line, where the
 * expectation is `-` for none or a comma list like `EMAIL,PHONE*2`. Lines starting with `#`
 * are comments. Log lines keep newlines escaped (`\n`), as they appear inside JSON logs.
 */
export function readCorpus(directory: string = __dirname): CorpusEntry[] {
  return readdirSync(directory)
    .filter((name) => name.endsWith('.tsv'))
    .sort()
    .flatMap((file) =>
      readFileSync(join(directory, file), 'utf8')
        .split('\n')
        .filter((row) => row !== '' && !row.startsWith('#'))
        .map((row) => parseRow(file, row)),
    );
}

function parseRow(file: string, row: string): CorpusEntry {
  const tab = row.indexOf('\t');
  if (tab === -1) throw new Error(`${file}: no tab in corpus row ${JSON.stringify(row)}`);
  const labels = row.slice(0, tab);
  const expect: Record<string, number> = {};
  if (labels !== '-') {
    for (const label of labels.split(',')) {
      const [type = '', count = '1'] = label.split('*');
      expect[type] = Number(count);
    }
  }
  return { file, line: row.slice(tab + 1), expect };
}
