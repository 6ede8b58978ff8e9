// settle_batch.lua, run in Redis (see Scripts.swift for why it is Swift text and not a file).
extension Script {
    static let settleBatchSource = #"""
-- settle_batch.lua: after a group commit, clear the leases and holds of several bookings of one performance and
-- announce each booking that committed, as release.lua does for one booking (compare-and-delete: only the holder's
-- keys go).
-- KEYS[1] version counter, KEYS[2] hold index, KEYS[3] audit stream, KEYS[4..] hold keys, every booking's seats one
--         after another, as in ARGV
-- ARGV[1] events channel, ARGV[2..] per booking: holder, session, booking reference, seat count n, then n labels.
--         A booking that committed names all its seats: the holder's holds on them go, and a `book` event names them.
--         One that did not (reference "") names the seats it newly leased: they go without an event (never announced).
-- Returns {0, version}.
local a, k = 2, 3
while a <= #ARGV do
  local holder, session, reference, n = ARGV[a], ARGV[a + 1], ARGV[a + 2], tonumber(ARGV[a + 3])
  local labels, released = {}, {}
  for i = 1, n do
    local key, label = KEYS[k + i], ARGV[a + 3 + i]
    labels[i] = label
    local v = redis.call('GET', key)
    if v and string.match(v, '^([^\n]*)') == holder then
      redis.call('DEL', key)
      redis.call('ZREM', KEYS[2], label)
      released[#released + 1] = label
    end
  end
  if reference ~= '' then
    local version = redis.call('INCR', KEYS[1])
    redis.call('PUBLISH', ARGV[1], cjson.encode({kind = 'book', version = version, labels = labels,
      clerk = holder, session = session, reference = reference}))
    if #released > 0 then
      redis.call('XADD', KEYS[3], 'MAXLEN', '~', '10000', '*', 'action', 'release', 'clerk', holder,
        'session', session, 'seats', table.concat(released, ' '), 'reason', 'book')
    end
  end
  a = a + 4 + n
  k = k + n
end
return {0, tonumber(redis.call('GET', KEYS[1]) or 0)}
"""#
}
