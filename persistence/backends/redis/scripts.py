"""Lua scripts that make each session operation atomic on the session's own cluster slot.

Every script touches only KEYS[1] (the session hash) and KEYS[2] (the message list), which share
the hash tag `{session_id}`. Expiry is judged by the store clock passed as ARGV (tests move a fake
clock); PEXPIRE additionally lets Redis reclaim abandoned sessions on its own.
"""

from __future__ import annotations

import hashlib

# Redis keeps a session's keys this long past its expiry, so purge_expired normally finds and counts it.
GRACE_MS = 60_000
MAX_PEXPIRE_MS = 10 * 365 * 86_400_000  # a huge (or infinite) ttl still needs a PEXPIRE Redis accepts

# A session counts as expired when expires_at <= now.
LIVE = """
local function live(expires, now)
  return expires ~= false and (expires == '' or tonumber(expires) > tonumber(now))
end
"""

# ARGV: record JSON, updated_at, expires_at ('' = never), ttl ('' = none), pexpire ms ('' = none),
# message count, now, then the messages' JSON in seq order. Returns 1 if written, 0 if a live session
# has the id (an expired leftover is replaced). RPUSH in slices: Lua's unpack has a stack limit.
# Creating a session is restoring one without messages.
RESTORE = (
    LIVE
    + """
if live(redis.call('HGET', KEYS[1], 'expires_at'), ARGV[7]) then return 0 end
redis.call('DEL', KEYS[1], KEYS[2])
redis.call('HSET', KEYS[1], 'record', ARGV[1], 'updated_at', ARGV[2], 'expires_at', ARGV[3],
           'ttl', ARGV[4], 'count', ARGV[6])
for first = 8, #ARGV, 1000 do
  redis.call('RPUSH', KEYS[2], unpack(ARGV, first, math.min(first + 999, #ARGV)))
end
if ARGV[5] ~= '' then
  redis.call('PEXPIRE', KEYS[1], ARGV[5])
  redis.call('PEXPIRE', KEYS[2], ARGV[5])
end
return 1
"""
)

# ARGV: now, message JSON, grace ms added to the Redis-side TTL, the largest Redis-side TTL in ms.
# Returns false for a missing/expired session, else {seq, new expires_at ('' = never)}.
# '%.17g' round-trips a double exactly, so expires_at equals Python's `now + ttl`.
APPEND = (
    LIVE
    + """
local ttl, expires = unpack(redis.call('HMGET', KEYS[1], 'ttl', 'expires_at'))
if not live(expires, ARGV[1]) then return false end
local seq = redis.call('RPUSH', KEYS[2], ARGV[2])
local new_expires = ''
if ttl ~= '' then
  new_expires = string.format('%.17g', tonumber(ARGV[1]) + tonumber(ttl))
  local ms = math.min(math.ceil(tonumber(ttl) * 1000) + tonumber(ARGV[3]), tonumber(ARGV[4]))
  redis.call('PEXPIRE', KEYS[1], ms)
  redis.call('PEXPIRE', KEYS[2], ms)
end
redis.call('HSET', KEYS[1], 'count', seq, 'updated_at', ARGV[1], 'expires_at', new_expires)
return {seq, new_expires}
"""
)

# ARGV: now, after_seq (-1 = none), limit (-1 = none).
# Returns false for a missing/expired session, else {index of the first message, messages}.
READ = (
    LIVE
    + """
if not live(redis.call('HGET', KEYS[1], 'expires_at'), ARGV[1]) then return false end
local after, limit = tonumber(ARGV[2]), tonumber(ARGV[3])
local n = redis.call('LLEN', KEYS[2])
local first, last = 0, n - 1
if after >= 0 then first = after end
if limit >= 0 and after >= 0 then last = math.min(last, first + limit - 1) end
if limit >= 0 and after < 0 then first = math.max(n - limit, 0) end
if first > last then return {first, {}} end
return {first, redis.call('LRANGE', KEYS[2], first, last)}
"""
)

# ARGV: now, mode ('live' deletes only a live session, 'expired' only a missing/expired one).
# Returns the record JSON of what was deleted (or '' for an already missing one), false otherwise.
DELETE = (
    LIVE
    + """
local record, expires = unpack(redis.call('HMGET', KEYS[1], 'record', 'expires_at'))
if live(expires, ARGV[1]) ~= (ARGV[2] == 'live') then return false end
redis.call('DEL', KEYS[1], KEYS[2])
return record or ''
"""
)

SCRIPTS: dict[str, str] = {"restore": RESTORE, "append": APPEND, "read": READ, "delete": DELETE}
# EVALSHA digests, computed locally so running a script never needs an extra round trip.
SHAS: dict[str, str] = {name: hashlib.sha1(source.encode()).hexdigest() for name, source in SCRIPTS.items()}
