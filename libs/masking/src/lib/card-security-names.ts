/**
 * Names of a card's security code, as a key (`"cvv":`) and as a keyword in running text
 * (`CVN: 921`): the card networks' own (CVV, CVC, CSC, CVN, Discover's CVD, JCB's CAV2) and the
 * payment gateways' (`cardCode`, card verification value/code/number). Lower case, without
 * separators, as both matchers compare.
 */
export const CARD_SECURITY_NAMES: readonly string[] = [
  'cvv',
  'cvv2',
  'cvc',
  'cvc2',
  'csc',
  'cvn',
  'cvd',
  'cav2',
  'cardcode',
  'cardverificationvalue',
  'cardverificationcode',
  'cardverificationnumber',
  'securitycode',
];
