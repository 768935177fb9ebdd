import { Injectable } from '@angular/core';

@Injectable({ providedIn: 'root' })
export class Clipboard {
  /** Resolves false when the browser refuses (no permission, insecure context). */
  async copy(text: string): Promise<boolean> {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      return false;
    }
  }
}
