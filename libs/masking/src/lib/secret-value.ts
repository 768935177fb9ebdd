/**
 * Precision rules for values under sensitive keys: what looks like an assignment of a secret
 * but holds none. Each rule keeps evidence a reader needs (which setting is empty, where a
 * secret comes from) and none of them can hold a real credential.
 */

// Anchored alternatives, tested against the trimmed value.
const PLACEHOLDER_VALUES = [
  // Nothing, or a flag: `password=null`, `MYSQL_ALLOW_EMPTY_PASSWORD=no`.
  'null|nil|none|undefined|true|false|yes|no|on|off',
  // Masked upstream: `***`, `****4242`, `Bearer ****`, `[REDACTED]`, `<hidden>`.
  '\\*+',
  '\\*{2,}[0-9A-Za-z]{1,4}',
  '(?:bearer|basic|token)[ \\t]+\\*+',
  '\\[(?:redacted|filtered|masked|hidden)\\]',
  '<[^<>]{0,60}>',
  // Bind parameters and format verbs: `password = ?`, `$1`, `%s`, `%(password)s`.
  '\\?',
  '\\$\\d{1,3}',
  '%s',
  '%\\([\\w.]{1,64}\\)s',
  // References to where the secret lives: `${DB_PASSWORD}`, `$(cat …)`, `${{ secrets.X }}`,
  // `{{ vault_x }}`, `$DB_PASSWORD`, Jasypt's `ENC(…)`, Ansible's `!vault`.
  '\\$\\{[^}]*\\}?',
  '\\$\\(.*',
  '\\{\\{.*\\}\\}',
  'ENC\\(.*',
  '!vault\\b.*',
  // Relative and home paths: `--from-file=token=./token.txt`.
  '(?:\\.{1,2}|~)/\\S*',
];
const PLACEHOLDER = new RegExp(`^(?:${PLACEHOLDER_VALUES.join('|')})$`, 'i');
// Shells spell variables in capitals; `$ecret` is a password, `$DB_PASSWORD` a reference.
const VARIABLE_REFERENCE = /^\$[A-Z_][A-Z0-9_]{0,63}$/;

/**
 * English words that follow a key in prose or usage text, never as its value:
 * `--password via the CLI`, `--password used; prefer --password-file`.
 */
const PROSE_WORD =
  /^(?:via|used|is|was|are|were|will|must|should|can|from|for|to|in|on|with|without|and|or|not|flag|option|argument|parameter|required|missing|changed|updated|reset|expired|field|file)$/i;

/** True when `value` (trimmed) can hold a secret: not empty, not a placeholder, not prose. */
export function canHoldSecret(value: string, digitsOnly: boolean): boolean {
  if (value === '' || PLACEHOLDER.test(value) || VARIABLE_REFERENCE.test(value)) return false;
  if (PROSE_WORD.test(value.replace(/[;,.]$/, ''))) return false;
  return !digitsOnly || /[0-9]/.test(value);
}

/**
 * `passwd: password updated successfully`: a one-word value of letters only, followed on the
 * same line by more words, is a log message after a program name, not a value.
 */
export function isProseAfter(text: string, start: number, end: number): boolean {
  if (!/^[A-Za-z]+$/.test(text.slice(start, end))) return false;
  return /^[ \t]+[A-Za-z]+(?:[ \t]|$)/.test(text.slice(end, end + 40));
}

/**
 * Shell variables named like passwords that hold a directory: `PWD=/srv/app` is the working
 * directory, while an ODBC `PWD=Odbc-R3port` is a password. Matched case-sensitively, as
 * shells spell them, and only with an absolute path as the value.
 */
const SHELL_DIRECTORY_VARIABLES: readonly string[] = ['PWD', 'OLDPWD'];
const ABSOLUTE_PATH = /^(?:[/~]|[A-Za-z]:\\)/;

export function isShellDirectory(key: string, value: string): boolean {
  return SHELL_DIRECTORY_VARIABLES.includes(key) && ABSOLUTE_PATH.test(value);
}
