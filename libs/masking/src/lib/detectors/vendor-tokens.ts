import { regexDetector } from '../detector';
import { Trigger } from '../triggers';

/** Classic (`ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_`) and fine-grained (`github_pat_`) tokens. */
export const githubTokenDetector = regexDetector({
  type: 'GITHUB_TOKEN',
  trigger: Trigger.VENDOR_TOKEN_PREFIX,
  pattern:
    /(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36,251}|github_pat_[A-Za-z0-9_]{22,255})(?![A-Za-z0-9_])/g,
});

/** Bot, user, app-level and refresh tokens: `xoxb-…`, `xoxp-…`, `xapp-…`. */
export const slackTokenDetector = regexDetector({
  type: 'SLACK_TOKEN',
  trigger: Trigger.VENDOR_TOKEN_PREFIX,
  pattern: /(?<![A-Za-z0-9-])(?:xox[abposr]|xapp)-[A-Za-z0-9-]{10,250}/g,
});

/** Secret and restricted keys (`sk_live_`, `rk_test_`) and webhook signing secrets (`whsec_`). */
export const stripeKeyDetector = regexDetector({
  type: 'STRIPE_KEY',
  trigger: Trigger.VENDOR_TOKEN_PREFIX,
  pattern:
    /(?<![A-Za-z0-9_])(?:[sr]k_(?:live|test)_[A-Za-z0-9]{16,247}|whsec_[A-Za-z0-9]{24,247})/g,
});
