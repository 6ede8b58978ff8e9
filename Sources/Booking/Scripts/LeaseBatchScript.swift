// lease_batch.lua, run in Redis (see Scripts.swift for why it is Swift text and not a file).
extension Script {
    static let leaseBatchSource = #"""
-- lease_batch.lua: lease the seats of several bookings of one performance in one step, each booking all or nothing
-- (the HTTP server's group commit leases every booking of a batch at once, inside the batch's transaction).
-- KEYS[1] hold index (zset) bo:{perf:N}:holds
-- KEYS[2..] hold keys       bo:{perf:N}:hold:<label>, every booking's seats one after another, as in ARGV
-- ARGV[1] ttl in ms, ARGV[2..] per booking: holder, session, seat count n, then its n seat labels
-- A seat held by another holder refuses its booking (nothing changes for it). A seat already the holder's keeps its
-- placer and is extended to the ttl if it had less; a free seat is leased (SET PX). A lease is neither announced nor
-- indexed: the booking's `book` event follows within milliseconds (settle_batch.lua), and the lease of a booking that
-- fails is removed there unseen.
-- Returns one entry per booking: {0, labels newly leased...} or {1, label, owner, ms left}.
local ttl = tonumber(ARGV[1])
local now
local replies = {}
local a, k = 2, 1
while a <= #ARGV do
  local holder, session, n = ARGV[a], ARGV[a + 1], tonumber(ARGV[a + 2])
  local refusal
  for i = 1, n do
    local v = redis.call('GET', KEYS[k + i])
    if v then
      local owner = string.match(v, '^([^\n]*)')
      if owner ~= holder then
        refusal = {1, ARGV[a + 2 + i], owner, redis.call('PTTL', KEYS[k + i])}
        break
      end
    end
  end
  if refusal then
    replies[#replies + 1] = refusal
  else
    local taken = {0}
    for i = 1, n do
      local key, label = KEYS[k + i], ARGV[a + 2 + i]
      local left = redis.call('PTTL', key)
      if left == -2 then
        redis.call('SET', key, holder .. '\n' .. session, 'PX', ttl)
        taken[#taken + 1] = label
      elseif left >= 0 and left < ttl then
        if not now then
          local t = redis.call('TIME')
          now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        end
        redis.call('PEXPIRE', key, ttl)
        redis.call('ZADD', KEYS[1], 'XX', now + ttl, label)
      end
    end
    replies[#replies + 1] = taken
  end
  a = a + 3 + n
  k = k + n
end
return replies
"""#
}
