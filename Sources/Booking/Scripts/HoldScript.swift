// hold.lua, run in Redis (see Scripts.swift for why it is Swift text and not a file).
extension Script {
    static let holdSource = #"""
-- hold.lua: hold several seats of one performance for one clerk, all or nothing.
-- KEYS[1] version counter   bo:{perf:N}:ver
-- KEYS[2] hold index (zset) bo:{perf:N}:holds   member = seat label, score = expiry (ms, Redis clock)
-- KEYS[3] audit stream      bo:{perf:N}:audit   capped
-- KEYS[4..] hold keys       bo:{perf:N}:hold:<label>, one per seat, in the order of ARGV[6..]
-- ARGV[1] events channel, ARGV[2] clerk, ARGV[3] session, ARGV[4] ttl in ms,
-- ARGV[5] mode: "hold" (take, or re-take and extend, setting this session as the placer)
--               "lease" (for a booking: take free seats; on seats already mine keep the placer, extend only)
-- ARGV[6] the most seats the clerk (holder) may hold at once across every performance, counting these; 0: no limit
--         (a web shop's customer token). Counted here, in the same step as the hold, so that two requests of one
--         token at once, for one performance or for two, cannot both pass the limit.
-- ARGV[7] with a limit: the holder's set   bo:{holder:H}:holds   members = hold keys (bo:{perf:N}:hold:<label>)
--         the holder's seats of every performance; "" without a limit. A member counts only while its hold key still
--         exists and is the holder's (so a hold that expired, was released, booked or taken over never counts and never
--         locks the holder out) and is pruned when found otherwise. Not in KEYS: it is the one key outside the
--         performance's hash slot, and an unlimited hold (every clerk's) must not name it.
-- ARGV[8] with a limit: how long the set outlives this hold (ms: the hold's ttl and a booking's lease on top)
-- ARGV[9..] seat labels
-- Returns {0, version, labels newly taken (free before)...} on success,
--         {1, label, owner clerk, ms left} when a seat is held by another clerk (nothing changed),
--         {2, seats the clerk holds besides these, seats asked for} when that would pass the limit (nothing changed).
local clerk, session, ttl, mode = ARGV[2], ARGV[3], tonumber(ARGV[4]), ARGV[5]
local limit, mine, life = tonumber(ARGV[6]), ARGV[7], tonumber(ARGV[8])
local first = 8
local n = #KEYS - 3
for i = 1, n do
  local v = redis.call('GET', KEYS[3 + i])
  if v then
    local owner = string.match(v, '^([^\n]*)')
    if owner ~= clerk then
      return {1, ARGV[first + i], owner, redis.call('PTTL', KEYS[3 + i])}
    end
  end
end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
if limit > 0 then
  local asked = {}
  for i = 1, n do asked[KEYS[3 + i]] = true end
  local others = 0
  for _, key in ipairs(redis.call('SMEMBERS', mine)) do
    if not asked[key] then
      local v = redis.call('GET', key)
      if v and string.match(v, '^([^\n]*)') == clerk then
        others = others + 1
      else
        redis.call('SREM', mine, key)
      end
    end
  end
  if others + n > limit then return {2, others, n} end
  for i = 1, n do redis.call('SADD', mine, KEYS[3 + i]) end
  if redis.call('PTTL', mine) < life then redis.call('PEXPIRE', mine, life) end
end
local labels, taken = {}, {}
for i = 1, n do
  local key, label = KEYS[3 + i], ARGV[first + i]
  local expiry = now + ttl
  local existed = redis.call('EXISTS', key) == 1
  if not existed then taken[#taken + 1] = label end
  if mode == 'lease' and existed then
    local left = redis.call('PTTL', key)
    if left < ttl then redis.call('PEXPIRE', key, ttl) else expiry = now + left end
  else
    redis.call('SET', key, clerk .. '\n' .. session, 'PX', ttl)
  end
  redis.call('ZADD', KEYS[2], expiry, label)
  labels[i] = label
end
local version = redis.call('INCR', KEYS[1])
redis.call('PUBLISH', ARGV[1], cjson.encode({kind = 'hold', version = version, labels = labels,
  clerk = clerk, session = session, ttlMs = ttl}))
redis.call('XADD', KEYS[3], 'MAXLEN', '~', '10000', '*', 'action', mode, 'clerk', clerk, 'session', session,
  'seats', table.concat(labels, ' '), 'ttl_ms', ttl)
local reply = {0, version}
for i = 1, #taken do reply[#reply + 1] = taken[i] end
return reply
"""#
}
