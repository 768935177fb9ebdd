import { endianness } from 'node:os';

const INITIAL_CAPACITY = 4096;
// Longer texts get a one-off array, so one huge input does not pin a huge buffer for good.
const MAX_RETAINED_CAPACITY = 1 << 20;
// Below this length a plain loop beats the call into Buffer's native UTF-16 writer.
const SHORT_TEXT = 64;

/**
 * A reusable typed-array copy of a string's UTF-16 code units, followed by a 0 sentinel. V8
 * walks a Uint16Array markedly faster than it answers `charCodeAt` (the copy is a native
 * memcpy), and the sentinel lets look-ahead checks stop at the end without bounds tests:
 * 0 is neither a digit, a letter nor any separator the scanner looks for.
 */
export class CodeUnits {
  private units = new Uint16Array(INITIAL_CAPACITY);
  private bytes = Buffer.from(this.units.buffer);
  // Buffer writes UTF-16 little-endian; elsewhere fall back to copying unit by unit.
  private readonly nativeOrder = endianness() === 'LE';

  /** Copies `text` in and returns the array; valid up to `text.length`, where the sentinel sits. */
  load(text: string): Uint16Array {
    const needed = text.length + 1;
    if (needed > MAX_RETAINED_CAPACITY) return this.copy(text, new Uint16Array(needed));
    if (needed > this.units.length) {
      this.units = new Uint16Array(
        Math.min(MAX_RETAINED_CAPACITY, 2 ** Math.ceil(Math.log2(needed))),
      );
      this.bytes = Buffer.from(this.units.buffer);
    }
    return this.copy(text, this.units);
  }

  /** Zeroes what `load` copied, so no line outlives its scan in this buffer. */
  wipe(length: number): void {
    const end = Math.min(length, this.units.length);
    if (end <= SHORT_TEXT) {
      for (let i = 0; i < end; i++) this.units[i] = 0;
    } else {
      this.units.fill(0, 0, end);
    }
  }

  private copy(text: string, units: Uint16Array): Uint16Array {
    if (this.nativeOrder && text.length > SHORT_TEXT) {
      const bytes = units === this.units ? this.bytes : Buffer.from(units.buffer);
      bytes.write(text, 0, 'utf16le');
    } else {
      for (let i = 0; i < text.length; i++) units[i] = text.charCodeAt(i);
    }
    units[text.length] = 0;
    return units;
  }
}
