import { privateKeyDetector } from './private-key';

function found(text: string): string[] {
  const spans: string[] = [];
  privateKeyDetector.find(text, (_type, start, end) => spans.push(text.slice(start, end)));
  return spans;
}

const BODY = 'MIIEowIBAAKCAQEA0Z3VS5JJcds3xfn/ygWyF8PbnGy0AHB7MhgHcTz6sE2I2yPB';

describe('privateKeyDetector', () => {
  it('masks a PEM block from BEGIN to END', () => {
    const block = `-----BEGIN RSA PRIVATE KEY-----\\n${BODY}\\n-----END RSA PRIVATE KEY-----`;
    expect(found(`key="${block}" loaded`)).toEqual([block]);
  });

  it('masks a multi-line block', () => {
    const block = `-----BEGIN PRIVATE KEY-----\n${BODY}\n-----END PRIVATE KEY-----`;
    expect(found(`${block}\nnext line`)).toEqual([block]);
  });

  it.each(['EC', 'OPENSSH', 'ENCRYPTED', 'DSA'])('masks %s keys', (kind) => {
    const block = `-----BEGIN ${kind} PRIVATE KEY-----${BODY}-----END ${kind} PRIVATE KEY-----`;
    expect(found(block)).toEqual([block]);
  });

  it('masks a PGP key block', () => {
    const block = `-----BEGIN PGP PRIVATE KEY BLOCK-----${BODY}-----END PGP PRIVATE KEY BLOCK-----`;
    expect(found(block)).toEqual([block]);
  });

  it('masks a truncated block to the end of the text instead of leaving it open', () => {
    const text = `cfg key=-----BEGIN PRIVATE KEY-----\\n${BODY}`;
    expect(found(text)).toEqual([text.slice(text.indexOf('-----BEGIN'))]);
  });

  it.each([
    ['a certificate', `-----BEGIN CERTIFICATE-----${BODY}-----END CERTIFICATE-----`],
    ['a public key', `-----BEGIN PUBLIC KEY-----${BODY}-----END PUBLIC KEY-----`],
  ])('leaves %s alone', (_name, text) => expect(found(text)).toEqual([]));
});
