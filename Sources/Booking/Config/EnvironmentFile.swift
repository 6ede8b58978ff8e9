/// A `KEY=value` file in the syntax of systemd's `EnvironmentFile=`, so that the units and every `boxoffice` command
/// read the same `/etc/boxoffice/boxoffice.conf` the same way. Pure: text in, assignments out.
///
/// The rules are systemd's (`parse_env_file` in src/basic/env-file.c): blank lines are skipped; a line whose first
/// non-blank character is `#` or `;` is a comment (a comment ending in `\` runs on into the next line); blanks around
/// the key and before the value are dropped, and so are trailing blanks of an unquoted value; `'…'` keeps everything
/// literally; `"…"` keeps everything but `\"`, `\\`, `\$`, `` \` `` (the character itself) and `\`+newline (nothing);
/// outside quotes `\`+character is that character and `\`+newline joins the next line; a quote opens only at the
/// start of a value or after a closing quote (`"one" 'two'` is `onetwo`; in `a"b"` the quotes are ordinary characters). Where systemd only logs and skips (a line without `=`, an invalid name, an
/// unclosed quote), this parser refuses with the line's number: a venue's configuration should not half-apply.
public enum EnvironmentFile {
    public struct Assignment: Equatable, Sendable {
        public var key: String
        public var value: String
        /// The line the assignment starts on (1-based).
        public var line: Int
    }

    public struct ParseError: Error, Equatable, Sendable, CustomStringConvertible {
        public var line: Int
        public var problem: String
        public var description: String { "line \(line): \(problem)" }
    }

    private enum State {
        case preKey, key, preValue, value, valueEscape, singleQuote, doubleQuote, doubleQuoteEscape, comment, commentEscape
    }

    public static func parse(_ text: String) throws(ParseError) -> [Assignment] {
        var result: [Assignment] = []
        var state = State.preKey
        var line = 1
        var startLine = 1
        var quoteLine = 1
        var key = ""
        var value = ""
        // Trailing blanks of an unquoted value are dropped; blanks that came from quotes or escapes are kept.
        var keepUpTo = 0

        func push() throws(ParseError) {
            let name = String(key.reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed())
            guard isValidName(name) else {
                throw ParseError(line: startLine, problem: "\"\(name)\" is not a valid variable name (letters, digits and _, not starting with a digit)")
            }
            result.append(Assignment(key: name, value: value, line: startLine))
            key = ""; value = ""; keepUpTo = 0
        }
        func trimValue() {
            var chars = Array(value)
            while chars.count > keepUpTo, let last = chars.last, last == " " || last == "\t" { chars.removeLast() }
            value = String(chars)
        }

        for c in text {
            let newline = c == "\n" || c == "\r" || c == "\r\n"
            switch state {
            case .preKey:
                if c == "#" || c == ";" { state = .comment }
                else if newline { line += 1 }
                else if c != " " && c != "\t" { state = .key; key = String(c); startLine = line }
            case .key:
                if newline {
                    throw ParseError(line: startLine, problem: "expected KEY=value, found \"\(key.trimmingBlanks)\" without '='")
                } else if c == "=" { state = .preValue; value = ""; keepUpTo = 0 }
                else { key.append(c) }
            case .preValue:
                if newline { try push(); line += 1; state = .preKey }
                else if c == "'" { state = .singleQuote; quoteLine = line }
                else if c == "\"" { state = .doubleQuote; quoteLine = line }
                else if c == "\\" { state = .valueEscape }
                else if c != " " && c != "\t" { state = .value; value.append(c) }
            case .value:
                if newline { trimValue(); try push(); line += 1; state = .preKey }
                else if c == "\\" { state = .valueEscape }
                else { value.append(c) }
            case .valueEscape:
                state = .value
                if newline { line += 1 } else { value.append(c); keepUpTo = value.count }
            case .singleQuote:
                if c == "'" { state = .preValue; keepUpTo = value.count }
                else { if newline { line += 1 }; value.append(c) }
            case .doubleQuote:
                if c == "\"" { state = .preValue; keepUpTo = value.count }
                else if c == "\\" { state = .doubleQuoteEscape }
                else { if newline { line += 1 }; value.append(c) }
            case .doubleQuoteEscape:
                state = .doubleQuote
                if "\"\\`$".contains(c) { value.append(c) }
                else if newline { line += 1 }
                else { value.append("\\"); value.append(c) }
            case .comment:
                if c == "\\" { state = .commentEscape }
                else if newline { line += 1; state = .preKey }
            case .commentEscape:
                if newline { line += 1 }
                state = .comment
            }
        }
        switch state {
        case .preKey, .comment, .commentEscape: break
        case .key:
            throw ParseError(line: startLine, problem: "expected KEY=value, found \"\(key.trimmingBlanks)\" without '='")
        case .singleQuote, .doubleQuote, .doubleQuoteEscape:
            throw ParseError(line: quoteLine, problem: "a quote opened here is never closed")
        case .value: trimValue(); try push()
        case .preValue, .valueEscape: try push()
        }
        return result
    }

    /// systemd's `env_name_is_valid`: a shell variable name.
    public static func isValidName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, !("0"..."9").contains(first) else { return false }
        return name.unicodeScalars.allSatisfy { $0.isASCII && ($0 == "_" || ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)) }
    }
}

extension String {
    fileprivate var trimmingBlanks: String {
        String(drop(while: { $0 == " " || $0 == "\t" }).reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed())
    }
}
