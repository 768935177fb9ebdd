interface IssuerRange {
  from: number;
  to: number;
  /** How many leading digits `from`/`to` describe. */
  prefixLength: number;
  lengths: readonly number[];
}

const range = (from: number, to: number, lengths: readonly number[]): IssuerRange => ({
  from,
  to,
  prefixLength: String(from).length,
  lengths,
});

const SIXTEEN_TO_NINETEEN = [16, 17, 18, 19];

// Published IIN ranges of the networks whose cards show up in logs; a number outside them is
// treated as an ordinary id even when its Luhn digit happens to be right (epoch millis, order ids).
const ISSUER_RANGES: readonly IssuerRange[] = [
  range(4, 4, [13, 16, 19]), // Visa
  range(51, 55, [16]), // Mastercard
  range(2221, 2720, [16]), // Mastercard 2-series
  range(34, 34, [15]), // American Express
  range(37, 37, [15]),
  range(6011, 6011, SIXTEEN_TO_NINETEEN), // Discover
  range(644, 649, SIXTEEN_TO_NINETEEN),
  range(65, 65, SIXTEEN_TO_NINETEEN),
  range(300, 305, [14, 15, 16, 17, 18, 19]), // Diners Club
  range(36, 36, [14, 15, 16, 17, 18, 19]),
  range(38, 39, [14, 15, 16, 17, 18, 19]),
  range(3528, 3589, SIXTEEN_TO_NINETEEN), // JCB
  range(62, 62, SIXTEEN_TO_NINETEEN), // UnionPay
  range(2200, 2204, SIXTEEN_TO_NINETEEN), // Mir
  range(5018, 5018, [13, 14, 15, 16, 17, 18, 19]), // Maestro
  range(5020, 5020, [13, 14, 15, 16, 17, 18, 19]),
  range(5038, 5038, [13, 14, 15, 16, 17, 18, 19]),
  range(5893, 5893, [13, 14, 15, 16, 17, 18, 19]),
  range(6304, 6304, [13, 14, 15, 16, 17, 18, 19]),
  range(6759, 6759, [13, 14, 15, 16, 17, 18, 19]),
  range(6761, 6763, [13, 14, 15, 16, 17, 18, 19]),
];

/** True when the digits start with a known card-network prefix and have a length that network issues. */
export function hasKnownIssuer(digits: string): boolean {
  for (const issuer of ISSUER_RANGES) {
    const prefix = leadingNumber(digits, issuer.prefixLength);
    if (prefix >= issuer.from && prefix <= issuer.to && issuer.lengths.includes(digits.length)) {
      return true;
    }
  }
  return false;
}

/**
 * `Number(digits.slice(0, length))` without the slice (a new short string per issuer tried, for
 * every card candidate): NaN when a character there is not an ASCII digit.
 */
function leadingNumber(digits: string, length: number): number {
  let value = 0;
  const end = Math.min(length, digits.length);
  if (end === 0) return 0;
  for (let i = 0; i < end; i++) {
    const digit = digits.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return Number.NaN;
    value = value * 10 + digit;
  }
  return value;
}
