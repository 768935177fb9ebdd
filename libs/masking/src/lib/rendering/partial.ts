const STAR = '*';

function maskDigitsExcept(value: string, keepFrom: number, keepLastDigits: number): string {
  let digitsSeen = 0;
  const totalDigits = value.replace(/\D/g, '').length;
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const char = value.charAt(i);
    if (char >= '0' && char <= '9') {
      digitsSeen++;
      const kept = i < keepFrom || digitsSeen > totalDigits - keepLastDigits;
      out += kept ? char : STAR;
    } else {
      out += char;
    }
  }
  return out;
}

/** `john.doe@example.com` → `j***@example.com`: first character (not code unit) and the domain. */
function partialEmail(value: string): string {
  const plain = value.lastIndexOf('@');
  const at = plain === -1 ? value.lastIndexOf('%40') : plain;
  const first = String.fromCodePoint(value.codePointAt(0) ?? 42);
  return `${first}***${value.slice(at)}`;
}

/** `+44 20 7946 0958` → `+44 ** **** 0958`: country code and last four digits, layout kept. */
function partialPhone(value: string): string {
  let countryCodeEnd = 0;
  if (value.startsWith('+') || value.startsWith('00')) {
    const digitsStart = value.startsWith('+') ? 1 : 2;
    const groupEnd = value.slice(digitsStart).search(/\D/);
    const countryCodeLength = groupEnd === -1 || groupEnd > 3 ? 1 : groupEnd;
    countryCodeEnd = digitsStart + countryCodeLength;
  }
  return maskDigitsExcept(value, countryCodeEnd, 4);
}

/** `4111 1111 1111 1111` → `**** **** **** 1111`. */
function partialCard(value: string): string {
  return maskDigitsExcept(value, 0, 4);
}

/** `123-45-6789` → `***-**-6789`. */
function partialSsn(value: string): string {
  return maskDigitsExcept(value, 0, 4);
}

/** `DE89 3704 0044 0532 0130 00` → `DE** **** **** **** **30 00`: country and last four. */
function partialIban(value: string): string {
  const total = value.replace(/ /g, '').length;
  let seen = 0;
  let out = '';
  for (const char of value) {
    if (char === ' ') {
      out += char;
      continue;
    }
    seen++;
    out += seen <= 2 || seen > total - 4 ? char : STAR;
  }
  return out;
}

/** `203.0.113.42` → `203.0.113.*`: the /24 network. */
function partialIpv4(value: string): string {
  return value.slice(0, value.lastIndexOf('.') + 1) + STAR;
}

/** `2001:db8:85a3::8a2e:370:7334` → `2001:db8:85a3:*`: at most the first three groups (/48). */
function partialIpv6(value: string): string {
  const compressed = value.indexOf('::');
  const head = compressed === -1 ? value : value.slice(0, compressed);
  const groups = head
    .split(':')
    .filter((group) => group !== '')
    .slice(0, 3);
  return groups.length === 0 ? `::${STAR}` : `${groups.join(':')}:${STAR}`;
}

const PARTIAL_RENDERERS: Readonly<Record<string, (value: string) => string>> = {
  EMAIL: partialEmail,
  PHONE: partialPhone,
  CREDIT_CARD: partialCard,
  US_SSN: partialSsn,
  IBAN: partialIban,
  IPV4: partialIpv4,
  IPV6: partialIpv6,
};

/**
 * The debugging-friendly form of a value, or undefined for types that have none: secrets are
 * never partially shown.
 */
export function partialForm(type: string, value: string): string | undefined {
  return PARTIAL_RENDERERS[type]?.(value);
}
