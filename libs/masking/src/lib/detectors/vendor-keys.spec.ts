import type { Detector } from '../detector';
import { vendorKeyDetector } from './vendor-keys';

function findings(detector: Detector, text: string): string[] {
  const spans: string[] = [];
  detector.find(text, (type, start, end) => spans.push(`${type}:${text.slice(start, end)}`));
  return spans;
}

const found = (text: string): string[] => findings(vendorKeyDetector, text);

// Fixtures are assembled at run time so secret scanners do not flag this file.
const ALPHANUMERIC = 'aB3dE5gH7jK9mN1pQ2rS4tU6vW8xY0zC';
const HEX = '0123456789abcdef';
const fill = (alphabet: string, length: number): string =>
  Array.from({ length }, (_, i) => alphabet[(i * 7 + 3) % alphabet.length]).join('');
const key = (...parts: string[]): string => parts.join('');

describe('vendor key detector', () => {
  it.each([
    ['a Google API key', key('AI', 'za', fill(ALPHANUMERIC, 33), '-_')],
    ['a GitLab personal token', key('gl', 'pat-', fill(ALPHANUMERIC, 20))],
    ['a GitLab deploy token', key('gl', 'dt-', fill(ALPHANUMERIC, 20))],
    ['a GitLab runner token', key('gl', 'rt-', fill(ALPHANUMERIC, 20))],
    ['a GitLab CI job token', key('gl', 'cbt-', '64_', fill(ALPHANUMERIC, 20))],
    ['an OpenAI project key', key('sk', '-proj-', fill(ALPHANUMERIC, 120))],
    [
      'a legacy OpenAI key',
      key('sk', '-', fill(ALPHANUMERIC, 20), 'T3Blbk', 'FJ', fill(ALPHANUMERIC, 20)),
    ],
    ['an Anthropic key', key('sk', '-ant-api03-', fill(ALPHANUMERIC, 93), 'AA')],
    ['a Hugging Face token', key('hf', '_', fill('abcdefGHIJKLmnop', 34))],
    ['an npm token', key('np', 'm_', fill(ALPHANUMERIC, 36))],
    ['a PyPI token', key('py', 'pi-AgEIcHlwaS5vcmc', fill(ALPHANUMERIC, 60))],
    ['a SendGrid key', key('S', 'G.', fill(ALPHANUMERIC, 22), '.', fill(ALPHANUMERIC, 43))],
    ['a Shopify token', key('shp', 'at_', fill(HEX, 32))],
    ['a DigitalOcean token', key('do', 'p_v1_', fill(HEX, 64))],
    ['a Sentry user token', key('sntr', 'yu_', fill(HEX, 64))],
    ['a New Relic user key', key('NR', 'AK-', fill('ABCDEFGH0123456789', 27))],
    ['a Postman key', key('PM', 'AK-', fill(HEX, 24), '-', fill(HEX, 34))],
    ['a Doppler token', key('dp', '.pt.', fill(ALPHANUMERIC, 43))],
    [
      'a Grafana service account token',
      key('gl', 'sa_', fill(ALPHANUMERIC, 32), '_', fill(HEX, 8)),
    ],
    ['a Databricks token', key('da', 'pi', fill(HEX, 32))],
    ['a Linear key', key('lin', '_api_', fill(ALPHANUMERIC, 40))],
    ['a Perplexity key', key('pp', 'lx-', fill(ALPHANUMERIC, 48))],
    ['a Heroku key', key('HR', 'KU-AA', fill(ALPHANUMERIC, 58))],
    ['a Vault token', key('hv', 's.', fill(ALPHANUMERIC, 95))],
    ['a Twilio API key SID', key('S', 'K', fill(HEX, 32))],
    ['a Mailchimp key', key(fill(HEX, 32), '-us', '21')],
    ['a Telegram bot token', key('bot', '4817922842', ':AA', fill(ALPHANUMERIC, 33))],
    ['an Azure AD client secret', key('fwr', '6Q~', fill(ALPHANUMERIC, 34))],
    [
      'a Terraform Cloud token',
      key(fill(ALPHANUMERIC, 14), '.atlas', 'v1.', fill(ALPHANUMERIC, 67)),
    ],
  ])('masks %s', (_name, token) => {
    const text = `token=${token} used`;
    const spans = found(text);
    expect(spans).toHaveLength(1);
    expect(token).toContain((spans[0] ?? '').replace(/^API_KEY:/, ''));
    expect((spans[0] ?? '').length).toBeGreaterThan(20);
  });

  it('masks an age secret key as a private key', () => {
    const secret = key('AGE-SECRET', '-KEY-1', fill('QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L', 58));
    expect(found(`identity ${secret}`)).toEqual([`PRIVATE_KEY:${secret}`]);
  });

  it('masks only the key of an Azure storage connection string', () => {
    const value = key(fill(ALPHANUMERIC, 86), '==');
    expect(found(`AccountName=st01;AccountKey=${value};EndpointSuffix=core.windows.net`)).toEqual([
      `API_KEY:${value}`,
    ]);
  });

  it('masks the auth token after a Twilio account SID, not the SID', () => {
    const token = fill(HEX, 32);
    expect(found(`auth AC${fill(HEX, 32)}:${token} region=ie1`)).toEqual([`API_KEY:${token}`]);
  });

  it.each([
    ['a prefix with too short a body', key('gl', 'pat-', 'short')],
    ['a prefix inside a longer word', key('xgl', 'pat-', fill(ALPHANUMERIC, 20))],
    ['an sk- word', 'sk-learn model loaded'],
    ['a key- word', 'key-value store ready'],
    ['a UUID', '3c9f1e2d-4b5a-4c6d-8e7f-9a0b1c2d3e4f'],
    ['a Twilio account SID alone', key('A', 'C', fill(HEX, 32))],
    ['a Google prefix with a body too long', key('AI', 'za', fill(ALPHANUMERIC, 40))],
    ['a git commit SHA', 'commit 9dbc8f5aa93c0e1db42eee018600f4b1dc2ff159'],
    ['a hex digest with a suffix that is no region', key(fill(HEX, 32), '-usa')],
  ])('leaves %s alone', (_name, text) => expect(found(text)).toEqual([]));
});
