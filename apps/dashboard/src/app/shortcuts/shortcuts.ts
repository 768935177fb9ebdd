/** What a key does on the dashboard page. */
export type ShortcutAction = 'close' | 'search' | 'next' | 'previous' | 'open' | 'pause' | 'help';

/** Shown in the `?` dialog and in docs/dashboard.md, in this order. */
export const SHORTCUTS: readonly { keys: string; action: string }[] = [
  { keys: '/', action: 'Search messages' },
  { keys: 'j / k', action: 'Next / previous line' },
  { keys: 'Enter', action: 'Open the line in the detail pane' },
  { keys: '→ / ←', action: 'Show a multi-line message whole / fold it (in the list)' },
  { keys: 'Space', action: 'Pause / resume the live tail' },
  { keys: 'Esc', action: 'Close the detail pane or a dialog' },
  { keys: '?', action: 'Show these shortcuts' },
];

export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  target: EventTarget | null;
}

/** Typing in these must never trigger a shortcut, except Escape to leave them. */
function isTyping(target: EventTarget | null): boolean {
  return within(target, 'input, textarea, select, [contenteditable=""], [contenteditable="true"]');
}

/** Controls that act on Space themselves. */
const SPACE_CONTROLS = 'button, a[href], summary';
/** ... and on Enter, which also opens the list's active line. */
const ENTER_CONTROLS = `${SPACE_CONTROLS}, [role="listbox"], [role="option"]`;

function within(target: EventTarget | null, selector: string): boolean {
  return target instanceof Element && target.closest(selector) !== null;
}

/**
 * The page's action for a key press, or null to leave the key to the browser. Keys with Ctrl,
 * Alt or Meta belong to the browser; Enter and Space on a control activate that control, and
 * Enter in the list opens its active line there.
 */
export function shortcutFor(press: KeyPress): ShortcutAction | null {
  if (press.ctrlKey || press.metaKey || press.altKey) return null;
  if (press.key === 'Escape') return 'close';
  if (isTyping(press.target)) return null;
  switch (press.key) {
    case '/':
      return 'search';
    case 'j':
      return 'next';
    case 'k':
      return 'previous';
    case '?':
      return 'help';
    case 'Enter':
      return within(press.target, ENTER_CONTROLS) ? null : 'open';
    case ' ':
      return within(press.target, SPACE_CONTROLS) ? null : 'pause';
    default:
      return null;
  }
}
