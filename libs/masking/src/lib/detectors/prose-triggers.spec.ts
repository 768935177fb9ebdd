import { SensitiveKeys } from '../sensitive-keys';
import { TriggerScanner } from '../trigger-scan';
import { Trigger } from '../triggers';

const scanner = new TriggerScanner(new SensitiveKeys());
const bits = (text: string, bit: number): boolean => (scanner.scan(text) & bit) !== 0;

describe('running-text triggers', () => {
  it.each([
    ['password', 'my password is Fluffy2019!'],
    ['PASSWORD in capitals', 'NEW PASSWORD WAS Xy7#kq99'],
    ['passwd', 'stored passwd for svc: x1'],
    ['PIN', 'door PIN set to 904422'],
    ['PDO', "new PDO('dsn', 'u', 'p')"],
    ['mysqli', "mysqli_connect('h', 'u', 'p')"],
    ['recovery', 'recovery codes: 8f2k-1m9x'],
    ['backup', 'backup codes: 81726354'],
    ['a USSD string', 'input=*144*1*4321#'],
  ])('sees %s', (_name, text) => expect(bits(text, Trigger.PROSE)).toBe(true));

  it.each([
    ['a word with "passw" nowhere', 'pass the salt, compass, bypass'],
    ['PIN inside a word', 'SPINE OPINION'],
    ['a pipe with no mysql', 'sqlite3 db.sqlite'],
    ['an asterisk before two digits', 'glob *12 files'],
  ])('does not see %s', (_name, text) => expect(bits(text, Trigger.PROSE)).toBe(false));

  it.each([
    ['an international number', '"to":"447700900812"'],
    ['nine digits', 'value 987654322)'],
    ['a North American number with its 1', 'from=14155550132'],
  ])('sees bare digits in %s', (_name, text) => expect(bits(text, Trigger.BARE_DIGITS)).toBe(true));

  it.each([
    ['a Unix time', '"ts":1714567890'],
    ['a Unix time in milliseconds', '"ts":1714567890123'],
    ['the last group of a UUID', 'req=5636a2de-e1c3-41a7-a0fa-805827024847'],
    ['a run glued to letters', 'id=123456789abc'],
    ['a run of eight digits', 'order 20240502'],
  ])('sees no bare digits in %s', (_name, text) =>
    expect(bits(text, Trigger.BARE_DIGITS)).toBe(false),
  );
});
