import { setOwn } from '@redtail/masking';

/**
 * The fields of a decoded record that a mapper has not made into the entry's own parts, as a new
 * object. Mappers collect the keys they take and copy the rest once: copying a record and then
 * `delete`-ing keys from it turns the copy into a slow dictionary object, which every later step
 * (masking, the sealed JSON) reads on V8's generic path. Copying only what stays took the
 * Elasticsearch door's mapping from 4.5–5.5 to 3.9–4.1 µs per ECS document (bench/findings.md,
 * 2026-12-03). `setOwn` keeps a `__proto__` field an own field, as a spread does, so the validation
 * that refuses such a key still sees it.
 */
export function fieldsWithout(
  record: Readonly<Record<string, unknown>>,
  taken: ReadonlySet<string>,
  replaced?: ReadonlyMap<string, Record<string, unknown> | undefined>,
): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const key of Object.keys(record)) {
    if (taken.has(key)) continue;
    if (replaced?.has(key)) {
      const value = replaced.get(key);
      if (value !== undefined) setOwn(kept, key, value);
      continue;
    }
    setOwn(kept, key, record[key]);
  }
  return kept;
}
