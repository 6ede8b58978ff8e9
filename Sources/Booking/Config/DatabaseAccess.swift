import Foundation

/// Whether this Unix user may use the database at all, asked before SQLite is: a clerk outside the `boxoffice` group
/// should read one plain sentence saying so and who can fix it, not "unable to open database file".
enum DatabaseAccess {
    /// nil when the user may read and write the database (or may create it, with `create`).
    static func refusal(path: String, create: Bool) -> BookingError? {
        let folder = (path as NSString).deletingLastPathComponent
        // The first folder on the way that this user cannot pass through, or the database's own folder or file.
        var blocked: String?
        var walked = ""
        for part in folder.split(separator: "/") {
            walked += "/"
            walked += String(part)  // not `"/" + part`: String + Substring is generic and looks Substring up at run time
            var st = stat()
            guard stat(walked, &st) == 0 else { break }   // missing: reported by whoever opens it
            if denied(walked, X_OK) { blocked = walked; break }
        }
        if blocked == nil, FileManager.default.fileExists(atPath: path) {
            if denied(path, R_OK | W_OK) { blocked = path }
            else if denied(folder, W_OK) { blocked = folder }   // WAL and its index live beside the file
        } else if blocked == nil, create, FileManager.default.fileExists(atPath: folder), denied(folder, W_OK) {
            blocked = folder
        }
        guard let blocked else { return nil }
        return .accessDenied(sentence(database: path, blocked: blocked))
    }

    /// Refused for lack of permission; a read-only disk (EROFS) is not that, and SQLite's own message says it better.
    private static func denied(_ path: String, _ mode: Int32) -> Bool {
        access(path, mode) != 0 && errno == EACCES
    }

    static func sentence(database: String, blocked: String) -> String {
        let user = Clerk.unixUserName()
        var st = stat()
        let group = stat(blocked, &st) == 0 ? getgrgid(st.st_gid).map { String(cString: $0.pointee.gr_name) } : nil
        guard let group, group != "root" else {
            return "You (\(user)) may not use the box office's database at \(database): ask the server's administrator to let you in (`sudo boxoffice clerk add \(user)`)."
        }
        if isListedMember(user: user, group: group) {
            return "You (\(user)) were added to the \(group) group after you logged in: log out and log in again to use the box office's database at \(database)."
        }
        return "You (\(user)) are not in the \(group) group, which may use the box office's database at \(database): ask the server's administrator to add you (`sudo boxoffice clerk add \(user)`)."
    }

    /// Whether /etc/group (or the user's primary group) names the user as a member, whatever this process's groups are.
    static func isListedMember(user: String, group: String) -> Bool {
        guard let entry = getgrnam(group) else { return false }
        let gid = entry.pointee.gr_gid
        if let pw = getpwnam(user), pw.pointee.pw_gid == gid { return true }
        var member = entry.pointee.gr_mem
        while let name = member?.pointee {
            if String(cString: name) == user { return true }
            member = member?.advanced(by: 1)
        }
        return false
    }
}
