/// Where a hold expires: every duration that decides how long a seat stays held, in one place.
///
/// A hold is a Redis key with a millisecond expiry (`hold.lua` sets it, Redis removes it on time; the seat picker also
/// frees a seat on screen at its deadline, in case Redis' notice is late). Its length is `RESERVATION_TIMEOUT`
/// (`Settings.reservationTimeoutMs`, default `defaultTTLSeconds`) or `reserve --ttl`, within `maxTTLSeconds`.
/// A booking leases its seats for `leaseMs` while it commits; the seat picker renews the clerk's holds while the
/// booking form is open, up to `formExtensionCapMs`.
public enum HoldTiming {
    /// How long a hold lasts when RESERVATION_TIMEOUT is not set.
    public static let defaultTTLSeconds = 300.0
    /// The longest hold RESERVATION_TIMEOUT or `--ttl` may ask for: a day.
    public static let maxTTLSeconds = 86_400.0

    /// How long a booking keeps its seats leased in Redis while it commits, and how much of that must remain when the
    /// commit happens: a booker paused past its lease must not commit over another clerk's new hold.
    public static let leaseMs = 15_000
    public static let leaseMarginMs = 3_000

    /// The seat picker, while the booking form is open and the clerk types: holds are renewed at most this often
    /// (sooner for short hold times), so typing does not flood Redis...
    public static let extendEveryMs = 15_000
    /// ...and for at most this long after the form opened, so a forgotten form cannot hold seats all evening.
    public static let formExtensionCapMs = 10 * 60 * 1000
    /// The status bar warns when the clerk's first hold has this little time left.
    public static let warnBeforeExpiryMs: Int64 = 30_000
}
