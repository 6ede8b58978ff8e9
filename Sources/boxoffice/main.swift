import ArgumentParser
import Booking
import Foundation

// Errors a clerk can meet get their plain-words message and the documented exit code; everything
// swift-argument-parser knows (help, usage errors → 64) it prints itself.
Logs.bootstrap()
// Text from the command line reaches the database and other clerks' screens: bytes that are not UTF-8 are refused
// here, not silently repaired into U+FFFD by the Swift runtime.
for i in 1..<Int(CommandLine.argc) {
    if let raw = CommandLine.unsafeArgv[i], String(validatingCString: raw) == nil {
        FileHandle.standardError.write(Data("boxoffice: argument \(i) is not valid UTF-8 text; nothing was done. Check the terminal's character set (for example LANG=C.UTF-8).\n".utf8))
        exit(1)
    }
}
if let text = QuickParse.builtIn() {
    print(text)
    exit(0)
}
do {
    var command = try QuickParse.command() ?? Boxoffice.parseAsRoot()
    if type(of: command).configuration.commandName == "help" {
        // The parser's own help (`--help`, `-h`, `help <command>`): printed as the parser prints it. Asking for its exit
        // code first (below) would draw the whole help twice, a tenth of `--help`'s time; its text is ours, not the user's.
        do { try command.run() } catch { Boxoffice.exit(withError: error) }
    }
    try command.run()
} catch let error as BookingError {
    FileHandle.standardError.write(Data("boxoffice: \(error.description)\n".utf8))
    exit(error.kind.exitCode)
} catch {
    // The argument parser quotes a rejected value in its message: a value carrying escape sequences must not reach
    // the terminal raw (`--ttl "abc<ESC>[2J"` would clear it). Help and --version pass through unchanged.
    let code = Boxoffice.exitCode(for: error)
    if code.isSuccess { Boxoffice.exit(withError: error) }
    let message = Boxoffice.fullMessage(for: error).split(separator: "\n", omittingEmptySubsequences: false)
        .map { SafeText.display(String($0), limit: 2_000) }.joined(separator: "\n")
    // A command that has said its piece and only sets the exit code (`checkin`, `doctor`) leaves standard error empty.
    if !message.isEmpty { FileHandle.standardError.write(Data((message + "\n").utf8)) }
    exit(code.rawValue)
}
