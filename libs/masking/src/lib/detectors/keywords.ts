import { CARD_SECURITY_NAMES } from '../card-security-names';

/**
 * The keywords that introduce an identifier in free text (`SSN 123 45 6789`, `IMSI=310150…`,
 * `cvv: 123`), by the type of what follows. Keys are matched lower-cased with `_`, `-`, `.` and
 * single spaces removed, on the last one, two or three words before the value, so
 * `national_identification_number`, `National Insurance number` and `codice fiscale` all match.
 */
export type KeywordType =
  | 'US_SSN'
  | 'NATIONAL_ID'
  | 'SUBSCRIBER_ID'
  | 'PHONE'
  | 'CARD_SECURITY'
  | 'ONE_TIME_CODE'
  | 'PIN';

export const KEYWORDS: Readonly<Record<KeywordType, readonly string[]>> = {
  US_SSN: ['ssn', 'socialsecuritynumber', 'socialsecurityno'],
  NATIONAL_ID: [
    'itin',
    'taxid',
    'tin',
    'sin',
    'nino',
    'nationalinsurancenumber',
    'nationalinsuranceno',
    'nationalid',
    'nationalidnumber',
    'nationalidentificationnumber',
    'personnummer',
    'personalnumber',
    'personalidnumber',
    'cpf',
    'dni',
    'nie',
    'nif',
    'aadhaar',
    'aadhar',
    'codicefiscale',
    'passportno',
    'passportnumber',
    'bsn',
    'pesel',
    // Other countries' names for their national, tax and health numbers, chosen distinct from
    // log words (not `pan`, `rut`, `nir`, `pps`): Singapore, Hong Kong, Malaysia, Mexico,
    // Argentina, Finland, Norway, Germany, Turkey, the former Yugoslavia, Australia, the UK's NHS,
    // France, Switzerland, Austria, Belgium, Latin America's cédula.
    'nric',
    'hkid',
    'mykad',
    'curp',
    'cuit',
    'cuil',
    'hetu',
    'fodselsnummer',
    'steuerid',
    'steueridnummer',
    'tckimlikno',
    'tckn',
    'kimlikno',
    'jmbg',
    'emso',
    'tfn',
    'nhsnumber',
    'nhsno',
    'medicarenumber',
    'insee',
    'ahv',
    'ahvnummer',
    'sozialversicherungsnummer',
    'svnr',
    'rijksregisternummer',
    'cedula',
  ],
  SUBSCRIBER_ID: [
    'imsi',
    'iccid',
    'imei',
    'imeisv',
    'meid',
    'subscriberid',
    'simserial',
    'deviceid',
  ],
  PHONE: [
    'msisdn',
    'mobile',
    'mobilenumber',
    'phonenumber',
    'phone',
    'tel',
    'telephone',
    // SMS gateways and SMPP: the number a message goes to or comes from.
    'destinationaddr',
    'sourceaddr',
    'src',
    'subscriber',
  ],
  CARD_SECURITY: [...CARD_SECURITY_NAMES, 'cardsecuritycode', 'codeontheback'],
  // `Your code is 660913`, `PIN reset code: 448102`: only a six-to-eight-digit value, so
  // `exit code 137` and `status code 404` stay readable.
  ONE_TIME_CODE: ['code', 'passcode'],
  // `PIN is 4471`, `voucher 9927749915`: four digits or more.
  PIN: ['pin', 'pincode', 'voucher'],
};

function isLetterCode(code: number): boolean {
  return code >= 97 && code <= 122;
}

interface TrieNode {
  /** Indexed by lower-case code minus 48 (`0`…`z`). */
  next: (TrieNode | undefined)[];
  type: KeywordType | undefined;
}

const emptyNode = (): TrieNode => ({ next: new Array(75).fill(undefined), type: undefined });

/** Keywords reversed, so a look-back from a value usually gives up after one character. */
const REVERSED = emptyNode();
const lastCharacters: number[] = [];
for (const [type, words] of Object.entries(KEYWORDS) as [KeywordType, readonly string[]][]) {
  for (const word of words) {
    lastCharacters.push(word.charCodeAt(word.length - 1));
    let node = REVERSED;
    for (let i = word.length - 1; i >= 0; i--) {
      const code = word.charCodeAt(i) - 48;
      let next = node.next[code];
      if (next === undefined) {
        next = emptyNode();
        node.next[code] = next;
      }
      node = next;
    }
    node.type = type;
  }
}

const step = (node: TrieNode, code: number): TrieNode | undefined => node.next[code - 48];

