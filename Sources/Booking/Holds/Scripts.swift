import Foundation

/// The Lua scripts shipped as files in the package (Sources/Booking/Scripts), read once.
enum Script: String, CaseIterable, Sendable {
    case hold, release, holds, holders, notify

    var source: String { Self.sources[self]! }

    private static let sources: [Script: String] = {
        var result: [Script: String] = [:]
        for script in Script.allCases {
            guard let url = Bundle.module.url(forResource: script.rawValue, withExtension: "lua", subdirectory: "Scripts"),
                  let text = try? String(contentsOf: url, encoding: .utf8)
            else { fatalError("boxoffice is installed without its Lua scripts (\(script.rawValue).lua)") }
            result[script] = text
        }
        return result
    }()
}
