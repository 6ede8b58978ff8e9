// notify.lua, run in Redis (see Scripts.swift for why it is Swift text and not a file).
extension Script {
    static let notifySource = #"""
-- notify.lua: announce a change that SQLite made (a cancellation, a block or unblock) to every open map.
-- KEYS[1] version counter, KEYS[2] audit stream
-- ARGV[1] events channel, ARGV[2] kind ("cancel", "block", "unblock"), ARGV[3] clerk, ARGV[4] session,
-- ARGV[5] booking reference or "", ARGV[6..] seat labels
-- Returns {0, version}.
local labels = {}
for i = 6, #ARGV do labels[#labels + 1] = ARGV[i] end
local version = redis.call('INCR', KEYS[1])
redis.call('PUBLISH', ARGV[1], cjson.encode({kind = ARGV[2], version = version, labels = labels,
  clerk = ARGV[3], session = ARGV[4], reference = ARGV[5]}))
return {0, version}
"""#
}
