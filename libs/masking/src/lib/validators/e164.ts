/**
 * Country calling codes assigned by the ITU (E.164 Annex, 2024), including the shared and
 * non-geographic ones (`800`, `870`, `881`–`883`). A digit string is an international number
 * when it starts with one of these and has a plausible length after it, so `447700900812` (UK)
 * and `46701740612` (Sweden) pass while `1714672920` (a Unix time) and `4294967295` do not.
 */
const COUNTRY_CODES: ReadonlySet<string> = new Set(
  [
    '1 7 20 27 30 31 32 33 34 36 39 40 41 43 44 45 46 47 48 49 51 52 53 54 55 56 57 58 60 61',
    '62 63 64 65 66 81 82 84 86 90 91 92 93 94 95 98 211 212 213 216 218 220 221 222 223 224',
    '225 226 227 228 229 230 231 232 233 234 235 236 237 238 239 240 241 242 243 244 245 246',
    '247 248 249 250 251 252 253 254 255 256 257 258 260 261 262 263 264 265 266 267 268 269',
    '290 291 297 298 299 350 351 352 353 354 355 356 357 358 359 370 371 372 373 374 375 376',
    '377 378 380 381 382 383 385 386 387 389 420 421 423 500 501 502 503 504 505 506 507 508',
    '509 590 591 592 593 594 595 596 597 598 599 670 672 673 674 675 676 677 678 679 680 681',
    '682 683 685 686 687 688 689 690 691 692 800 808 850 852 853 855 856 870 878 880 881 882',
    '883 886 888 960 961 962 963 964 965 966 967 968 970 971 972 973 974 975 976 977 979 992',
    '993 994 995 996 998',
  ]
    .join(' ')
    .split(' '),
);

// E.164 allows 15 digits in all; national significant numbers are at least 7 digits long in
// practice (the shortest, in small island states, are 7).
const MAX_DIGITS = 15;
const MIN_NATIONAL = 7;

/** A North American number without its `1`: area code and exchange both start with 2–9. */
export function isNanpNationalNumber(digits: string): boolean {
  return /^[2-9]\d{2}[2-9]\d{6}$/.test(digits);
}

/**
 * Whether `digits` (digits only, no `+`) reads as an international number once a `+` is put in
 * front: a known country code, then a national number of a plausible length. North America
 * (`1`) and Russia/Kazakhstan (`7`) have fixed-length plans and are checked exactly.
 */
export function isE164WithoutPlus(digits: string): boolean {
  if (!/^\d+$/.test(digits) || digits.length > MAX_DIGITS || digits.length < 10) return false;
  if (digits.startsWith('1')) return digits.length === 11 && isNanpNationalNumber(digits.slice(1));
  if (digits.startsWith('7')) return digits.length === 11;
  for (let length = 2; length <= 3; length++) {
    const code = digits.slice(0, length);
    if (COUNTRY_CODES.has(code)) return digits.length - length >= MIN_NATIONAL;
  }
  return false;
}
