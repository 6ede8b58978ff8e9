// holds.lua, run in Redis (see Scripts.swift for why it is Swift text and not a file).
extension Script {
    static let holdsSource = #"""
-- holds.lua: every live hold of one performance, and the version they were read at, in one round trip.
-- KEYS[1] version counter, KEYS[2] hold index
-- ARGV[1] hold key prefix bo:{perf:N}:hold:
-- Returns {version, label1, value1, ms left1, label2, ...}; value is "clerk\nsession".
-- Index entries whose key has gone (expired or deleted) are pruned as they are met.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
local reply = {tonumber(redis.call('GET', KEYS[1]) or 0)}
for _, label in ipairs(redis.call('ZRANGE', KEYS[2], 0, -1)) do
  local key = ARGV[1] .. label
  local v = redis.call('GET', key)
  if v then
    reply[#reply + 1] = label
    reply[#reply + 1] = v
    reply[#reply + 1] = redis.call('PTTL', key)
  else
    redis.call('ZREM', KEYS[2], label)
  end
end
return reply
"""#
}
