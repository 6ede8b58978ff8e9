import ArgumentParser
import Booking
import Foundation

// Errors a clerk can meet get their plain-words message and the documented exit code; everything
// swift-argument-parser knows (help, usage errors → 64) it prints itself.
Logs.bootstrap()
do {
    var command = try Boxoffice.parseAsRoot()
    try command.run()
} catch let error as BookingError {
    FileHandle.standardError.write(Data("boxoffice: \(error.description)\n".utf8))
    exit(error.exitCode)
} catch {
    Boxoffice.exit(withError: error)
}
