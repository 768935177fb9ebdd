import { createMasker } from './create-masker';

const masker = createMasker({
  customPatterns: [{ type: 'ORDER_ID', pattern: 'ORD-[A-Z]{2}\\d{1,12}' }],
});

const repeat = (unit: string) => (length: number) =>
  unit.repeat(Math.ceil(length / unit.length)).slice(0, length);

// Inputs built to make a backtracking pattern revisit the same characters: long runs of what a
// detector accepts, with the one character it needs to finish always missing.
const ADVERSARIAL: readonly [string, (length: number) => string][] = [
  ['letters', repeat('a')],
  ['digits', repeat('4')],
  ['dots', repeat('.')],
  ['at signs', repeat('@')],
  ['dashes', repeat('-')],
  ['spaces', repeat(' ')],
  ['colons', repeat(':')],
  ['digits and spaces', repeat('4111 ')],
  ['digits and dashes', repeat('1-')],
  ['dotted numbers', repeat('1.')],
  ['hex and colons', repeat('a:')],
  ['plus digits', repeat('+1 ')],
  ['open parens', repeat('(415')],
  ['an unterminated JWT', (length) => `eyJ${'a'.repeat(length - 3)}`],
  ['repeated JWT headers', repeat('eyJ')],
  ['JWT segments without a payload', repeat('eyJhbGci.')],
  ['almost-emails without a TLD', repeat('a@b')],
  ['an endless local part', (length) => `${'a.'.repeat(length / 2)}@`],
  ['an endless domain', (length) => `a@${'b.'.repeat(length / 2)}`],
  ['IBAN-like uppercase', repeat('DE89')],
  ['AWS-like prefixes', repeat('AKIA')],
  ['bearer words', repeat('Bearer ')],
  ['basic words', repeat('Basic dXNl')],
  ['unterminated PEM headers', repeat('-----BEGIN PRIVATE KEY-----')],
  ['assignments without values', repeat('password=')],
  ['unterminated JSON strings', (length) => `{"password":"${'a'.repeat(length)}`],
  ['nested brackets', (length) => `secret=${'['.repeat(length)}`],
  ['CLI flags', repeat('--password ')],
  ['XML tags', repeat('<password>')],
  ['URL credentials without a host', repeat('://a:b')],
  ['unterminated placeholders', repeat('[EMAIL')],
  ['custom-pattern near misses', repeat('ORD-AB')],
  ['mixed soup', repeat('4111-1111 a@b.c +44 (0) ::1 eyJ= ')],
  // The normaliser and the key families.
  ['zero-width characters', repeat('\u200B')],
  ['zero-width characters inside a key', repeat('pa\u200Bss\u200Bword=')],
  ['percent-encoded percents', repeat('%25')],
  ['double-encoded at signs', repeat('a%2540')],
  ['HTML entities', repeat('&#64;')],
  ['unterminated HTML entities', repeat('&#6464646')],
  ['JSON unicode escapes', repeat('\\u0040')],
  ['fullwidth text', repeat('ＡＢ＠１')],
  ['Cyrillic homoglyphs', repeat('pаss')],
  ['short password words', repeat('pass')],
  ['glued password words', repeat('bypass=')],
  ['key families without values', repeat('phone=')],
  ['digit groups under a phone key', (length) => `phone=${'1 '.repeat(length / 2)}`],
  ['YAML keys without next-line values', repeat('password:\n')],
  ['YAML block scalars', (length) => `password: |\n${'  a\n'.repeat(length / 4)}`],
  ['config lines', repeat('db_pass x y\n')],
  ['tabs after keys', repeat('password\t')],
  ['arrows after keys', repeat('password ->')],
  ['long identifiers', repeat('a_')],
  ['name fields naming secrets', repeat('name=password ')],
  ['name fields with distant values', repeat('<x name="token" a="1"')],
  // The credential phrases and the follow-ups.
  ['kubectl secrets without base64', repeat('kubectl get secret x ')],
  ['echo pipes without a tool', repeat("echo 'a' | ")],
  ['add-mask prefixes', repeat('::add-mask::')],
  ['SMTP password prompts', repeat('334 UGFzc3dvcmQ6\n')],
  ['.pgpass-like fields', repeat('a:1:b:')],
  ['Hibernate card binds', repeat('<- [4111111111111111]')],
  ['repeated secrets', repeat('password=abcdefgh ')],
  ['Firebase-like prefixes', repeat('abcdefgh:APA91')],
  ['parenthesised secrets', repeat('(secret ')],
  ['token words', repeat('token ')],
  ['a token word before an endless value', (length) => `token ${'a'.repeat(length)}`],
  ['column lists without values', repeat('(pin, cvv, pan')],
  ['column lists with endless values', (length) => `(pin) VALUES ('${'a'.repeat(length)}`],
  // The context detectors.
  ['query separators without values', repeat('?key&')],
  ['encoded query separators', repeat('%26key%3D%26')],
  ['an endless query value', (length) => `?token=${'a%26'.repeat(length / 4)}`],
  ['tool names and flags', repeat('mysql -p redis-cli -a ')],
  ['unterminated quoted flag values', repeat("sshpass -p '")],
  ['positional password counts', repeat('htpasswd -b ')],
  ['protocol commands without arguments', repeat('AUTH PASS ')],
  ['IMAP tags', repeat('a1 LOGIN ')],
  ['unterminated markup attributes', repeat('<a b="')],
  ['markup with sensitive names and no text end', repeat('<input name="password" value="x">')],
  ['keywords without values', repeat('SSN IMSI cvv ')],
  ['long keyword phrases', repeat('national insurance number ')],
  ['keyword digit groups', repeat('SSN 1 2 ')],
  ['card groups with dots', repeat('4111.1111.')],
  ['card groups with double spaces', repeat('4111  ')],
  ['quoted local parts without domains', repeat('"a b"@')],
  ['quotes before at signs', repeat('"@')],
  ['lower-case IBAN starts', repeat(' gb82 ')],
  // Bind lists, Redis fields, running-text credentials and addressed numbers.
  ['bind lists without a statement', repeat('params: [')],
  ['placeholders without a bind list', repeat('api_token = ? ')],
  ['Rails pairs with open values', repeat('[["token", "')],
  ['unterminated insert lists', repeat('(api_token) VALUES (?')],
  ['Redis writes with open arguments', repeat('"HSET" "k" "otp" "')],
  ['password phrases without values', repeat('my password is ')],
  ['PIN phrases without values', repeat('PIN for a set to ')],
  ['connect calls without arguments', repeat("mysqli_connect args: ('a', ")],
  ['recovery codes without a colon', repeat('recovery codes ')],
  ['USSD strings without an end', repeat('*144*1*')],
  ['addressing keys without numbers', repeat('"to":"')],
  ['SSN keywords before long runs', repeat('SSN 1234567890 ')],
  ['CDR dispositions', repeat(',"ANSWERED","4155550132"')],
  ['spelled-out at signs', repeat('a [at] b ')],
  ['spelled-out dots', (length) => `a [at] ${'b [dot] '.repeat(length / 8)}`],
  ['spaced three-digit groups', repeat('415 555 ')],
  ['vendor prefixes without bodies', repeat('glpat-sk-npm_AIza')],
  ['webhook routes without paths', repeat('hooks.slack.com/services/')],
];

