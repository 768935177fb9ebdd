/**
 * Vendor-issued credentials recognisable by their own prefix (the inventory follows gitleaks'
 * rule list; the patterns are ours). `body` is matched right after the prefix, sticky, and must
 * end at a token boundary; all its quantifiers are bounded, so each candidate costs O(length).
 */
export interface PrefixRule {
  prefix: string;
  body: RegExp;
  type: 'API_KEY' | 'PRIVATE_KEY';
  /** The prefix is a field name (`AccountKey=`), not part of the key: only the body is masked. */
  keepPrefix?: boolean;
}

const rule = (prefix: string, body: string, type: PrefixRule['type'] = 'API_KEY'): PrefixRule => ({
  prefix,
  body: new RegExp(`(?:${body})(?![A-Za-z0-9_+/=-])`, 'y'),
  type,
});

const HEX32 = '[a-fA-F0-9]{32}';
const HEX64 = '[a-f0-9]{64}';

export const PREFIX_RULES: readonly PrefixRule[] = [
  rule('AIza', '[A-Za-z0-9_-]{35}'),
  // GitLab: personal, deploy, runner, CI job, trigger, feed, mail, agent, OAuth, SCIM, flags.
  rule('glpat-', '[A-Za-z0-9_-]{20,300}(?:\\.[0-9a-z]{9})?'),
  rule('gldt-', '[A-Za-z0-9_-]{20}'),
  rule('glrt-', '[A-Za-z0-9_-]{20,300}(?:\\.[0-9a-z]{9})?'),
  rule('glcbt-', '[A-Za-z0-9]{1,5}_[A-Za-z0-9_-]{20}'),
  rule('glptt-', '[a-f0-9]{40}'),
  rule('glft-', '[A-Za-z0-9_-]{20}'),
  rule('glimt-', '[A-Za-z0-9_-]{25}'),
  rule('glagent-', '[A-Za-z0-9_-]{50}'),
  rule('gloas-', '[A-Za-z0-9_-]{64}'),
  rule('glsoat-', '[A-Za-z0-9_-]{20}'),
  rule('glffct-', '[A-Za-z0-9_-]{20}'),
  // OpenAI (project, service-account, admin and legacy keys) and Anthropic.
  rule('sk-ant-', '(?:api|admin)\\d\\d-[A-Za-z0-9_-]{80,120}'),
  rule('sk-proj-', '[A-Za-z0-9_-]{40,200}'),
  rule('sk-svcacct-', '[A-Za-z0-9_-]{40,200}'),
  rule('sk-admin-', '[A-Za-z0-9_-]{40,200}'),
  rule('sk-', '[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}|[A-Za-z0-9]{48}'),
  rule('hf_', '[A-Za-z]{34}'),
  rule('api_org_', '[A-Za-z]{34}'),
  rule('npm_', '[A-Za-z0-9]{36}'),
  rule('pypi-', 'AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,1000}'),
  rule('rubygems_', '[a-f0-9]{48}'),
  rule('SG.', '[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}'),
  rule('shpat_', HEX32),
  rule('shpca_', HEX32),
  rule('shppa_', HEX32),
  rule('shpss_', HEX32),
  rule('dop_v1_', HEX64),
  rule('doo_v1_', HEX64),
  rule('dor_v1_', HEX64),
  // Atlassian API tokens end in `=` and an 8-hex-digit checksum.
  rule('ATATT3', '[A-Za-z0-9_=-]{170,200}=[A-F0-9]{8}'),
  rule('sntrys_', 'eyJpYXQiO[A-Za-z0-9+/=_]{50,400}'),
  rule('sntryu_', HEX64),
  rule('NRAK-', '[A-Z0-9]{27}'),
  rule('NRII-', '[A-Za-z0-9-]{32}'),
  rule('NRJS-', '[a-f0-9]{19}'),
  rule('PMAK-', '[a-f0-9]{24}-[a-f0-9]{34}'),
  rule('dp.pt.', '[A-Za-z0-9]{43}'),
  rule('glc_', '[A-Za-z0-9+/]{32,400}={0,3}'),
  rule('glsa_', '[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}'),
  rule('AGE-SECRET-KEY-1', '[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}', 'PRIVATE_KEY'),
  rule('dapi', '[a-f0-9]{32}(?:-\\d)?'),
  rule('lin_api_', '[A-Za-z0-9]{40}'),
  rule('pplx-', '[A-Za-z0-9]{48}'),
  rule('HRKU-', 'AA[A-Za-z0-9_-]{58}'),
  rule('sq0atp-', '[A-Za-z0-9_-]{22,60}'),
  rule('sq0csp-', '[A-Za-z0-9_-]{40,60}'),
  rule('sqp_', '[a-f0-9]{40}'),
  rule('squ_', '[a-f0-9]{40}'),
  rule('sqa_', '[a-f0-9]{40}'),
  rule('key-', HEX32),
  rule('pul-', '[a-f0-9]{40}'),
  rule('rdme_', '[a-z0-9]{70}'),
  rule('xkeysib-', '[a-f0-9]{64}-[A-Za-z0-9]{16}'),
  rule('dt0c01.', '[A-Za-z0-9]{24}\\.[A-Za-z0-9]{64}'),
  rule('hvs.', '[A-Za-z0-9_-]{90,300}'),
  rule('hvb.', '[A-Za-z0-9_-]{138,300}'),
  rule('ntn_', '\\d{11}[A-Za-z0-9]{35}'),
  rule('pscale_tkn_', '[A-Za-z0-9_=.-]{32,64}'),
  rule('pscale_pw_', '[A-Za-z0-9_=.-]{32,64}'),
  rule('pscale_oauth_', '[A-Za-z0-9_=.-]{32,64}'),
  rule('shippo_live_', '[a-fA-F0-9]{40}'),
  rule('shippo_test_', '[a-fA-F0-9]{40}'),
  rule('fo1_', '[A-Za-z0-9_-]{43}'),
  rule('live_', '[A-Za-z0-9]{30}'),
  { ...rule('AccountKey=', '[A-Za-z0-9+/]{86}=='), keepPrefix: true },
  // Twilio API key SIDs; account SIDs (`AC…`) identify, they do not authenticate.
  rule('SK', '[a-f0-9]{32}'),
];

/**
 * The word part of each prefix before its first `_`, `-` or `.` (`glpat`, `sk`, `dp`), lower-cased,
 * by the separator that follows it: what the trigger scan looks up when it meets that separator.
 */
export const PREFIX_STEMS: ReadonlyMap<number, ReadonlySet<string>> = (() => {
  const stems = new Map<number, Set<string>>();
  for (const { prefix } of PREFIX_RULES) {
    const match = /^([A-Za-z0-9]+)([-_.=])/.exec(prefix);
    if (match === null) continue;
    const separator = (match[2] ?? '').charCodeAt(0);
    let set = stems.get(separator);
    if (set === undefined) {
      set = new Set();
      stems.set(separator, set);
    }
    set.add((match[1] ?? '').toLowerCase());
  }
  return stems;
})();
