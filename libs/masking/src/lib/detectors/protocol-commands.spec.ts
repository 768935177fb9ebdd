import type { Detector } from '../detector';
import { protocolCommandDetector } from './protocol-commands';

function findings(detector: Detector, text: string): string[] {
  const spans: string[] = [];
  detector.find(text, (type, start, end) => spans.push(`${type}:${text.slice(start, end)}`));
  return spans;
}

const found = (text: string): string[] => findings(protocolCommandDetector, text);

describe('protocol command detector', () => {
  it.each([
    ['Redis AUTH with a password', '127.0.0.1:6379> AUTH foobared-prod', 'foobared-prod'],
    ['Redis AUTH with a user', '127.0.0.1:6379> AUTH default Acl-Def4ult!', 'Acl-Def4ult!'],
    [
      'Redis CONFIG SET requirepass',
      'redis> CONFIG SET requirepass "n3w-Redis-Pass"',
      'n3w-Redis-Pass',
    ],
    ['an FTP PASS', 'FTP 78 Request: PASS scanner2024', 'scanner2024'],
    ['a POP3 PASS after a prompt', '> PASS Upl0ad!Night', 'Upl0ad!Night'],
    ['an IMAP LOGIN', 'a001 LOGIN jane@example.com Maild1r!', 'Maild1r!'],
    [
      'a quoted IMAP LOGIN password',
      `b'IKOL1 LOGIN sync@example.com "Inv0ice-Sync"'`,
      'Inv0ice-Sync',
    ],
    [
      'SMTP AUTH PLAIN',
      "send: 'AUTH PLAIN AG5vcmVwbHlAZXhhbXBsZS5vcmcAaHVudGVyMg==\\r\\n'",
      'AG5vcmVwbHlAZXhhbXBsZS5vcmcAaHVudGVyMg==',
    ],
    [
      'SMTP AUTH XOAUTH2',
      'C: AUTH XOAUTH2 dXNlcj1yLmZpc2NoZXJAZXhhbXBsZS5jb20B',
      'dXNlcj1yLmZpc2NoZXJAZXhhbXBsZS5jb20B',
    ],
    [
      'a Dovecot auth response',
      'auth: Debug: client in: AUTH\t1\tPLAIN\tservice=imap\tresp=AG5vcmVwbHk=',
      'AG5vcmVwbHk=',
    ],
  ])('masks %s', (_name, text, expected) => expect(found(text)).toEqual([`PASSWORD:${expected}`]));

  it.each([
    ['a bare SMTP AUTH LOGIN', 'C: AUTH LOGIN'],
    ['an AUTH outcome', 'ldap: AUTH failed for user bob'],
    ['AUTH inside prose', 'LDAP AUTH timed out'],
    ['a test runner result', 'PASS src/app/app.spec.ts (5.2 s)'],
    ['a test file name after PASS', 'PASS app.test.js'],
    ['LOGIN without a tag', 'user LOGIN succeeded for bob today'],
    ['words that start with a command', 'PASSED LOGINS AUTHORIZED'],
    ['CONFIG SET of a harmless setting', 'redis> CONFIG SET maxmemory 2gb'],
  ])('leaves %s alone', (_name, text) => expect(found(text)).toEqual([]));
});
