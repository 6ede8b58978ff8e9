import Booking
import Foundation
import Testing
@testable import TUI

/// One table of key bindings drives the help overlay, the status-bar hints and the README's key table.
@Suite struct BindingsTests {
    typealias F = Fixtures

    static let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("README.md")
    static let begin = "<!-- keys: made from Bindings.all in Sources/TUI/Core/Bindings.swift; `make readme-keys` rewrites it -->"
    static let end = "<!-- end of keys -->"

    /// Fails with a diff when the README's key table and the bindings disagree; `TUI_RECORD=1` (`make readme-keys`) rewrites it.
    @Test func theReadmeKeyTableIsMadeFromTheBindings() throws {
        var text = try String(contentsOf: Self.readme, encoding: .utf8)
        let start = try #require(text.range(of: Self.begin), "README.md has no key table (no \(Self.begin))")
        let stop = try #require(text.range(of: Self.end, range: start.upperBound..<text.endIndex), "README.md: no \(Self.end)")
        let current = text[start.upperBound..<stop.lowerBound].trimmingCharacters(in: .newlines)
        let expected = Bindings.markdownTable
        if ProcessInfo.processInfo.environment["TUI_RECORD"] == "1" {
            text.replaceSubrange(start.upperBound..<stop.lowerBound, with: "\n" + expected + "\n")
            try text.write(to: Self.readme, atomically: true, encoding: .utf8)
            return
        }
        let diff = lineDiff(current, expected)
        #expect(current == expected, """
            README.md's key table differs from Bindings.all (- README, + bindings):
            \(diff)
            Rewrite it with `make readme-keys` (TUI_RECORD=1 swift test --filter BindingsTests).
            """)
    }

    @Test func everyDescriptionFitsTheHelpOverlay() {
        let keyWidth = Bindings.all.map { TextWidth.of($0.plainKeys) }.max() ?? 0
        for binding in Bindings.all {
            #expect(keyWidth + 2 + TextWidth.of(binding.does) <= helpWidth - 4, "too long for the help: \(binding.does)")
            #expect(!binding.does.contains("|") && !binding.keys.contains("|"), "a | would break the README's table")
        }
    }

    @Test func theHelpListsTheKeysOfTheScreenItIsOpenedOn() {
        let (map, _) = F.press(F.mapModel(width: 90, height: 28), .char("?"))
        let mapHelp = render(map).text
        for binding in Bindings.help(for: .map) { #expect(mapHelp.contains(binding.plainKeys + " "), "\(binding.keys)") }
        #expect(mapHelp.contains("r, Ctrl-R"))
        let (chooser, _) = F.press(F.chooserModel(width: 90, height: 24), .char("?"))
        let chooserHelp = render(chooser).text
        for binding in Bindings.help(for: .chooser) { #expect(chooserHelp.contains(binding.plainKeys), "\(binding.keys)") }
        #expect(!chooserHelp.contains("clear the selection"))
    }

    @Test func statusBarHintsComeFromTheBindings() {
        #expect(Bindings.hints(for: .map, separator: " · ") == "Space select · Enter book · ? help")
        #expect(Bindings.hints(for: .chooser, separator: " · ") == "▲▼ choose · type to filter · Enter open · q quit · ? help")
        let map = F.mapModel(width: 120)
        #expect(render(map).line(map.height - 2).hasSuffix(Bindings.hints(for: .map, separator: " · ")))
    }
}

/// Lines only in `a` (-) and only in `b` (+), in order: enough to see which rows of a table differ.
func lineDiff(_ a: String, _ b: String) -> String {
    let old = a.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let new = b.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let diff = new.difference(from: old)
    return diff.map { change in
        switch change {
        case .remove(_, let line, _): "- " + line
        case .insert(_, let line, _): "+ " + line
        }
    }.joined(separator: "\n")
}
