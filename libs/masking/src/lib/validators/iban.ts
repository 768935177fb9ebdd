// Country code and IBAN length for every country in the SWIFT IBAN registry; a code missing
// here is not an IBAN country.
const IBAN_REGISTRY =
  'AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BI27 BR29 BY28 CH21 CR22 CY28 CZ24 DE22 DJ27 ' +
  'DK18 DO28 EE20 EG29 ES24 FI18 FK18 FO18 FR27 GB22 GE22 GI23 GL18 GR27 GT28 HR21 HU28 IE22 ' +
  'IL23 IQ23 IS26 IT27 JO30 KW30 KZ20 LB28 LC32 LI21 LT20 LU20 LV21 LY25 MC27 MD24 ME22 MK19 ' +
  'MN20 MR27 MT31 MU30 NI28 NL18 NO15 OM23 PK24 PL28 PS29 PT25 QA29 RO24 RS22 RU33 SA24 SC31 ' +
  'SD18 SE24 SI19 SK24 SM27 SO23 ST25 SV28 TL23 TN24 TR26 UA29 VA22 VG24 XK20 YE30';

const IBAN_LENGTHS: ReadonlyMap<string, number> = new Map(
  IBAN_REGISTRY.split(' ').map((entry) => [entry.slice(0, 2), Number(entry.slice(2))]),
);

export function ibanLengthFor(countryCode: string): number | undefined {
  return IBAN_LENGTHS.get(countryCode);
}

/** ISO 13616 check: move the first four characters to the end, read letters as 10..35, mod 97 must be 1. */
export function passesIbanChecksum(compactIban: string): boolean {
  const rearranged = compactIban.slice(4) + compactIban.slice(0, 4);
  let remainder = 0;
  for (let i = 0; i < rearranged.length; i++) {
    const code = rearranged.charCodeAt(i);
    if (code >= 48 && code <= 57) {
      remainder = (remainder * 10 + (code - 48)) % 97;
    } else if (code >= 65 && code <= 90) {
      remainder = (remainder * 100 + (code - 55)) % 97;
    } else {
      return false;
    }
  }
  return remainder === 1;
}

export function isValidIban(compactIban: string): boolean {
  const expectedLength = ibanLengthFor(compactIban.slice(0, 2));
  return expectedLength === compactIban.length && passesIbanChecksum(compactIban);
}
