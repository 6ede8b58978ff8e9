import Foundation

/// The one JSON style of every `--json` output and of the HTTP server: snake_case keys, ISO 8601 times, sorted keys
/// (Foundation's encoder on Linux keeps no declaration order), so a field has the same name on the command line and
/// over HTTP. Pretty for the CLI, compact for HTTP.
public enum JSONStyle {
    public static func encoder(pretty: Bool) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return encoder
    }
}
