/**
 * Every key Redtail keeps in Redis. One state hash holds the epoch, its wrapped
 * data key, the sequence counter and the lockdown flag, so each script below
 * reads and changes them atomically (Redis runs a script without interleaving).
 */
export const KEYS = {
  state: 'redtail:state',
  stream: 'redtail:logs',
  metrics: 'redtail:metrics',
  services: 'redtail:services',
  nodes: 'redtail:nodes',
  rate: (epoch: number, second: number) => `redtail:rate:${epoch}:${second}`,
} as const;

export const EVENTS_CHANNEL = 'redtail:events';

/** Distinct services counted exactly in the shared metrics; beyond, `(other)`, so Redis memory stays flat. */
export const TRACKED_SERVICES = 1_000;

/**
 * Creates the state when there is none (a new cluster, or a Redis that lost
 * everything in a restart). ARGV: epoch, wrapped key, seq floor, origin.
 * Returns 1 when this call created it.
 */
export const INIT_SCRIPT = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], 'epoch', ARGV[1], 'key', ARGV[2], 'seq', ARGV[3],
  'startSeq', tonumber(ARGV[3]) + 1, 'lockdown', 0, 'iv', 0, 'origin', ARGV[4], 'cleared', 0, 'panics', 0)
return 1
`;

/**
 * The current epoch as a node needs it, plus a fresh IV prefix for that node,
 * taken in the same atomic step so a prefix can never belong to another epoch.
 */
export const LOAD_SCRIPT = `
if redis.call('EXISTS', KEYS[1]) == 0 then return false end
local iv = redis.call('HINCRBY', KEYS[1], 'iv', 1)
local s = redis.call('HMGET', KEYS[1], 'epoch', 'key', 'startSeq', 'lockdown', 'origin', 'cleared', 'lastPanicAt', 'panics')
return { s[1], s[2], tostring(iv), s[3], s[4], s[5], s[6], s[7] or '', s[8] }
`;

/**
 * One batch: check the epoch and the lockdown, reserve consecutive seqs, count
 * the batch in the shared metrics (one HINCRBY per distinct field, not per
 * entry), append every entry at stream id 0-<seq> with MAXLEN ~ trimming.
 * KEYS: state, stream, metrics, services, rate. ARGV: epoch, maxlen, now,
 * count, then (#fields, field, delta …), (#services, service, delta …),
 * then 5 values per entry: level, service, timestamp, receivedAt, sealed.
 * Returns the first seq.
 */
export const INGEST_SCRIPT = `
local s = redis.call('HMGET', KEYS[1], 'epoch', 'lockdown')
if not s[1] then return redis.error_reply('NOSTATE') end
if s[1] ~= ARGV[1] then return redis.error_reply('EPOCH') end
if s[2] == '1' then return redis.error_reply('LOCKED') end
local n = tonumber(ARGV[4])
local first = redis.call('HINCRBY', KEYS[1], 'seq', n) - n + 1
local i = 5
local fields = tonumber(ARGV[i]); i = i + 1
for _ = 1, fields do
  redis.call('HINCRBY', KEYS[3], ARGV[i], ARGV[i + 1]); i = i + 2
end
local services = tonumber(ARGV[i]); i = i + 1
for _ = 1, services do
  local name = ARGV[i]
  if redis.call('HEXISTS', KEYS[4], name) == 0 and redis.call('HLEN', KEYS[4]) >= ${TRACKED_SERVICES} then
    name = '(other)'
  end
  redis.call('HINCRBY', KEYS[4], name, ARGV[i + 1]); i = i + 2
end
redis.call('HSET', KEYS[3], 'lastLogAt', ARGV[3])
redis.call('INCRBY', KEYS[5], n)
redis.call('EXPIRE', KEYS[5], 120)
for e = 0, n - 1 do
  redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[2], string.format('0-%d', first + e),
    'l', ARGV[i], 's', ARGV[i + 1], 't', ARGV[i + 2], 'r', ARGV[i + 3], 'c', ARGV[i + 4])
  i = i + 5
end
return first
`;

/**
 * The cluster-wide panic in one atomic step: next epoch with its (already
 * wrapped) key, stream and shared metrics deleted, lockdown set, then the
 * nudge published. KEYS: state, stream, metrics, services. ARGV: expected
 * epoch, wrapped key for expected + 1, lockdown (0/1), now (ISO).
 */
export const PANIC_SCRIPT = `
local current = redis.call('HGET', KEYS[1], 'epoch')
if current ~= ARGV[1] then return redis.error_reply('EPOCH') end
local cleared = redis.call('XLEN', KEYS[2])
local seq = tonumber(redis.call('HGET', KEYS[1], 'seq'))
redis.call('HSET', KEYS[1], 'epoch', tonumber(current) + 1, 'key', ARGV[2], 'startSeq', seq + 1,
  'lockdown', ARGV[3], 'iv', 0, 'origin', 'panic', 'cleared', cleared, 'lastPanicAt', ARGV[4])
redis.call('HINCRBY', KEYS[1], 'panics', 1)
redis.call('DEL', KEYS[2], KEYS[3], KEYS[4])
redis.call('PUBLISH', '${EVENTS_CHANNEL}', 'epoch')
return cleared
`;

/** KEYS: state. Ends a lockdown and nudges every node. */
export const RESUME_SCRIPT = `
if redis.call('EXISTS', KEYS[1]) == 0 then return redis.error_reply('NOSTATE') end
redis.call('HSET', KEYS[1], 'lockdown', 0)
redis.call('PUBLISH', '${EVENTS_CHANNEL}', 'resumed')
return 1
`;
