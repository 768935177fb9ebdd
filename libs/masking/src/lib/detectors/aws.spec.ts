import type { Detector } from '../detector';
import { awsAccessKeyDetector, awsSecretKeyDetector } from './aws';

function found(detector: Detector, text: string): string[] {
  const spans: string[] = [];
  detector.find(text, (_type, start, end) => spans.push(text.slice(start, end)));
  return spans;
}

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

describe('AWS detectors', () => {
  it.each([
    ['a long-term key id', 'key=AKIAIOSFODNN7EXAMPLE', 'AKIAIOSFODNN7EXAMPLE'],
    ['a temporary key id', '"AccessKeyId":"ASIAY34FZKBOKMUTVV7A"', 'ASIAY34FZKBOKMUTVV7A'],
  ])('masks %s', (_name, text, expected) =>
    expect(found(awsAccessKeyDetector, text)).toEqual([expected]),
  );

  it.each([
    ['a key id glued to more characters', 'AKIAIOSFODNN7EXAMPLE1'],
    ['a role id', 'AROAJ2UCCR6DPCEXAMPLE'],
  ])('leaves %s alone', (_name, text) => expect(found(awsAccessKeyDetector, text)).toEqual([]));

  it.each([
    ['an env assignment', `AWS_SECRET_ACCESS_KEY=${SECRET}`],
    ['a credentials file', `aws_secret_access_key = ${SECRET}`],
    ['JSON', `{"SecretAccessKey": "${SECRET}"}`],
    ['a YAML key', `secret_key: '${SECRET}'`],
  ])('masks the secret key in %s', (_name, text) =>
    expect(found(awsSecretKeyDetector, text)).toEqual([SECRET]),
  );

  it('leaves a 40-character value under an unrelated key alone', () => {
    expect(found(awsSecretKeyDetector, `commit=${'a'.repeat(40)}`)).toEqual([]);
  });
});
