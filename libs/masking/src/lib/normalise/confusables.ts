/**
 * Cyrillic and Greek letters drawn like Latin ones, folded to the Latin letter in the detection
 * copy so `pаssword` (with U+0430) is still a sensitive key. A small, hand-picked subset of
 * Unicode's confusables list (UTS #39): the letters that look identical in common fonts, plus the
 * dotless `ı`. One code unit to one code unit, so offsets need no map.
 */
const PAIRS: readonly (readonly [string, string])[] = [
  // Cyrillic lower case
  ['а', 'a'],
  ['в', 'b'],
  ['е', 'e'],
  ['к', 'k'],
  ['м', 'm'],
  ['н', 'h'],
  ['о', 'o'],
  ['р', 'p'],
  ['с', 'c'],
  ['т', 't'],
  ['у', 'y'],
  ['х', 'x'],
  ['і', 'i'],
  ['ј', 'j'],
  ['ѕ', 's'],
  ['ԁ', 'd'],
  ['ԛ', 'q'],
  ['ԝ', 'w'],
  ['ɡ', 'g'],
  // Cyrillic upper case
  ['А', 'A'],
  ['В', 'B'],
  ['Е', 'E'],
  ['К', 'K'],
  ['М', 'M'],
  ['Н', 'H'],
  ['О', 'O'],
  ['Р', 'P'],
  ['С', 'C'],
  ['Т', 'T'],
  ['У', 'Y'],
  ['Х', 'X'],
  ['І', 'I'],
  ['Ј', 'J'],
  ['Ѕ', 'S'],
  // Greek
  ['α', 'a'],
  ['ο', 'o'],
  ['ρ', 'p'],
  ['ν', 'v'],
  ['ι', 'i'],
  ['κ', 'k'],
  ['υ', 'u'],
  ['Α', 'A'],
  ['Β', 'B'],
  ['Ε', 'E'],
  ['Ζ', 'Z'],
  ['Η', 'H'],
  ['Ι', 'I'],
  ['Κ', 'K'],
  ['Μ', 'M'],
  ['Ν', 'N'],
  ['Ο', 'O'],
  ['Ρ', 'P'],
  ['Τ', 'T'],
  ['Υ', 'Y'],
  ['Χ', 'X'],
  // Latin dotless i
  ['ı', 'i'],
];

const FOLD = new Map<number, number>(
  PAIRS.map(([from, to]) => [from.charCodeAt(0), to.charCodeAt(0)]),
);

/** The Latin letter `code` is drawn like, or `code` itself. */
export function foldConfusable(code: number): number {
  return code < 0x80 ? code : (FOLD.get(code) ?? code);
}

/** Every confusable in the table, for the README and specs. */
export const CONFUSABLE_PAIRS = PAIRS;
