import Booking
import Foundation
import Tickets

enum TerminalCharset {
    /// UTF-8 when the locale says so (LC_ALL, LC_CTYPE, LANG, as setlocale reads them); plain ASCII otherwise, where
    /// half blocks and the pound sign would print as garbage.
    static var current: TextTicket.Charset {
        setlocale(LC_CTYPE, "")
        guard let codeset = nl_langinfo(nl_item(CODESET)) else { return .ascii }
        let name = String(cString: codeset).uppercased()
        return name == "UTF-8" || name == "UTF8" ? .unicode : .ascii
    }
}

/// Writes a command's output where it was asked to go: a file (whole or not at all) or standard output.
enum OutputFile {
    static func write(_ bytes: [UInt8], to path: String?) throws {
        guard let path, path != "-" else {
            FileHandle.standardOutput.write(Data(bytes))
            return
        }
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw BookingError.invalidInput("Cannot write \(SafeText.display(path, limit: 80)): \(error.localizedDescription)")
        }
    }
}
