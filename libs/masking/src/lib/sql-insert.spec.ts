import { SensitiveKeys } from './sensitive-keys';
import { sensitiveColumnValues } from './sql-insert';

const keys = new SensitiveKeys();

function found(text: string): string[] {
  const result = sensitiveColumnValues(text, text.indexOf('('), keys);
  return (result?.values ?? []).map((value) => text.slice(value.start, value.end));
}

describe('sensitiveColumnValues', () => {
  it.each([
    [
      'plain columns',
      "INSERT INTO t (user_id, pan, cvv) VALUES (4411, '4111', '019')",
      ['4111', '019'],
    ],
    ['backticks', "INSERT INTO `c` (`id`,`pin`) VALUES (91,'4821')", ['4821']],
    ['double quotes', 'INSERT INTO "u" ("id", "password") VALUES (1, \'pw\')', ['pw']],
    ['brackets', "INSERT INTO [u] ([Id], [Phone]) VALUES (1, '+14155550132')", ['+14155550132']],
    ['bare values', 'INSERT INTO t (id, pin) VALUES (1, 1234)', ['1234']],
    ['doubled quotes', "INSERT INTO t (password) VALUES ('it''s')", ["it''s"]],
    ['line breaks', "INSERT INTO t (\n  iban,\n  id\n) VALUES (\n  'gb82', 7\n)", ['gb82']],
  ])('finds sensitive columns with %s', (_name, text, expected) => {
    expect(found(text)).toEqual(expected);
  });

  it.each([
    ['no sensitive column', "INSERT INTO t (id, name) VALUES (1, 'x')"],
    ['a call, not a column list', 'connect(host, password)'],
    ['no VALUES', 'SELECT (password, id) FROM t'],
    ['prose in parentheses', '(see the password policy) VALUES (x)'],
  ])('finds nothing in %s', (_name, text) => {
    expect(found(text)).toEqual([]);
  });
});
