import { DOCUMENT } from '@angular/common';
import { InjectionToken, inject } from '@angular/core';

export type NotificationPermissionState = NotificationPermission | 'unsupported';

/** The browser's desktop notifications, behind a token so tests see what would be shown. */
export interface DesktopNotifier {
  permission(): NotificationPermissionState;
  /** Asks the browser for permission; call it from a click (browsers ignore it otherwise). */
  request(): Promise<NotificationPermissionState>;
  /**
   * Shows a notification; one with the same `tag` replaces the last (the operating system keeps
   * one per watch). `clicked` runs when it is clicked, after the tab is focused.
   */
  show(title: string, body: string, tag: string, clicked: () => void): void;
}

export const DESKTOP_NOTIFIER = new InjectionToken<DesktopNotifier>('DESKTOP_NOTIFIER', {
  providedIn: 'root',
  factory: () => browserNotifier(inject(DOCUMENT).defaultView),
});

function browserNotifier(window: (Window & typeof globalThis) | null): DesktopNotifier {
  const Api = window && 'Notification' in window ? window.Notification : null;
  return {
    permission: () => (Api ? Api.permission : 'unsupported'),
    request: async () => (Api ? Api.requestPermission() : 'unsupported'),
    show: (title, body, tag, clicked) => {
      if (Api?.permission !== 'granted') return;
      const notification = new Api(title, { body, tag });
      notification.onclick = () => {
        window?.focus();
        notification.close();
        clicked();
      };
    },
  };
}
