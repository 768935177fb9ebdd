import { DOCUMENT } from '@angular/common';
import { Injectable, inject } from '@angular/core';

/**
 * Saves text as a file through a `blob:` link with `download`: a navigation, not a script, so it
 * works under the server's Content Security Policy, and the text never leaves the tab.
 */
@Injectable({ providedIn: 'root' })
export class FileDownload {
  private readonly document = inject(DOCUMENT);

  save(name: string, text: string, type: string): void {
    const url = URL.createObjectURL(new Blob([text], { type }));
    const link = this.document.createElement('a');
    link.href = url;
    link.download = name;
    link.hidden = true;
    this.document.body.append(link);
    link.click();
    link.remove();
    // The click has started the download; the URL only needs to outlive this task.
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }
}
