import Foundation

/// Temporary folders of one test process, under one root that a test class removes when it ends (`removeAll`).
public enum TempFolder {
    public static var root: String {
        (ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp") + "/boxoffice-test-\(getpid())"
    }

    /// A new, empty folder whose name starts with `name`.
    public static func make(_ name: String) throws -> String {
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        var template = Array("\(root)/\(name).XXXXXX".utf8CString)
        guard mkdtemp(&template) != nil else { throw TestFailure("mkdtemp failed") }
        return String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    public static func removeAll() { try? FileManager.default.removeItem(atPath: root) }
}

/// Polls a condition that time will make true (a hold's expiry, a server answering) until it holds or the deadline
/// passes: where no signal exists, this is the wait, never a fixed sleep.
public func eventually(within seconds: Double = 10, _ condition: () throws -> Bool) rethrows -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if try condition() { return true }
        usleep(10_000)
    }
    return try condition()
}
