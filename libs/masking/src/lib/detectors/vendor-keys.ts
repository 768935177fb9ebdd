import type { Detector, EmitSpan } from '../detector';
import { Trigger } from '../triggers';
import { PREFIX_RULES, type PrefixRule } from './vendor-prefixes';

function escapeForRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// Longest prefixes first, so `sk-proj-` is tried before `sk-`.
const ORDERED = [...PREFIX_RULES].sort((a, b) => b.prefix.length - a.prefix.length);
const RULES_BY_PREFIX = new Map<string, PrefixRule[]>();
for (const rule of ORDERED) {
  const list = RULES_BY_PREFIX.get(rule.prefix) ?? [];
  list.push(rule);
  RULES_BY_PREFIX.set(rule.prefix, list);
}
// One alternation of literal prefixes at a token start: V8 tests it in one pass over the text.
const PREFIXES = new RegExp(
  `(?<![A-Za-z0-9_+/-])(?:${ORDERED.map((rule) => escapeForRegex(rule.prefix)).join('|')})`,
  'g',
);

/**
 * Keys without a prefix but with a shape of their own: Mailchimp (`…-us21`), Mailgun webhook
 * signing keys, Telegram bot tokens, Azure AD client secrets (`…8Q~…`) and Terraform Cloud
 * tokens (`….atlasv1.…`).
 */
const SHAPES =
  /(?:(?<![A-Za-z0-9_+/-])(?:[a-f0-9]{32}-us\d{1,2}|[a-f0-9]{32}-[a-f0-9]{8}-[a-f0-9]{8}|[A-Za-z0-9_~.]{3}\dQ~[A-Za-z0-9_~.-]{31,34}|[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_=-]{60,70})|(?<!\d)\d{8,10}:AA[A-Za-z0-9_-]{33})(?![A-Za-z0-9_~-])/g;
// A Twilio account SID is public, but the auth token after it in `SID:token` is not.
const TWILIO_AUTH = /(?<![A-Za-z0-9])AC[a-f0-9]{32}:([a-f0-9]{32})(?![A-Za-z0-9])/g;

function findPrefixed(text: string, emit: EmitSpan): void {
  PREFIXES.lastIndex = 0;
  for (let match = PREFIXES.exec(text); match !== null; match = PREFIXES.exec(text)) {
    const bodyStart = match.index + match[0].length;
    for (const rule of RULES_BY_PREFIX.get(match[0]) ?? []) {
      rule.body.lastIndex = bodyStart;
      const body = rule.body.exec(text);
      if (body !== null) {
        emit(rule.type, rule.keepPrefix ? bodyStart : match.index, bodyStart + body[0].length);
        PREFIXES.lastIndex = bodyStart + body[0].length;
        break;
      }
    }
  }
}

// Mailchimp's and Mailgun's keys: 32 hex digits, then a dash.
const HEX_KEY_LENGTH = 32;

const isLowerHex = (code: number): boolean =>
  (code >= 48 && code <= 57) || (code >= 97 && code <= 102);

/** A `-` right after 32 lower-case hex digits: what the first two shapes have in common. */
function hasHexKeyDash(text: string): boolean {
  for (
    let dash = text.indexOf('-', HEX_KEY_LENGTH);
    dash !== -1;
    dash = text.indexOf('-', dash + 1)
  ) {
    let i = dash - 1;
    while (i >= dash - HEX_KEY_LENGTH && isLowerHex(text.charCodeAt(i))) i--;
    if (i < dash - HEX_KEY_LENGTH) return true;
  }
  return false;
}

/**
 * A literal every match of SHAPES contains (`-` after 32 hex digits, `Q~`, `.atlasv1.`, `:AA`).
 * The pattern tries several long alternatives at every position, which a line under a
 * sensitive key (the detector's other trigger) almost never needs.
 */
function mayHoldShape(text: string): boolean {
  return (
    text.includes('Q~') || text.includes(':AA') || text.includes('.atlasv1.') || hasHexKeyDash(text)
  );
}

function findShaped(text: string, emit: EmitSpan): void {
  if (mayHoldShape(text)) {
    SHAPES.lastIndex = 0;
    for (let match = SHAPES.exec(text); match !== null; match = SHAPES.exec(text)) {
      emit('API_KEY', match.index, match.index + match[0].length);
    }
  }
  if (!text.includes('AC')) return;
  TWILIO_AUTH.lastIndex = 0;
  for (let match = TWILIO_AUTH.exec(text); match !== null; match = TWILIO_AUTH.exec(text)) {
    const end = match.index + match[0].length;
    emit('API_KEY', end - 32, end);
  }
}

/**
 * Vendor API keys and tokens by their real prefixes and shapes (see `PREFIX_RULES`): Google,
 * GitLab, OpenAI, Anthropic, Hugging Face, npm, PyPI, SendGrid, Shopify, DigitalOcean, Atlassian,
 * Sentry, New Relic, Postman, Doppler, Grafana, Databricks, Linear, Perplexity, Heroku, Square,
 * SonarQube, Mailgun, Pulumi, Vault, Twilio, Mailchimp, Telegram, Azure AD, Terraform, age.
 * GitHub, Slack and Stripe keep their own detectors and types.
 */
export const vendorKeyDetector: Detector = {
  types: ['API_KEY', 'PRIVATE_KEY'],
  // A key under a sensitive name (`token=dapi…`) needs no prefix trigger of its own.
  trigger: Trigger.VENDOR_TOKEN_PREFIX | Trigger.SENSITIVE_KEY,
  find(text, emit) {
    findPrefixed(text, emit);
    findShaped(text, emit);
  },
};
