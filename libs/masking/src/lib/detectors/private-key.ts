import type { Detector } from '../detector';
import { Trigger } from '../triggers';

const HEADER = /-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----/y;
const MARKER = '-----';

/**
 * Masks from the BEGIN line to the matching END line. A block with no END (a truncated line,
 * a key split over several log lines) is masked to the end of the text rather than left open.
 */
export const privateKeyDetector: Detector = {
  types: ['PRIVATE_KEY'],
  trigger: Trigger.PEM_HEADER,
  find(text, emit) {
    let from = 0;
    for (
      let begin = text.indexOf('-----BEGIN', from);
      begin !== -1;
      begin = text.indexOf('-----BEGIN', from)
    ) {
      HEADER.lastIndex = begin;
      if (!HEADER.test(text)) {
        from = begin + 1;
        continue;
      }
      const endLine = text.indexOf('-----END', HEADER.lastIndex);
      const endMarker = endLine === -1 ? -1 : text.indexOf(MARKER, endLine + MARKER.length + 3);
      const end = endMarker === -1 ? text.length : endMarker + MARKER.length;
      emit('PRIVATE_KEY', begin, end);
      from = end;
    }
  },
};
