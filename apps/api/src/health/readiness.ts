import { Injectable } from '@nestjs/common';

/**
 * Whether this node should be sent new work. It turns false first when the server shuts
 * down, so `/health` answers 503 while requests already in flight still finish.
 */
@Injectable()
export class Readiness {
  private closing = false;

  get ready(): boolean {
    return !this.closing;
  }

  markClosing(): void {
    this.closing = true;
  }
}
