// release.lua, run in Redis (see Scripts.swift for why it is Swift text and not a file).
extension Script {
    static let releaseSource = #"""
-- release.lua: remove a clerk's holds (compare-and-delete: only the owner's holds go).
-- KEYS[1] version counter, KEYS[2] hold index, KEYS[3] audit stream, KEYS[4..] hold keys (as in hold.lua)
-- ARGV[1] events channel, ARGV[2] clerk, ARGV[3] session,
-- ARGV[4] scope: "strict"  every seat must be held by the clerk, else nothing changes
--                "clerk"   release whichever of the seats the clerk holds
--                "session" release whichever of the seats this session placed (a TUI quitting)
-- ARGV[5] event kind to publish: "release" or "book" (after a booking commits, naming every booked seat)
-- ARGV[6] booking reference for "book", or ""
-- ARGV[7..] seat labels
-- Returns {0, version, released labels...} or {2, labels not held...} (strict only; nothing changed).
local clerk, session, scope, kind, reference = ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6]
local n = #KEYS - 3
local function mine(v)
  if not v then return false end
  local owner, placer = string.match(v, '^([^\n]*)\n(.*)$')
  if owner ~= clerk then return false end
  return scope ~= 'session' or placer == session
end
if scope == 'strict' then
  local missing = {2}
  for i = 1, n do
    if not mine(redis.call('GET', KEYS[3 + i])) then missing[#missing + 1] = ARGV[6 + i] end
  end
  if #missing > 1 then return missing end
end
local released = {}
for i = 1, n do
  if mine(redis.call('GET', KEYS[3 + i])) then
    redis.call('DEL', KEYS[3 + i])
    redis.call('ZREM', KEYS[2], ARGV[6 + i])
    released[#released + 1] = ARGV[6 + i]
  end
end
local labels = released
if kind == 'book' then
  labels = {}
  for i = 1, n do labels[i] = ARGV[6 + i] end
end
if #labels == 0 then return {0, tonumber(redis.call('GET', KEYS[1]) or 0)} end
local version = redis.call('INCR', KEYS[1])
redis.call('PUBLISH', ARGV[1], cjson.encode({kind = kind, version = version, labels = labels,
  clerk = clerk, session = session, reference = reference}))
if #released > 0 then
  redis.call('XADD', KEYS[3], 'MAXLEN', '~', '10000', '*', 'action', 'release', 'clerk', clerk,
    'session', session, 'seats', table.concat(released, ' '), 'reason', kind)
end
local reply = {0, version}
for i = 1, #released do reply[#reply + 1] = released[i] end
return reply
"""#
}
