/** A complete line of the stream, or the mark of one that was longer than allowed. */
export type SplitLine = { text: string } | { tooLong: true };

const NEWLINE = 0x0a;

/**
 * Cuts a byte stream into lines as the bytes arrive. A line is held only up to `maxLineBytes`:
 * past that its bytes are dropped as they come and the line is reported as too long once its
 * newline arrives, so one endless line costs no more memory than one allowed line. Lines are
 * decoded only once complete, so a UTF-8 character split across chunks stays whole.
 */
export class NdjsonSplitter {
  private held: Buffer[] = [];
  private heldBytes = 0;
  private overflowing = false;

  constructor(private readonly maxLineBytes: number) {}

  push(chunk: Buffer): SplitLine[] {
    const lines: SplitLine[] = [];
    let from = 0;
    for (;;) {
      const newline = chunk.indexOf(NEWLINE, from);
      if (newline < 0) {
        this.hold(chunk.subarray(from));
        return lines;
      }
      if (this.heldBytes === 0 && !this.overflowing) {
        // The whole line is in this chunk (the common case): decoded where it lies, without
        // the view, the copy and the concatenation a line split across chunks needs.
        lines.push(
          newline - from > this.maxLineBytes
            ? { tooLong: true }
            : { text: chunk.toString('utf8', from, newline) },
        );
      } else {
        this.hold(chunk.subarray(from, newline));
        lines.push(this.take());
      }
      from = newline + 1;
    }
  }

  /** The last line, when the stream ended without a newline after it. */
  end(): SplitLine[] {
    return this.heldBytes > 0 || this.overflowing ? [this.take()] : [];
  }

  private hold(part: Buffer): void {
    if (part.length === 0 || this.overflowing) return;
    if (this.heldBytes + part.length > this.maxLineBytes) {
      this.overflowing = true;
      this.held = [];
      this.heldBytes = 0;
      return;
    }
    // Copied, so a short tail held until the next chunk does not keep its whole chunk alive.
    this.held.push(Buffer.from(part));
    this.heldBytes += part.length;
  }

  private take(): SplitLine {
    const line: SplitLine = this.overflowing
      ? { tooLong: true }
      : { text: Buffer.concat(this.held, this.heldBytes).toString('utf8') };
    this.held = [];
    this.heldBytes = 0;
    this.overflowing = false;
    return line;
  }
}
