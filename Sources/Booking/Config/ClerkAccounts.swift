import Foundation

/// Clerks are Unix users in the `boxoffice` group (the database folder and the Redis socket are the group's).
/// `boxoffice clerk add/list/remove` changes the groups with the system's own tools (getent, gpasswd, groupadd) as
/// subprocesses, so /etc/group is edited the way the rest of Debian edits it (locking, nscd, gshadow).
public enum ClerkAccounts {
    public static let group = "boxoffice"
    /// Members can do nothing over SSH but run the seat picker (sshd's ForceCommand).
    public static let onlyGroup = "boxoffice-only"
    public static let sshdDropIn = "/etc/ssh/sshd_config.d/boxoffice.conf"
    public static let installedCommand = "/usr/bin/boxoffice"

    public struct Member: Equatable, Sendable, Encodable {
        public var user: String
        /// In `boxoffice-only`: SSH runs nothing but boxoffice for them.
        public var only: Bool
    }

    /// The sshd drop-in for `--only` clerks: the seat picker whatever they ask to run, and no tunnels of any kind.
    public static func sshdDropInText(command: String = installedCommand) -> String {
        """
        # Written by `boxoffice clerk add --only`: members of \(onlyGroup) can only sell seats over SSH.
        # Removing this file (then `systemctl reload ssh`) gives them an ordinary shell again.
        Match Group \(onlyGroup)
            ForceCommand \(command)
            AllowTcpForwarding no
            X11Forwarding no
            PermitTunnel no
            AllowAgentForwarding no
            AllowStreamLocalForwarding no
            PermitTTY yes
        Match all

        """
    }

    /// The members listed in a `getent group` line (`name:x:gid:alice,bob`).
    public static func members(groupLine: String) -> [String] {
        let fields = groupLine.trimmingCharacters(in: .newlines).split(separator: ":", omittingEmptySubsequences: false)
        guard fields.count >= 4 else { return [] }
        return fields[3].split(separator: ",").map(String.init).filter { !$0.isEmpty }
    }

    // MARK: - The system's tools

    public static func list() throws -> [Member] {
        let clerks = try groupMembers(group) ?? []
        let only = Set(try groupMembers(onlyGroup) ?? [])
        return clerks.sorted().map { Member(user: $0, only: only.contains($0)) }
    }

    /// Adds an existing Unix user to the group (creating the group if the package did not); returns what was done.
    public static func add(user: String, only: Bool) throws -> [String] {
        try requireUser(user)
        try requireRoot("add a clerk", example: "sudo boxoffice clerk add \(user)\(only ? " --only" : "")")
        var notes: [String] = []
        try ensureGroup(group, notes: &notes)
        if try groupMembers(group)?.contains(user) == true {
            notes.append("\(user) is already a clerk (in the \(group) group).")
        } else {
            try tool("gpasswd", ["-a", user, group])
            notes.append("Added \(user) to the \(group) group: they can sell from their next login.")
        }
        if only {
            try ensureGroup(onlyGroup, notes: &notes)
            if try groupMembers(onlyGroup)?.contains(user) != true { try tool("gpasswd", ["-a", user, onlyGroup]) }
            try writeDropIn(notes: &notes)
            notes.append("Over SSH, \(user) can now only run boxoffice (no shell, no forwarding).")
        }
        return notes
    }

    public static func remove(user: String) throws -> [String] {
        try requireUser(user)
        try requireRoot("remove a clerk", example: "sudo boxoffice clerk remove \(user)")
        var notes: [String] = []
        var was = false
        for g in [onlyGroup, group] where try groupMembers(g)?.contains(user) == true {
            try tool("gpasswd", ["-d", user, g])
            was = true
        }
        notes.append(was ? "Removed \(user) from the clerks: from their next login they cannot use the box office (a session open now keeps going until it ends)."
                         : "\(user) was not a clerk; nothing changed.")
        return notes
    }

    static func requireUser(_ user: String) throws {
        guard !user.isEmpty, !user.hasPrefix("-"), user.allSatisfy({ $0.isASCII && !$0.isWhitespace && $0 != ":" && $0 != "," }) else {
            throw BookingError.invalidInput("\"\(SafeText.display(user, limit: 40))\" is not a Unix user name.")
        }
        guard try run("getent", ["passwd", user]).status == 0 else {
            throw BookingError.invalidInput("There is no Unix user \"\(user)\" on this server: create the account first (`sudo adduser \(user)`), then add it as a clerk.")
        }
    }

    static func requireRoot(_ what: String, example: String) throws {
        guard geteuid() == 0 else {
            throw BookingError.accessDenied("Only the server's administrator can \(what), because it changes the Unix groups: run `\(example)`.")
        }
    }

    /// The group's members, or nil when the group does not exist.
    static func groupMembers(_ name: String) throws -> [String]? {
        let result = try run("getent", ["group", name])
        return result.status == 0 ? members(groupLine: result.output) : nil
    }

    static func ensureGroup(_ name: String, notes: inout [String]) throws {
        if try groupMembers(name) == nil {
            try tool("groupadd", ["--system", name])
            notes.append("Created the system group \(name).")
        }
    }

    /// Writes the drop-in (whole, then renamed into place) and has sshd check the result; a configuration sshd
    /// refuses is taken out again, so a clerk command can never lock everyone out of the server.
    static func writeDropIn(notes: inout [String]) throws {
        let text = sshdDropInText()
        if (try? String(contentsOfFile: sshdDropIn, encoding: .utf8)) == text { return }
        let folder = (sshdDropIn as NSString).deletingLastPathComponent
        guard FileManager.default.fileExists(atPath: folder) else {
            throw BookingError.invalidInput("\(folder) does not exist: is openssh-server installed? The clerk was added, but SSH is not restricted for them.")
        }
        let temporary = sshdDropIn + ".new"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(text.utf8), attributes: [.posixPermissions: 0o644]),
              rename(temporary, sshdDropIn) == 0 else {
            throw BookingError.invalidInput("Could not write \(sshdDropIn).")
        }
        if let sshd = ["/usr/sbin/sshd", "/sbin/sshd"].first(where: FileManager.default.isExecutableFile(atPath:)) {
            let check = try run(sshd, ["-t"])
            if check.status != 0, check.output.contains("privilege separation directory") {
                // sshd is not running on this machine (its /run/sshd is missing), so it cannot check: say so.
                notes.append("sshd is not running here, so it could not check \(sshdDropIn): run `sshd -t` once it is.")
            } else if check.status != 0 {
                unlink(sshdDropIn)
                throw BookingError.invalidInput("sshd refused its configuration with \(sshdDropIn), so it was taken out again: \(check.output.trimmingCharacters(in: .whitespacesAndNewlines))")
            }
        }
        notes.append("Wrote \(sshdDropIn); run `systemctl reload ssh` for sshd to read it.")
    }

    @discardableResult
    static func tool(_ name: String, _ args: [String]) throws -> String {
        let result = try run(name, args)
        guard result.status == 0 else {
            throw BookingError.invalidInput("`\(([name] + args).joined(separator: " "))` failed: \(result.output.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        return result.output
    }

    static func run(_ name: String, _ args: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        let path = name.hasPrefix("/") ? name
            : ["/usr/sbin/", "/usr/bin/", "/sbin/", "/bin/"].map { $0 + name }.first(where: FileManager.default.isExecutableFile(atPath:))
        guard let path else { throw BookingError.invalidInput("\(name) is not installed on this server.") }
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = args
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
