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
-- ARGV[6..] seat labels
-- Returns {0, version, labels newly taken (free before)...} on success,
--         {1, label, owner clerk, ms left} when a seat is held by another clerk (nothing changed).
local clerk, session, ttl, mode = ARGV[2], ARGV[3], tonumber(ARGV[4]), ARGV[5]
local n = #KEYS - 3
for i = 1, n do
  local v = redis.call('GET', KEYS[3 + i])
  if v then
    local owner = string.match(v, '^([^\n]*)')
    if owner ~= clerk then
      return {1, ARGV[5 + i], owner, redis.call('PTTL', KEYS[3 + i])}
    end
  end
end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local labels, taken = {}, {}
for i = 1, n do
  local key, label = KEYS[3 + i], ARGV[5 + i]
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
