/// A Redis hold on one seat: owned by a clerk (any of the clerk's processes may book, extend or release it),
/// placed by one session (so a TUI that quits releases only what it placed).
public struct Hold: Sendable, Hashable, Codable {
    public var label: String
    public var clerk: String
    public var session: String
    public var expiresInMs: Int

    public init(label: String, clerk: String, session: String, expiresInMs: Int) {
        self.label = label
        self.clerk = clerk
        self.session = session
        self.expiresInMs = expiresInMs
    }
}

/// Who is acting: the clerk's name (from --clerk, BOXOFFICE_CLERK or the login), the Unix user behind it,
/// and this process's session id.
public struct Clerk: Sendable, Hashable, Codable {
    public var name: String
    public var unixUser: String
    public var session: String
    /// Who owns the holds this clerk places, as Redis records it: the clerk's name, so that any process of the clerk
    /// may book, extend or release them; narrower for a web shop's customer (the HTTP server's `X-Hold-Token`), whose
    /// holds belong to that token alone while bookings and the audit log still name the clerk.
    public var holder: String

    public init(name: String, unixUser: String, session: String, holder: String? = nil) {
        self.name = name
        self.unixUser = unixUser
        self.session = session
        self.holder = holder ?? name
    }
}

/// Which holds a release may remove. `strict`: every seat named must be this clerk's, else nothing changes (a clerk
/// releasing by hand); `clerk`: whichever of them are this clerk's (after a booking); `session`: only what this
/// process placed (a seat picker quitting leaves the clerk's other sessions' holds alone).
public enum ReleaseScope: String, Sendable { case strict, clerk, session }