function fastestOf(runs: number, work: () => void): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    work();
    best = Math.min(best, Number(process.hrtime.bigint() - started) / 1e6);
  }
  return best;
}

const SMALL = 25_000;
const LARGE = 4 * SMALL;
// Linear work makes 4x the input take ~4x the time; 20x leaves room for a noisy, shared machine.
const MAX_RATIO = 20;
// Timings under a few milliseconds are mostly noise, so ratios are taken against at least this.
const NOISE_FLOOR_MS = 5;
// Far above anything linear (a 100 KB line takes milliseconds), far below anything exponential.
const ABSOLUTE_LIMIT_MS = 2_000;

describe('linear time', () => {
  it.each(ADVERSARIAL)('masks %s in linear time', (_name, make) => {
    const small = make(SMALL);
    const large = make(LARGE);
    masker.maskText(small);
    const smallMs = fastestOf(3, () => masker.maskText(small));
    const largeMs = fastestOf(3, () => masker.maskText(large));
    expect(largeMs).toBeLessThan(ABSOLUTE_LIMIT_MS);
    expect(largeMs).toBeLessThan(MAX_RATIO * Math.max(smallMs, NOISE_FLOOR_MS));
  });

  it('masks a hostile structured value within its limits', () => {
    let nested: unknown = 'a@example.com';
    for (let i = 0; i < 200_000; i++) nested = { child: nested, list: [nested] };
    const wide = Array.from({ length: 1_000_000 }, () => 'a@example.com');
    const elapsed = fastestOf(1, () => {
      masker.maskValue(nested);
      masker.maskValue(wide);
    });
    expect(elapsed).toBeLessThan(ABSOLUTE_LIMIT_MS);
  });
});
