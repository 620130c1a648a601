"""Lua scripts that make each session operation atomic on the session's own cluster slot.

Every script touches only KEYS[1] (the session hash), KEYS[2] (the message list), KEYS[3] (the
hash client_id -> seq) and KEYS[4] (the hash participant -> last read seq), which share the hash tag
`{session_id}`. Expiry is judged by the store clock passed as ARGV (tests move a fake
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
# message count, now, the client ids as a JSON array [client_id, seq, ...], the read cursors as a JSON
# array [participant, seq, ...], then the messages' JSON in seq order. Returns 1 if written, 0 if a live session
# has the id (an expired leftover is replaced). RPUSH in slices: Lua's unpack has a stack limit.
# Creating a session is restoring one without messages.
RESTORE = (
    LIVE
    + """
if live(redis.call('HGET', KEYS[1], 'expires_at'), ARGV[7]) then return 0 end
redis.call('DEL', KEYS[1], KEYS[2], KEYS[3], KEYS[4])
redis.call('HSET', KEYS[1], 'record', ARGV[1], 'updated_at', ARGV[2], 'expires_at', ARGV[3],
           'ttl', ARGV[4], 'count', ARGV[6])
for first = 10, #ARGV, 1000 do
  redis.call('RPUSH', KEYS[2], unpack(ARGV, first, math.min(first + 999, #ARGV)))
end
local clients = cjson.decode(ARGV[8])
for i = 1, #clients, 2 do redis.call('HSET', KEYS[3], clients[i], clients[i + 1]) end
local cursors = cjson.decode(ARGV[9])
for i = 1, #cursors, 2 do redis.call('HSET', KEYS[4], cursors[i], cursors[i + 1]) end
if ARGV[5] ~= '' then
  redis.call('PEXPIRE', KEYS[1], ARGV[5])
  redis.call('PEXPIRE', KEYS[2], ARGV[5])
  redis.call('PEXPIRE', KEYS[3], ARGV[5])
  redis.call('PEXPIRE', KEYS[4], ARGV[5])
end
return 1
"""
)

# ARGV: now, message JSON, grace ms added to the Redis-side TTL, the largest Redis-side TTL in ms,
# client_id ('' = none). Returns false for a missing/expired session; {seq, updated_at, stored JSON}
# when client_id already names a message (nothing written); else {seq, new expires_at ('' = never)}.
# '%.17g' round-trips a double exactly, so expires_at equals Python's `now + ttl`.
APPEND = (
    LIVE
    + """
local ttl, expires = unpack(redis.call('HMGET', KEYS[1], 'ttl', 'expires_at'))
if not live(expires, ARGV[1]) then return false end
if ARGV[5] ~= '' then
  local known = redis.call('HGET', KEYS[3], ARGV[5])
  if known then
    local stored = redis.call('LINDEX', KEYS[2], tonumber(known) - 1)
    return {tonumber(known), redis.call('HGET', KEYS[1], 'updated_at'), stored}
  end
end
local seq = redis.call('RPUSH', KEYS[2], ARGV[2])
if ARGV[5] ~= '' then redis.call('HSET', KEYS[3], ARGV[5], seq) end
local new_expires = ''
if ttl ~= '' then
  new_expires = string.format('%.17g', tonumber(ARGV[1]) + tonumber(ttl))
  local ms = math.min(math.ceil(tonumber(ttl) * 1000) + tonumber(ARGV[3]), tonumber(ARGV[4]))
  redis.call('PEXPIRE', KEYS[1], ms)
  redis.call('PEXPIRE', KEYS[2], ms)
  redis.call('PEXPIRE', KEYS[3], ms)
  redis.call('PEXPIRE', KEYS[4], ms)
end
redis.call('HSET', KEYS[1], 'count', seq, 'updated_at', ARGV[1], 'expires_at', new_expires)
return {seq, new_expires}
"""
)

# ARGV: now, after_seq, limit, before_seq (-1 = none each): the window of history.page_window.
# Returns false for a missing/expired session, else {index of the first message, messages}.
READ = (
    LIVE
    + """
if not live(redis.call('HGET', KEYS[1], 'expires_at'), ARGV[1]) then return false end
local after, limit, before = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local hi = redis.call('LLEN', KEYS[2])
if before >= 0 then hi = math.min(hi, before - 1) end
local lo = 1
if after >= 0 then lo = after + 1 end
if limit >= 0 and (after < 0 or before >= 0) then lo = math.max(lo, hi - limit + 1) end
if limit >= 0 and after >= 0 and before < 0 then hi = math.min(hi, lo + limit - 1) end
if lo > hi then return {lo - 1, {}} end
return {lo - 1, redis.call('LRANGE', KEYS[2], lo - 1, hi - 1)}
"""
)

# ARGV: now, mode ('live' deletes only a live session, 'expired' only a missing/expired one).
# Returns the record JSON of what was deleted (or '' for an already missing one), false otherwise.
DELETE = (
    LIVE
    + """
local record, expires = unpack(redis.call('HMGET', KEYS[1], 'record', 'expires_at'))
if live(expires, ARGV[1]) ~= (ARGV[2] == 'live') then return false end
redis.call('DEL', KEYS[1], KEYS[2], KEYS[3], KEYS[4])
return record or ''
"""
)

# ARGV: now, the record JSON the caller read, the new record JSON, then the people removed (their read
# cursors go). Replaces the record only if it is still exactly the one read (compare-and-set). Returns
# false for a missing/expired session, 0 if the record changed meanwhile (the caller reads again), 1 if
# written.
UPDATE = (
    LIVE
    + """
local record, expires = unpack(redis.call('HMGET', KEYS[1], 'record', 'expires_at'))
if not live(expires, ARGV[1]) then return false end
if record ~= ARGV[2] then return 0 end
redis.call('HSET', KEYS[1], 'record', ARGV[3])
for i = 4, #ARGV do redis.call('HDEL', KEYS[4], ARGV[i]) end
return 1
"""
)

# ARGV: now, participant, seq. Returns false for a missing/expired session, {-1} for someone not in
# the session, {-2, count} for a seq beyond the last message, else {cursor}: the larger of the stored
# cursor and seq, stored (with the session's own Redis-side expiry).
MARK = (
    LIVE
    + """
local record, expires, count = unpack(redis.call('HMGET', KEYS[1], 'record', 'expires_at', 'count'))
if not live(expires, ARGV[1]) then return false end
local member = false
for _, name in ipairs(cjson.decode(record)['participants']) do
  if name == ARGV[2] then member = true end
end
if not member then return {-1} end
if tonumber(ARGV[3]) > tonumber(count) then return {-2, tonumber(count)} end
local cursor = tonumber(redis.call('HGET', KEYS[4], ARGV[2]) or '0')
if tonumber(ARGV[3]) > cursor then
  cursor = tonumber(ARGV[3])
  redis.call('HSET', KEYS[4], ARGV[2], ARGV[3])
  local ms = redis.call('PTTL', KEYS[1])
  if ms > 0 then redis.call('PEXPIRE', KEYS[4], ms) end
end
return {cursor}
"""
)

SCRIPTS: dict[str, str] = {
    "restore": RESTORE,
    "append": APPEND,
    "read": READ,
    "delete": DELETE,
    "update": UPDATE,
    "mark": MARK,
}
# EVALSHA digests, computed locally so running a script never needs an extra round trip.
SHAS: dict[str, str] = {name: hashlib.sha1(source.encode()).hexdigest() for name, source in SCRIPTS.items()}