// Characters a keyword (or a linking verb) can end with, in either case: the first test of
// every look-back, and the only one most digits in a log line ever get.
const LAST_CHARACTERS = new Uint8Array(65536);
for (const code of [...lastCharacters, 115, 101]) {
  LAST_CHARACTERS[code] = 1;
  if (isLetterCode(code)) LAST_CHARACTERS[code - 32] = 1;
}

/** Whether a keyword (or a linking verb before a value) can end with this character. */
export function mayEndKeyword(code: number): boolean {
  return code < 65536 && LAST_CHARACTERS[code] === 1;
}

// Longest keyword phrase we look back over (`national identification number`, plus slack).
const MAX_PHRASE = 40;
const MAX_SEPARATORS = 4;
// A value such as `QQ123456C` or `RSSMRA85T10A562S` starts with letters before its first digit.
const MAX_VALUE_PREFIX = 8;

const FREE_TEXT_ONLY = new Set(['destinationaddr', 'sourceaddr', 'src', 'subscriber']);

const isDigit = (code: number): boolean => code >= 48 && code <= 57;
const isLetter = (code: number): boolean => (code | 32) >= 97 && (code | 32) <= 122;
const isUpper = (code: number): boolean => code >= 65 && code <= 90;

// Between a keyword and its value: `: `, `=`, `"`, `'`, `#`, `>`, `[`, `-` (`imsi-…`), `\\`
// (escaped JSON), blanks and a form-encoded space (`+`, `text=Your+code+is+204816`).
const KEYWORD_SEPARATORS = new Uint8Array(65536);
for (const char of ' \t:="\'#>[-\\+') KEYWORD_SEPARATORS[char.charCodeAt(0)] = 1;

/** Whether `code` may sit between a keyword and its value (a table read: it runs per digit run). */
export function isKeywordSeparator(code: number): boolean {
  return KEYWORD_SEPARATORS[code] === 1;
}

const LINKING_VERBS = ['is', 'was', 'are', 'were'];

const lower = (code: number): number => (isLetter(code) ? code | 32 : code);

const isJoiner = (code: number): boolean =>
  code === 95 || code === 46 || code === 45 || code === 32;

/**
 * Whether `keywordTypeAt`'s look-back can get past its second step from a word ending with
 * `last` after `before` (ASCII, either case; 0 for anything else before): a keyword ends so, a
 * joiner or a one-letter keyword leaves it open, or they end a linking verb (`is`, `was`,
 * `are`/`were`). Computed from the trie itself, so it follows the keyword list.
 */
function pairMayEndKeyword(last: number, before: number): boolean {
  if (LAST_CHARACTERS[last] !== 1) return false;
  const lastLower = lower(last);
  const beforeLower = lower(before);
  if (lastLower === 115 && (beforeLower === 105 || beforeLower === 97)) return true;
  if (lastLower === 101 && beforeLower === 114) return true;
  const node = isLetter(last) || isDigit(last) ? step(REVERSED, lastLower) : undefined;
  if (node === undefined) return false;
  if (node.type !== undefined || isJoiner(before)) return true;
  return (isLetter(before) || isDigit(before)) && step(node, beforeLower) !== undefined;
}

const ASCII = 128;
const KEYWORD_END_PAIRS = new Uint8Array(ASCII * ASCII);
for (let last = 0; last < ASCII; last++) {
  for (let before = 0; before < ASCII; before++) {
    KEYWORD_END_PAIRS[last * ASCII + before] = pairMayEndKeyword(last, before) ? 1 : 0;
  }
}

/**
 * The table form of `pairMayEndKeyword`, for the trigger scan's look-back at digit runs: most
 * words before a number (`bytes=`, `"durationMs":`) end with a pair no keyword ends with.
 */
export function mayEndKeywordPair(last: number, before: number): boolean {
  if (last >= ASCII) return false;
  return KEYWORD_END_PAIRS[last * ASCII + (before < ASCII ? before : 0)] === 1;
}

/** Whether a keyword ends with the digit `last` after `before` (`cvv2`, `CVC2`). */
export function mayEndKeywordWithDigit(last: number, before: number): boolean {
  if (!isDigit(last) || !isLetter(before)) return false;
  const node = step(REVERSED, last);
  return node !== undefined && step(node, lower(before)) !== undefined;
}

/**
 * `the CVV2 is 737`, `IMEI was 4901…`: where the words end when a linking verb (`is`, `was`,
 * `are`, `were`) sits between them and the value.
 */
