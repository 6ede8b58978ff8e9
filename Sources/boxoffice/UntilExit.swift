/// Values a command made that die with its process. Freeing them one by one at the end of `run()` (a 744-seat map
/// and its JSON are ~20,000 objects; a box office's teardown deregisters GRDB from NotificationCenter and closes a
/// connection that keeps its WAL anyway) is work the exit does at once, for nothing; `clang -cc1 -disable-free` skips
/// its frees at exit for the same reason. Only a command's last values belong here, never anything a picker or a
/// server would make again and again.
enum UntilExit {
    nonisolated(unsafe) private static var kept: [Any] = []

    static func keep(_ values: Any...) { kept.append(contentsOf: values) }
}
