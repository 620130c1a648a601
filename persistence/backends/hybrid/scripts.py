"""Lua scripts of the hybrid store's Redis cache: a session's stamp hash and its tail list change together.

Per session two keys share the hash tag `{id}` (so they also work on a Redis Cluster):
`PREFIX:{ID}:stamp` (hash: created, count, updated — the durable session they were copied from) and
`PREFIX:{ID}:tail` (list of JSON messages; its last element has seq = count). Every script keeps that
invariant, so a reader that finds the stamp equal to the durable session's reads exactly its messages.
"""

from __future__ import annotations

import hashlib

# KEYS: stamp, tail. ARGV: created, count, updated (the durable session, as text), lo, hi (seqs).
# Returns the messages lo..hi, or false when the stamp differs or the tail does not reach back to lo.
READ = """
local s = redis.call('HMGET', KEYS[1], 'created', 'count', 'updated')
if s[1] ~= ARGV[1] or s[2] ~= ARGV[2] or s[3] ~= ARGV[3] then return false end
local first = tonumber(ARGV[2]) - redis.call('LLEN', KEYS[2]) + 1
local lo, hi = tonumber(ARGV[4]), tonumber(ARGV[5])
if lo < first then return false end
return redis.call('LRANGE', KEYS[2], lo - first, hi - first)
"""

# KEYS: stamp, tail. ARGV: created, count, updated, ttl ms, then the messages (oldest first, last has seq = count).
# Replaces the entry, unless it already holds a later snapshot of the same session (a concurrent fill
# or append got there first). Returns 1 if written, 0 if kept.
FILL = """
local s = redis.call('HMGET', KEYS[1], 'created', 'count')
if s[1] == ARGV[1] and s[2] and tonumber(s[2]) > tonumber(ARGV[2]) then return 0 end
redis.call('DEL', KEYS[2])
if #ARGV > 4 then redis.call('RPUSH', KEYS[2], unpack(ARGV, 5)) end
redis.call('HSET', KEYS[1], 'created', ARGV[1], 'count', ARGV[2], 'updated', ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
redis.call('PEXPIRE', KEYS[2], ARGV[4])
return 1
"""

# KEYS: stamp, tail. ARGV: seq, updated, message JSON, tail size, ttl ms.
# Appends only if the cached tail ends at seq - 1: appends from two processes may arrive out of order,
# and then the later one is skipped (readers see a stale stamp, fall back and refill). Returns 1 if appended.
EXTEND = """
local count = redis.call('HGET', KEYS[1], 'count')
if not count or tonumber(count) ~= tonumber(ARGV[1]) - 1 then return 0 end
redis.call('RPUSH', KEYS[2], ARGV[3])
redis.call('LTRIM', KEYS[2], -tonumber(ARGV[4]), -1)
redis.call('HSET', KEYS[1], 'count', ARGV[1], 'updated', ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
redis.call('PEXPIRE', KEYS[2], ARGV[5])
return 1
"""

# KEYS: stamp, tail. Forgets the session (after a delete or a restore).
DROP = "return redis.call('DEL', KEYS[1], KEYS[2])"

SCRIPTS: dict[str, str] = {"read": READ, "fill": FILL, "extend": EXTEND, "drop": DROP}
SHAS: dict[str, str] = {name: hashlib.sha1(source.encode()).hexdigest() for name, source in SCRIPTS.items()}
