"""Lua scripts of the hybrid store's Redis cache: a session's stamp hash and its tail list change together.

Per session two keys share the hash tag `{id}` (so they also work on a Redis Cluster):
`PREFIX:{ID}:stamp` (hash: incarnation, count, updated — the durable record they were copied from —
and bytes, the tail's size) and
`PREFIX:{ID}:tail` (list of JSON messages; its last element has seq = count). Every script keeps that
invariant, so a reader that finds the stamp equal to the durable session's reads exactly its messages.
"""

from __future__ import annotations

import hashlib

# KEYS: stamp, tail. ARGV: incarnation, count, updated (the durable session, as text), lo, hi (seqs).
# Returns the messages lo..hi, or false when the stamp differs or the tail does not reach back to lo.
# An entry written before stamps held the incarnation has none, so it never matches.
READ = """
local s = redis.call('HMGET', KEYS[1], 'incarnation', 'count', 'updated')
if s[1] ~= ARGV[1] or s[2] ~= ARGV[2] or s[3] ~= ARGV[3] then return false end
local first = tonumber(ARGV[2]) - redis.call('LLEN', KEYS[2]) + 1
local lo, hi = tonumber(ARGV[4]), tonumber(ARGV[5])
if lo < first then return false end
return redis.call('LRANGE', KEYS[2], lo - first, hi - first)
"""

# KEYS: stamp, tail. ARGV: incarnation, count, updated, ttl ms, bytes, then the messages (oldest first,
# last has seq = count; any number of them, down to none: the tail is whatever the reader had read).
# Replaces the entry, unless it already holds a later snapshot of the same record (a concurrent fill
# or append got there first). Returns 1 if written, 0 if kept.
FILL = """
local s = redis.call('HMGET', KEYS[1], 'incarnation', 'count')
if s[1] == ARGV[1] and s[2] and tonumber(s[2]) > tonumber(ARGV[2]) then return 0 end
redis.call('DEL', KEYS[2])
if #ARGV > 5 then redis.call('RPUSH', KEYS[2], unpack(ARGV, 6)) end
redis.call('HSET', KEYS[1], 'incarnation', ARGV[1], 'count', ARGV[2], 'updated', ARGV[3], 'bytes', ARGV[5])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
redis.call('PEXPIRE', KEYS[2], ARGV[4])
return 1
"""

# KEYS: stamp, tail. ARGV: seq, updated, message JSON, tail size, ttl ms, tail bytes.
# Appends only if the cached tail ends at seq - 1: appends from two processes may arrive out of order,
# and then the later one is skipped (readers see a stale stamp, fall back and refill). Then drops the
# oldest messages until the tail holds at most `size` messages and `bytes` bytes. Returns 1 if appended.
EXTEND = """
local count = redis.call('HGET', KEYS[1], 'count')
if not count or tonumber(count) ~= tonumber(ARGV[1]) - 1 then return 0 end
local length = redis.call('RPUSH', KEYS[2], ARGV[3])
local bytes = redis.call('HINCRBY', KEYS[1], 'bytes', #ARGV[3])
local size, cap = tonumber(ARGV[4]), tonumber(ARGV[6])
while length > 0 and (length > size or bytes > cap) do
  bytes = redis.call('HINCRBY', KEYS[1], 'bytes', -#redis.call('LPOP', KEYS[2]))
  length = length - 1
end
redis.call('HSET', KEYS[1], 'count', ARGV[1], 'updated', ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
redis.call('PEXPIRE', KEYS[2], ARGV[5])
return 1
"""

# KEYS: stamp, tail. Forgets the session (after a delete or a restore).
DROP = "return redis.call('DEL', KEYS[1], KEYS[2])"

SCRIPTS: dict[str, str] = {"read": READ, "fill": FILL, "extend": EXTEND, "drop": DROP}
SHAS: dict[str, str] = {name: hashlib.sha1(source.encode()).hexdigest() for name, source in SCRIPTS.items()}
