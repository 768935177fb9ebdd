import { COUNT_OFFSET } from './block-wire';

/**
 * Every key Redtail keeps in Redis. One state hash holds the epoch, its wrapped data key, the
 * sequence counter and the lockdown flag, so each script below reads and changes them atomically
 * (Redis runs a script without interleaving). Everything an epoch stores lives under keys named
 * after it, so a panic drops exactly the old epoch's data and nothing a newer one wrote.
 */
export const KEYS = {
  state: 'redtail:state',
  nodes: 'redtail:nodes',
  /** Sorted set of sealed blocks, scored by first seq. */
  logs: (epoch: number) => `redtail:logs:${epoch}`,
  /** Entries held in `logs`, kept by the append script. */
  count: (epoch: number) => `redtail:count:${epoch}`,
  metrics: (epoch: number) => `redtail:metrics:${epoch}`,
  services: (epoch: number) => `redtail:services:${epoch}`,
  rate: (epoch: number, second: number) => `redtail:rate:${epoch}:${second}`,
} as const;

/** The keys of an epoch's data, in the order the clear and panic scripts take them. */
export function epochKeys(epoch: number): string[] {
  return [KEYS.logs(epoch), KEYS.count(epoch), KEYS.metrics(epoch), KEYS.services(epoch)];
}

export const EVENTS_CHANNEL = 'redtail:events';

/** Distinct services counted exactly in the shared metrics; beyond, `(other)`, so Redis memory stays flat. */
export const TRACKED_SERVICES = 1_000;

/**
 * Creates the state when there is none (a new cluster, or a Redis that lost everything in a
 * restart). ARGV: epoch, wrapped key, seq floor, origin. Returns 1 when this call created it.
 */
export const INIT_SCRIPT = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], 'epoch', ARGV[1], 'key', ARGV[2], 'seq', ARGV[3],
  'startSeq', tonumber(ARGV[3]) + 1, 'lockdown', 0, 'iv', 0, 'origin', ARGV[4], 'cleared', 0, 'panics', 0)
return 1
`;

/**
 * The current epoch as a node needs it, plus a fresh IV prefix for that node, taken in the same
 * atomic step so a prefix can never belong to another epoch.
 */
export const LOAD_SCRIPT = `
if redis.call('EXISTS', KEYS[1]) == 0 then return false end
local iv = redis.call('HINCRBY', KEYS[1], 'iv', 1)
local s = redis.call('HMGET', KEYS[1], 'epoch', 'key', 'startSeq', 'lockdown', 'origin', 'cleared', 'lastPanicAt', 'panics')
return { s[1], s[2], tostring(iv), s[3], s[4], s[5], s[6], s[7] or '', s[8] }
`;

/**
 * Numbers a batch: checks the epoch and the lockdown, then reserves consecutive seqs; one counter
 * for the whole cluster gives one order. KEYS: state. ARGV: epoch, count. Returns the first seq.
 */
export const RESERVE_SCRIPT = `
local s = redis.call('HMGET', KEYS[1], 'epoch', 'lockdown')
if not s[1] then return redis.error_reply('NOSTATE') end
if s[1] ~= ARGV[1] then return redis.error_reply('EPOCH') end
if s[2] == '1' then return redis.error_reply('LOCKED') end
local n = tonumber(ARGV[2])
return redis.call('HINCRBY', KEYS[1], 'seq', n) - n + 1
`;

/**
 * Stores one sealed block of reserved seqs, then evicts the oldest blocks while the epoch holds
 * more than the entry cap (whole blocks, so the cap may be undershot by less than one block).
 * Blocks from several nodes may arrive out of seq order; the sorted set keeps them in order.
 * KEYS: state, logs, count. ARGV: epoch, max entries, first seq, count, member.
 * Returns the number of entries evicted.
 */
export const APPEND_SCRIPT = `
if redis.call('HGET', KEYS[1], 'epoch') ~= ARGV[1] then return redis.error_reply('EPOCH') end
redis.call('ZADD', KEYS[2], ARGV[3], ARGV[5])
local total = redis.call('INCRBY', KEYS[3], ARGV[4])
local max = tonumber(ARGV[2])
local evicted = 0
while total > max do
  local oldest = redis.call('ZPOPMIN', KEYS[2])
  if #oldest == 0 then break end
  local n = struct.unpack('>H', oldest[1], ${COUNT_OFFSET + 1})
  total = redis.call('DECRBY', KEYS[3], n)
  evicted = evicted + n
end
return evicted
`;

/** Drops one epoch's data. KEYS: logs, count, metrics, services. Returns the entries it held. */
export const CLEAR_SCRIPT = `
local n = tonumber(redis.call('GET', KEYS[2]) or '0')
redis.call('DEL', KEYS[1], KEYS[2], KEYS[3], KEYS[4])
return n
`;

/**
 * Counts what one node stored in one flush, in the shared metrics of its epoch (one HINCRBY per
 * distinct field, not per entry). KEYS: metrics, services, rate. ARGV: now, total, #fields,
 * (field, delta)…, #services, (service, delta)…
 */
export const COUNT_SCRIPT = `
local i = 3
local fields = tonumber(ARGV[i]); i = i + 1
for _ = 1, fields do
  redis.call('HINCRBY', KEYS[1], ARGV[i], ARGV[i + 1]); i = i + 2
end
local services = tonumber(ARGV[i]); i = i + 1
for _ = 1, services do
  local name = ARGV[i]
  if redis.call('HEXISTS', KEYS[2], name) == 0 and redis.call('HLEN', KEYS[2]) >= ${TRACKED_SERVICES} then
    name = '(other)'
  end
  redis.call('HINCRBY', KEYS[2], name, ARGV[i + 1]); i = i + 2
end
redis.call('HSET', KEYS[1], 'lastLogAt', ARGV[1])
redis.call('INCRBY', KEYS[3], ARGV[2])
redis.call('EXPIRE', KEYS[3], 120)
return 1
`;

/**
 * The cluster-wide panic in one atomic step: the next epoch with its (already wrapped) key, the
 * lockdown flag, the old epoch's data dropped (whatever landed after the node that panicked
 * cleared it), then the nudge published. KEYS: state, then the old epoch's logs, count, metrics,
 * services. ARGV: expected epoch, wrapped key for expected + 1, lockdown (0/1), now (ISO), cleared.
 */
export const PANIC_SCRIPT = `
local current = redis.call('HGET', KEYS[1], 'epoch')
if current ~= ARGV[1] then return redis.error_reply('EPOCH') end
local seq = tonumber(redis.call('HGET', KEYS[1], 'seq'))
redis.call('HSET', KEYS[1], 'epoch', tonumber(current) + 1, 'key', ARGV[2], 'startSeq', seq + 1,
  'lockdown', ARGV[3], 'iv', 0, 'origin', 'panic', 'cleared', ARGV[5], 'lastPanicAt', ARGV[4])
redis.call('HINCRBY', KEYS[1], 'panics', 1)
redis.call('DEL', KEYS[2], KEYS[3], KEYS[4], KEYS[5])
redis.call('PUBLISH', '${EVENTS_CHANNEL}', 'epoch')
return 1
`;

/** KEYS: state. Ends a lockdown and nudges every node. */
export const RESUME_SCRIPT = `
if redis.call('EXISTS', KEYS[1]) == 0 then return redis.error_reply('NOSTATE') end
redis.call('HSET', KEYS[1], 'lockdown', 0)
redis.call('PUBLISH', '${EVENTS_CHANNEL}', 'resumed')
return 1
`;
