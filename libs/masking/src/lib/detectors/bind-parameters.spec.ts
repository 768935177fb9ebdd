import { SensitiveKeys } from '../sensitive-keys';
import { bindParameterDetector } from './bind-parameters';

const detector = bindParameterDetector(new SensitiveKeys());

function found(text: string): string[] {
  const spans: string[] = [];
  detector.find(text, (type, start, end) => spans.push(`${type}:${text.slice(start, end)}`));
  return spans;
}

describe('bind parameter detector', () => {
  it.each([
    [
      'a Rails name/value pair',
      'UPDATE "users" SET "unlock_token" = $1 WHERE "users"."id" = $2  [["unlock_token", "fca849"], ["id", 77]]',
      ['SECRET:fca849'],
    ],
    [
      'a Rails pair after a filtered one',
      '[["encrypted_password", "[FILTERED]"], ["reset_password_token", "9c1e77ab"]]',
      ['SECRET:9c1e77ab'],
    ],
    [
      'Laravel bindings by position',
      '{"sql":"update `users` set `remember_token` = ? where `id` = ?","bindings":["d6RKWenf",12]}',
      ['SECRET:d6RKWenf'],
    ],
    [
      'Laravel bindings for a WHERE … LIKE',
      '{"sql":"select * from `users` where `phone` like ? and `id` = ?","bindings":["%4155550147%",3]}',
      ['PHONE:%4155550147%'],
    ],
    [
      "Doctrine's parameters numbered from 1, twice",
      'INSERT INTO subscriber (email, msisdn) VALUES (?, ?) (parameters: array{"1":"a@b.c","2":"447700900811"}) {"sql":"INSERT INTO subscriber (email, msisdn) VALUES (?, ?)","params":{"1":"a@b.c","2":"447700900811"}}',
      ['PHONE:447700900811', 'PHONE:447700900811'],
    ],
    [
      "Doctrine's params numbered from 0",
      'SELECT id FROM users WHERE api_token = ? AND active = ? {"params":{"0":"tok_81ab","1":true}}',
      ['SECRET:tok_81ab'],
    ],
    [
      "Prisma's $n parameters",
      'prisma:query INSERT INTO "Session" ("sessionToken","userId") VALUES ($1,$2) -- params: ["681bc085","clv0abc"]',
      ['SECRET:681bc085'],
    ],
    [
      'a password column compared with $2',
      'UPDATE accounts SET name = $1, password = $2 WHERE id = $3 -- params: ["Jo","Sekr3t!",4]',
      ['PASSWORD:Sekr3t!'],
    ],
    [
      'each list with its own statement only',
      'UPDATE u SET api_token = ? params: ["t-1"] SELECT * FROM u WHERE id = ? params: ["t-2"]',
      ['SECRET:t-1'],
    ],
  ])('masks %s', (_name, text, expected) => expect(found(text)).toEqual(expected));

  it.each([
    [
      'values of columns that are not sensitive',
      '{"sql":"select * from `orders` where `status` = ? and `id` = ?","bindings":["paid",12]}',
    ],
    ['a Rails pair with an ordinary name', '[["email_verified", true], ["id", 77]]'],
    ['a Rails pair already filtered', '[["password", "[FILTERED]"]]'],
    ['a null bound to a token column', 'UPDATE u SET api_token = ? {"params":{"1":null}}'],
    ['a phone column bound to a value without digits', 'UPDATE u SET phone = ? params: ["n/a"]'],
    ['a bind list with no statement before it', 'request params: ["token-81ab","x"]'],
    [
      'a question mark in a URL, not a placeholder',
      'GET /reset?token=abc params: ["first"] password',
    ],
  ])('leaves %s', (_name, text) => expect(found(text)).toEqual([]));
});
