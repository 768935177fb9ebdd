import type { Detector } from '../detector';
import { githubTokenDetector, slackTokenDetector, stripeKeyDetector } from './vendor-tokens';

function found(detector: Detector, text: string): string[] {
  const spans: string[] = [];
  detector.find(text, (_type, start, end) => spans.push(text.slice(start, end)));
  return spans;
}

// Built from parts so that secret scanners do not mistake these fixtures for real credentials.
const GITHUB_CLASSIC = ['ghp', '_', 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8'].join('');
const GITHUB_FINE = ['github', '_pat_', '11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz'].join('');
const SLACK = ['xoxb', '-', '123456789012-1234567890123-AbCdEfGhIjKlMnOp'].join('');
const STRIPE = ['sk', '_live_', '4eC39HqLyjWDarjtT1zdp7dc'].join('');
const STRIPE_WEBHOOK = ['whsec', '_', 'MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLSGY'].join('');

describe('vendor token detectors', () => {
  it.each([
    [
      'a classic GitHub token',
      githubTokenDetector,
      `GITHUB_TOKEN=${GITHUB_CLASSIC}`,
      GITHUB_CLASSIC,
    ],
    ['a fine-grained GitHub token', githubTokenDetector, `token ${GITHUB_FINE} used`, GITHUB_FINE],
    ['a Slack bot token', slackTokenDetector, `"token":"${SLACK}"`, SLACK],
    ['a Stripe secret key', stripeKeyDetector, `stripe.api_key=${STRIPE}`, STRIPE],
    ['a Stripe webhook secret', stripeKeyDetector, `secret ${STRIPE_WEBHOOK}`, STRIPE_WEBHOOK],
  ])('masks %s', (_name, detector, text, expected) =>
    expect(found(detector, text)).toEqual([expected]),
  );

  it.each([
    ['a short ghp_ word', githubTokenDetector, 'ghp_short'],
    ['a branch name', githubTokenDetector, 'feature/ghp_migration'],
    ['a Stripe publishable key', stripeKeyDetector, 'pk_live_4eC39HqLyjWDarjtT1zdp7dc'],
    ['the word xoxb', slackTokenDetector, 'xoxb- missing'],
  ])('leaves %s alone', (_name, detector, text) => expect(found(detector, text)).toEqual([]));
});
