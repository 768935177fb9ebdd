/**
 * The largest frame taken, in bytes. RFC 5425 asks receivers for at least 2 KiB and allows more;
 * 64 KiB covers every common sender's default, and bounds what one connection can make us hold.
 */
export const MAX_FRAME_BYTES = 64 * 1024;

/** Digits of an octet count: six cover MAX_FRAME_BYTES and beyond. */
const MAX_COUNT_DIGITS = 7;
const LF = 0x0a;
const NUL = 0x00;
const SPACE = 0x20;

export interface Frames {
  frames: Buffer[];
  /** Frames refused whole (too long, or a count that is not one). */
  rejected: number;
}

/**
 * Splits a TCP stream into syslog frames (RFC 6587): each frame is either octet-counted
 * (`LEN SP MSG`, when it starts with a digit) or ends at LF (or NUL), so one connection may mix
 * both. Holds at most one frame; an oversized one is skipped and counted, never buffered.
 */
export class SyslogFramer {
  /** An incomplete frame, as received; joined only once it can complete. */
  private pending: Buffer[] = [];
  private held = 0;
  /** What the incomplete frame waits for: a line end, or this many bytes held in all. */
  private awaiting: 'line' | number = 0;
  /** Bytes still to throw away: the rest of an oversized octet-counted frame. */
  private skipping = 0;
  /** Throwing away up to the next LF: the rest of an oversized line. */
  private skippingLine = false;

  push(chunk: Buffer): Frames {
    const result: Frames = { frames: [], rejected: 0 };
    // A frame arriving in many small pieces is joined once, not once per piece.
    if (this.held > 0 && this.stillAwaiting(chunk)) {
      this.pending.push(chunk);
      this.held += chunk.length;
      return result;
    }
    let data = this.held === 0 ? chunk : Buffer.concat([...this.pending, chunk]);
    for (;;) {
      if (this.skipping > 0) {
        const dropped = Math.min(this.skipping, data.length);
        this.skipping -= dropped;
        data = data.subarray(dropped);
      }
      if (this.skippingLine) {
        const end = lineEnd(data);
        if (end < 0) {
          data = data.subarray(data.length);
        } else {
          this.skippingLine = false;
          data = data.subarray(end + 1);
        }
      }
      if (data.length === 0 || this.skipping > 0 || this.skippingLine) break;
      const taken = isDigit(data[0])
        ? this.octetCounted(data, result)
        : this.lineFramed(data, result);
      if (taken === 0) break;
      data = data.subarray(taken);
    }
    this.pending = data.length === 0 ? [] : [Buffer.from(data)];
    this.held = data.length;
    return result;
  }

  private stillAwaiting(chunk: Buffer): boolean {
    const held = this.held + chunk.length;
    if (this.awaiting === 'line') return held <= MAX_FRAME_BYTES && lineEnd(chunk) < 0;
    return held < this.awaiting;
  }

  /** Bytes consumed from `data` (0: wait for more). */
  private octetCounted(data: Buffer, result: Frames): number {
    let space = 0;
    while (space < data.length && space < MAX_COUNT_DIGITS && isDigit(data[space])) space += 1;
    if (space === data.length) {
      this.awaiting = data.length + 1;
      return 0;
    }
    if (data[space] !== SPACE) {
      result.rejected += 1;
      this.skippingLine = true;
      return space;
    }
    const length = Number(data.subarray(0, space).toString('latin1'));
    const start = space + 1;
    if (length > MAX_FRAME_BYTES) {
      result.rejected += 1;
      this.skipping = length;
      return start;
    }
    if (data.length < start + length) {
      this.awaiting = start + length;
      return 0;
    }
    if (length > 0) result.frames.push(data.subarray(start, start + length));
    return start + length;
  }

  private lineFramed(data: Buffer, result: Frames): number {
    const end = lineEnd(data);
    if (end < 0) {
      if (data.length > MAX_FRAME_BYTES) {
        result.rejected += 1;
        this.skippingLine = true;
        return data.length;
      }
      this.awaiting = 'line';
      return 0;
    }
    const frame = data.subarray(0, end > 0 && data[end - 1] === 0x0d ? end - 1 : end);
    if (end > MAX_FRAME_BYTES) result.rejected += 1;
    else if (frame.length > 0) result.frames.push(frame);
    return end + 1;
  }
}

function lineEnd(data: Buffer): number {
  const lf = data.indexOf(LF);
  const nul = data.indexOf(NUL);
  if (lf < 0) return nul;
  return nul < 0 ? lf : Math.min(lf, nul);
}

function isDigit(byte: number): boolean {
  return byte >= 0x30 && byte <= 0x39;
}
