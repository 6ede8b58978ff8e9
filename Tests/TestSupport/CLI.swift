import Foundation
#if canImport(XCTest)
import XCTest
#endif

/// The built `boxoffice`: BOXOFFICE_BIN (set by scripts/test.sh), else the one next to this test bundle.
public enum CLI {
    public static var path: String {
        if let bin = ProcessInfo.processInfo.environment["BOXOFFICE_BIN"], !bin.isEmpty { return bin }
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var dir = URL(fileURLWithPath: exe).deletingLastPathComponent()
        while dir.path != "/" {
            let candidate = dir.appendingPathComponent("boxoffice").path
            if FileManager.default.isExecutableFile(atPath: candidate), !candidate.hasSuffix(".xctest") { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return "boxoffice"
    }

    /// The binary, or a visible skip when it has not been built.
    public static func binary() throws -> String {
        let p = path
        guard FileManager.default.isExecutableFile(atPath: p) else {
            let why = "the boxoffice binary is not built (\(p)): run `swift build` or `make test`."
            // A plain `swift build` also compiles this target, where XCTest is not to be had.
            #if canImport(XCTest)
            throw XCTSkip(why)
            #else
            throw TestFailure(why)
            #endif
        }
        return p
    }

    /// Starts `boxoffice <args>` without waiting (for races of many processes): `.wait()` collects it.
    public static func start(_ args: [String], env: [String: String]) throws -> Spawned {
        try Spawned(try binary(), arguments: args, env: env)
    }

    public static func run(_ args: [String], env: [String: String]) throws -> RunResult {
        try start(args, env: env).wait()
    }

    public static func runRaw(_ args: [[UInt8]], env: [String: String]) throws -> RunResult {
        try Spawned(try binary(), args, env: env).wait()
    }
}