function skipLinkingVerb(text: string, end: number): number {
  const last = lower(text.charCodeAt(end - 1));
  if (last !== 115 && last !== 101) return end;
  for (const verb of LINKING_VERBS) {
    const start = end - verb.length;
    const gap = text.charCodeAt(start - 1);
    if (start < 1 || (gap !== 32 && gap !== 43)) continue;
    let same = true;
    for (let i = 0; i < verb.length && same; i++) {
      same = lower(text.charCodeAt(start + i)) === verb.charCodeAt(i);
    }
    if (same) return start - 1;
  }
  return end;
}

/**
 * The type of the keyword that ends before the separators in front of `valueStart`, or undefined.
 * Walks back through the reversed keyword trie, skipping `_`, `.`, `-` and single spaces between
 * words; a match must start at a word boundary, so `lessn` is not `ssn`. Bounded by MAX_PHRASE.
 */
export function keywordTypeAt(text: string, valueStart: number): KeywordType | undefined {
  let end = valueStart;
  const floor = Math.max(0, valueStart - MAX_SEPARATORS);
  while (end > floor && isKeywordSeparator(text.charCodeAt(end - 1))) end--;
  if (end === valueStart || LAST_CHARACTERS[text.charCodeAt(end - 1)] !== 1) return undefined;
  end = skipLinkingVerb(text, end);
  return walkKeyword(text, end - 1, Math.max(0, end - MAX_PHRASE), REVERSED, true);
}

/**
 * Walks the reversed trie from `from` leftwards to `limit`; the type of the keyword that ends at
 * a word boundary. With `goOn`, a match followed by a joiner may be part of a longer keyword
 * (`tax_id`, `National Insurance number`), which wins when there is one.
 */
function walkKeyword(
  text: string,
  from: number,
  limit: number,
  start: TrieNode,
  goOn: boolean,
): KeywordType | undefined {
  let node = start;
  for (let i = from; i >= limit; i--) {
    const code = text.charCodeAt(i);
    if (isLetter(code) || isDigit(code)) {
      const next = step(node, lower(code));
      if (next === undefined) return undefined;
      node = next;
      const before = text.charCodeAt(i - 1);
      if (node.type !== undefined && !isLetter(before) && !isDigit(before)) {
        if (!goOn || !isJoiner(before)) return node.type;
        return walkKeyword(text, i - 2, limit, node, false) ?? node.type;
      }
      continue;
    }
    if (!isJoiner(code) || !isLetter(text.charCodeAt(i - 1))) return undefined;
  }
  return undefined;
}

/** The keyword and where its value starts, for a value holding the digit at `digit`. */
export function keywordValueAt(
  text: string,
  digit: number,
): { type: KeywordType; start: number } | undefined {
  if (text.charCodeAt(digit - 1) === 43) {
    const type = keywordTypeAt(text, digit - 1);
    if (type !== undefined) return { type, start: digit - 1 };
  }
  const start = valueStartBefore(text, digit);
  const type = keywordTypeAt(text, start);
  if (type !== undefined) return { type, start };
  const plain = start === digit ? undefined : keywordTypeAt(text, digit);
  return plain && { type: plain, start: digit };
}

/** The cheap necessary condition the trigger scan uses. */
export function keywordTypeBefore(text: string, digit: number): KeywordType | undefined {
  return keywordValueAt(text, digit)?.type;
}

/**
 * Where a value holding the digit at `digit` may start: at the letters glued before it
 * (`QQ123456C`), or at a short upper-case group one space before it (`QQ 12 34 56 C`).
 */
export function valueStartBefore(text: string, digit: number): number {
  let start = digit;
  const floor = Math.max(0, digit - MAX_VALUE_PREFIX);
  while (start > floor && isUpper(text.charCodeAt(start - 1))) start--;
  if (start === digit && text.charCodeAt(digit - 1) === 32) {
    let letters = digit - 1;
    while (letters > digit - 4 && isUpper(text.charCodeAt(letters - 1))) letters--;
    if (letters < digit - 1 && isKeywordSeparator(text.charCodeAt(letters - 1))) return letters;
  }
  return start;
}

/** The keyword type of a whole field name (`msisdn`, `national_id`, `Cvc`), or undefined. */
export function keywordTypeOfName(name: string): KeywordType | undefined {
  const text = ` ${name}=`;
  const type = keywordTypeAt(text, text.length);
  // `<code>` is an HTML element and `<src>` no phone; a field named `pin` is the key families'
  // business. These words introduce values in running text only.
  if (type === 'ONE_TIME_CODE' || type === 'PIN') return undefined;
  return FREE_TEXT_ONLY.has(name.toLowerCase().replace(/[_.-]/g, '')) ? undefined : type;
}
