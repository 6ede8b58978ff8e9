// holders.lua, run in Redis (see Scripts.swift for why it is Swift text and not a file).
extension Script {
    static let holdersSource = #"""
-- holders.lua: who holds each of some seats of one performance now, in one round trip (a booking asks this inside
-- its transaction just before it commits: one GET and one PTTL per seat were two round trips per seat).
-- KEYS[1..] hold keys bo:{perf:N}:hold:<label>, one per seat
-- ARGV none
-- Returns {value1, ms left1, value2, ms left2, ...} in the order of KEYS; value is "clerk\nsession", or a nil reply
-- (GET's false, which keeps its place in the array) and ms left -2 for a seat nobody holds. Changes nothing.
local reply = {}
for i = 1, #KEYS do
  reply[2 * i - 1] = redis.call('GET', KEYS[i])
  reply[2 * i] = redis.call('PTTL', KEYS[i])
end
return reply
"""#
}
