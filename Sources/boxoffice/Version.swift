/// The release, as `boxoffice --version` prints it. The one source is the file VERSION at the top of the
/// repository (packaging reads it too); CLITests.testVersionIsTheVersionFile fails when the two differ.
enum Version {
    static let current = "0.2.0"
}
