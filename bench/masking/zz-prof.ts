import { createMasker } from '@redtail/masking';
import { generateCorpus } from './corpus';
const corpus = generateCorpus(30e6, { seed: 42 });
const masker = createMasker();
let changed = 0;
for (let pass = 0; pass < 4; pass++) {
  const t = process.hrtime.bigint();
  for (const line of corpus.lines) if (masker.maskText(line).value !== line) changed++;
  const s = Number(process.hrtime.bigint() - t) / 1e9;
  console.log(`pass ${pass} ${(corpus.bytes / 1e6 / s).toFixed(1)} MB/s`);
}
