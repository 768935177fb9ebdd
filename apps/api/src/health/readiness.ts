import { Injectable } from '@nestjs/common';

/**
 * Whether this node should be sent new work. It turns false first when the server shuts
 * down, so `/health` answers 503 while requests already in flight still finish.
 */
@Injectable()
export class Readiness {
  private closing = false;
  private readonly closingListeners: (() => void)[] = [];

  get ready(): boolean {
    return !this.closing;
  }

  markClosing(): void {
    if (this.closing) return;
    this.closing = true;
    for (const listener of this.closingListeners) listener();
  }

  /** Long-lived requests (ingest streams) end themselves here, so the drain need not cut them. */
  onClosing(listener: () => void): void {
    this.closingListeners.push(listener);
  }
}
