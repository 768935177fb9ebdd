import type { Detector } from '../detector';
import { credentialPhraseDetector } from './credential-phrases';

function findings(detector: Detector, text: string): string[] {
  const spans: string[] = [];
  detector.find(text, (type, start, end) => spans.push(`${type}:${text.slice(start, end)}`));
  return spans;
}

const found = (text: string): string[] => findings(credentialPhraseDetector, text);

describe('credential phrase detector', () => {
  it.each([
    ['a GitHub Actions mask request', '::add-mask::a3b10e45922', 'SECRET:a3b10e45922'],
    [
      'a password piped into kinit',
      "$ echo 'KrbP4ss!' | kinit svc@EXAMPLE.COM",
      'PASSWORD:KrbP4ss!',
    ],
    [
      'a pair piped into chpasswd',
      "echo 'h.ito:Welcome2024!' | chpasswd",
      'PASSWORD:h.ito:Welcome2024!',
    ],
    [
      'a password piped into docker login',
      "echo 'r3g-Pass' | docker login -u ci --password-stdin",
      'PASSWORD:r3g-Pass',
    ],
    [
      "MySQL's SET PASSWORD",
      "SET PASSWORD FOR 'app'@'%' = 'NewApp#Pass1'",
      'PASSWORD:NewApp#Pass1',
    ],
    [
      "MySQL's IDENTIFIED WITH … BY",
      "ALTER USER 'root'@'localhost' IDENTIFIED WITH mysql_native_password BY 'R00t#1';",
      'PASSWORD:R00t#1',
    ],
    [
      'a pgcrypto key',
      "SELECT pgp_sym_decrypt(card_enc, '8dvE9sui4pwDYue') FROM cards",
      'SECRET:8dvE9sui4pwDYue',
    ],
    [
      "python-ldap's simple_bind_s",
      "simple_bind_s(('uid=r,dc=example,dc=com', 'r3p0rt3r!', None))",
      'PASSWORD:r3p0rt3r!',
    ],
    [
      "Dovecot's scheme mismatch",
      "sql(a@b.c): SHA512-CRYPT(hunter2hunter2) != '$6$rounds=5000$x'",
      'PASSWORD:hunter2hunter2',
    ],
    [
      'the SMTP AUTH LOGIN password line',
      '<-  334 UGFzc3dvcmQ6\n -> QWwzcnQkLVBhNTU=\n<-  235 2.7.0 ok',
      'PASSWORD:QWwzcnQkLVBhNTU=',
    ],
    [
      'a secret printed by kubectl and base64',
      '$ kubectl get secret redis -o jsonpath="{.data.password}" | base64 -d\nHx7pQ2mK9vLs',
      'SECRET:Hx7pQ2mK9vLs',
    ],
    ['a .pgpass line', '10.0.0.5:5432:*:replicator:pgpass-Repl1ca', 'PASSWORD:pgpass-Repl1ca'],
    [
      'a .netrc line',
      'machine api.example.com login ci-bot password netrc-Api-Pw',
      'PASSWORD:netrc-Api-Pw',
    ],
    [
      'a JAAS API key',
      'PlainLoginModule required username="Y3VDFIQU644O8VGU" password="x";',
      'API_KEY:Y3VDFIQU644O8VGU',
    ],
    [
      'a secret key in parentheses',
      'static credentials in use AKIA… (secret BPzTjvw/5hjvEzYSZRLc0BZM80P) — prefer roles',
      'SECRET:BPzTjvw/5hjvEzYSZRLc0BZM80P',
    ],
    [
      'an Expo push token',
      'push token ExponentPushToken[zMFX0pAZ3XNWFQf25tTArZ] registered',
      'SECRET:zMFX0pAZ3XNWFQf25tTArZ',
    ],
    [
      'a Firebase registration token',
      'Token refreshed: Ocdt4r6bsMjbkS0gC1rmbi:APA91bKaVtsxVApr6f-dIJe7sMCquvPaDqG_Fna2r',
      'SECRET:Ocdt4r6bsMjbkS0gC1rmbi:APA91bKaVtsxVApr6f-dIJe7sMCquvPaDqG_Fna2r',
    ],
    [
      'a refresh token in prose',
      'saved refresh token WFEkiT8eQ7mBNtIQpQCIK4FUJ9cy to EncryptedSharedPreferences',
      'SECRET:WFEkiT8eQ7mBNtIQpQCIK4FUJ9cy',
    ],
    [
      'a UUID given as a token',
      'Run codecov/codecov-action@v4 with token 23075276-fa27-4003-9f54-91a49e6439f0',
      'SECRET:23075276-fa27-4003-9f54-91a49e6439f0',
    ],
  ])('masks %s', (_name, text, expected) => expect(found(text)).toEqual([expected]));

  it.each([
    [
      'a variable piped into docker login',
      'echo "$CI_REGISTRY_PASSWORD" | docker login -u x --password-stdin r',
    ],
    ['a variable in single quotes', "echo '$TOKEN' | vault login -"],
    ['echo into another tool', "echo 'hello' | tee out.txt"],
    [
      'kubectl and base64 on one line',
      'export P=$(kubectl get secret r -o jsonpath="{.data.p}" | base64 -d)',
    ],
    ['an SQL comparison', "SELECT * FROM t WHERE status = 'active'"],
    ['a time that looks like a .pgpass field', '2024-05-02 10:12:03 host:5432 ok'],
    ['prose about netrc', 'the machine login failed: password expired'],
    ['a secret without a value', 'rotated (secret key) for app'],
    ['a short parenthesised word', 'deleted (token expired)'],
    ['a token word before prose', 'token refresh failed for client 42 after 3 retries'],
    ['a long word without digits', 'token authenticationRequiredForThisRoute'],
  ])('leaves %s alone', (_name, text) => expect(found(text)).toEqual([]));
});
