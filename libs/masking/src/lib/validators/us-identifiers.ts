/**
 * The number ranges of US taxpayer identifiers. An SSN's area is 001–899 except 666, its group
 * 01–99 and its serial 0001–9999 (what the SSA has ever issued); an ITIN's area is 9xx and its
 * group one of 50–65, 70–88, 90–92 or 94–99 (the IRS's published ranges).
 */
export function isSsn(area: number, group: number, serial: number): boolean {
  return area > 0 && area !== 666 && area < 900 && group > 0 && serial > 0;
}

export function isItin(area: number, group: number, serial: number): boolean {
  const groupIssued =
    (group >= 50 && group <= 65) ||
    (group >= 70 && group <= 88) ||
    (group >= 90 && group <= 92) ||
    (group >= 94 && group <= 99);
  return area >= 900 && area <= 999 && groupIssued && serial > 0;
}

/** Nine digits (`987654322`, or its three parts) that are an issued SSN or ITIN. */
export function isTaxpayerNumber(digits: string): boolean {
  if (!/^\d{9}$/.test(digits)) return false;
  const area = Number(digits.slice(0, 3));
  const group = Number(digits.slice(3, 5));
  const serial = Number(digits.slice(5));
  return isSsn(area, group, serial) || isItin(area, group, serial);
}
