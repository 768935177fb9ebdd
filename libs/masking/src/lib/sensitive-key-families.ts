import { CARD_SECURITY_NAMES } from './card-security-names';

/**
 * The built-in sensitive key names, by family. A key is sensitive when its LAST word is one of
 * these names (`db_password`, `smtpPass`, `X-Api-Key`), so a name that merely starts a longer key
 * (`password_policy`, `token_type`, `max_tokens`) stays readable. Matching ignores case and the
 * separators `_`, `-`, `.`.
 */

/**
 * How a name must sit at the end of a key:
 * - `suffix`: anywhere at the end, glued or not (`dbpassword`, `requirepass`);
 * - `word`: as its own word, after a separator, a lower-to-upper case change or at the key start
 *   (`card_pin`, `userPin`, but not `spin`; `tel` but not `hotel`);
 * - `whole`: the whole key (`auth`, `sid`).
 */
export type NameBoundary = 'suffix' | 'word' | 'whole';

export interface KeyFamily {
  /** Mask types in order of preference; the first one the masker knows is used. */
  types: readonly string[];
  names: readonly string[];
  boundary: NameBoundary;
  /** Personal numbers: a value is only masked when it holds a digit (`phone: "n/a"` stays). */
  digitsOnly: boolean;
}

export const KEY_FAMILIES: readonly KeyFamily[] = Object.freeze([
  {
    types: ['PASSWORD'],
    names: ['password', 'passwd', 'passphrase', 'passcode', 'pwd', 'pass', 'pw'],
    boundary: 'suffix',
    digitsOnly: false,
  },
  {
    types: ['SECRET'],
    names: [
      'secret',
      'token',
      'apikey',
      'privatekey',
      'secretkey',
      'accesskey',
      'signingkey',
      'encryptionkey',
      'masterkey',
      'credential',
      'credentials',
      'sessionid',
      'sessid',
      'cookie',
      'authorization',
      'authtok',
      'appkey',
      'accountkey',
      'transactionkey',
      'signature',
      'csrf',
      'xsrf',
      'nonce',
      'secretkeybase',
      'dockerconfigjson',
      'dockercfg',
    ],
    boundary: 'suffix',
    digitsOnly: false,
  },
  { types: ['SECRET'], names: ['otp', 'totp'], boundary: 'word', digitsOnly: false },
  { types: ['SECRET'], names: ['auth', 'sid'], boundary: 'whole', digitsOnly: false },
  {
    types: ['PHONE'],
    names: [
      'phone',
      'mobile',
      'msisdn',
      'tel',
      'telephone',
      'phonenumber',
      'mobilenumber',
      'telephonenumber',
      'cellphone',
    ],
    boundary: 'word',
    digitsOnly: true,
  },
  {
    types: ['CREDIT_CARD'],
    names: ['card', 'cardnumber', 'cardno', 'pan', 'ccnumber', 'creditcard', 'creditcardnumber'],
    boundary: 'word',
    digitsOnly: true,
  },
  {
    types: ['CARD_SECURITY', 'SECRET'],
    names: [...CARD_SECURITY_NAMES, 'pin', 'pincode'],
    boundary: 'word',
    digitsOnly: true,
  },
  { types: ['IBAN'], names: ['iban'], boundary: 'word', digitsOnly: true },
  { types: ['US_SSN'], names: ['ssn', 'socialsecuritynumber'], boundary: 'word', digitsOnly: true },
  {
    types: ['NATIONAL_ID', 'SECRET'],
    names: ['nationalid', 'nin', 'taxid', 'taxnumber', 'nationalinsurancenumber'],
    boundary: 'word',
    digitsOnly: true,
  },
]);

/**
 * Letters before a glued `pass` that make an ordinary word of it (`bypass`, `compass`): these
 * keys are not passwords. `db_bypass` still is not; `DB_PASS` and `smtpPass` are.
 */
export const NOT_A_PASSWORD_BEFORE_PASS: readonly string[] = Object.freeze([
  'by',
  'com',
  'sur',
  'tres',
  'over',
  'under',
  'im',
]);

/**
 * Keys whose last word is sensitive but which name public identifiers: pagination cursors
 * (`pageToken`, `nextPageToken`) and .NET's strong-name `PublicKeyToken`. Compared normalised.
 */
export const PUBLIC_KEY_NAMES: readonly string[] = Object.freeze([
  'pagetoken',
  'nextpagetoken',
  'continuationtoken',
  'publickeytoken',
]);
