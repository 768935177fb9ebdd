import type { Detector } from '../detector';
import { bracketedImsiDetector } from './bracketed-imsi';

function found(detector: Detector, text: string): string[] {
  const spans: string[] = [];
  detector.find(text, (type, start, end) => spans.push(`${type}:${text.slice(start, end)}`));
  return spans;
}

describe('bracketed IMSI detector', () => {
  it.each([
    ['an MME line', 'mme[1201]: [emm] INFO: [001010123456789] Attach complete', '001010123456789'],
    ['an HSS line', 'hss[1401]: [hss] INFO: [310150123456789] Authentication', '310150123456789'],
  ])('masks the IMSI of %s', (_name, text, imsi) =>
    expect(found(bracketedImsiDetector, text)).toEqual([`SUBSCRIBER_ID:${imsi}`]),
  );

  it.each([
    ['a 16-digit id', '[1714637320125310] done'],
    ['a 15-digit id without a country code', '[123456789012345] done'],
    ['an IMSI-sized number outside brackets', 'total 310150123456789 bytes'],
  ])('leaves %s alone', (_name, text) => expect(found(bracketedImsiDetector, text)).toEqual([]));
});
