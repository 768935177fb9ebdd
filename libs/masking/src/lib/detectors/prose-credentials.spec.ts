import type { Detector } from '../detector';
import { proseCredentialDetector } from './prose-credentials';

function findings(detector: Detector, text: string): string[] {
  const spans: string[] = [];
  detector.find(text, (type, start, end) => spans.push(`${type}:${text.slice(start, end)}`));
  return spans;
}

const found = (text: string): string[] => findings(proseCredentialDetector, text);

describe('prose credential detector', () => {
  it.each([
    [
      'a password told in a chat',
      'visitor="my password is Fluffy2019! can you reset it"',
      ['PASSWORD:Fluffy2019!'],
    ],
    ['a new password with a colon', 'the new password was: Xy7#kq99.', ['PASSWORD:Xy7#kq99']],
    [
      'a PIN set in an audit line',
      'door access PIN for contractor set to 904422',
      ['PASSWORD:904422'],
    ],
    [
      'a password reset to a value',
      'password for svc-backup reset to Tmp-4471x by admin',
      ['PASSWORD:Tmp-4471x'],
    ],
    [
      "FreeRADIUS's cleartext password",
      '(pap: Cleartext password "wifi-Guest-88" does not match "known good" password)',
      ['PASSWORD:wifi-Guest-88'],
    ],
    ['a FreeRADIUS users entry', 'bob Cleartext-Password := "hello42"', ['PASSWORD:hello42']],
    [
      'a keychain debug line',
      '[Keychain] stored password for service com.example.api account a@b.example: K3ych@in-Pw',
      ['PASSWORD:K3ych@in-Pw'],
    ],
    [
      "mysqli's constructor arguments",
      "PHP Warning:  mysqli::__construct(): (HY000/2002): Connection refused; args: ('10.0.4.12', 'legacy', 'L3gacyPhp!', 'shop')",
      ['PASSWORD:L3gacyPhp!'],
    ],
    [
      'a PDO constructor',
      "new PDO('mysql:host=db;dbname=shop', 'app', 'pdo-Secret1')",
      ['PASSWORD:pdo-Secret1'],
    ],
    ['a USSD PIN', 'ussd session=8812 input=*144*1*4321#', ['PASSWORD:4321']],
    [
      'recovery codes',
      'recovery codes generated for user 4411: 8f2k-1m9x q7w3-z0p2 h5j6-n8v4',
      ['SECRET:8f2k-1m9x', 'SECRET:q7w3-z0p2', 'SECRET:h5j6-n8v4'],
    ],
    [
      'backup codes separated by commas',
      'Backup codes: 81726354, 99120348',
      ['SECRET:81726354', 'SECRET:99120348'],
    ],
  ])('masks %s', (_name, text, expected) => expect(found(text)).toEqual(expected));

  it.each([
    ['a password that is only described', 'my password is expired, please help'],
    ['a password rule', 'the password was rejected by policy'],
    ['a PIN length', 'PIN length set to 6'],
    ['a password policy setting', 'password policy set to strict for realm corp'],
    ['a shell variable', 'new password is $NEW_PW'],
    ['an already masked value', 'the password was ********'],
    ['a cleartext password that is empty', 'Cleartext password "" rejected'],
    ['a stored password without a value', 'stored password for service com.example.api: <none>'],
    ['a mysqli call with fewer arguments', "mysqli_connect('db', 'app')"],
    ['a USSD balance query', 'input=*100#'],
    ['a USSD menu choice', 'input=*144*1*2#'],
    ['recovery codes counted', 'recovery codes remaining: 3'],
    ['recovery codes with words only', 'recovery codes: regenerated, emailed'],
    ['backup codes on the next line', 'backup codes\n: 81726354'],
  ])('leaves %s', (_name, text) => expect(found(text)).toEqual([]));
});
