@_spi(Bench) @testable import Booking
import Foundation
import GRDB
import XCTest

/// Opening a database of an older schema copies it to backups/ before upgrading it (a package upgrade runs
/// `boxoffice init`; a clerk's first command with the new binary may come first).
final class UpgradeBackupTests: XCTestCase {
    func testAnOlderDatabaseIsCopiedBeforeItIsUpgraded() throws {
        guard Schema.version >= 2 else {
            throw XCTSkip("The schema has one step only, so there is no older database to upgrade yet.")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("boxoffice-upgrade-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/boxoffice.sqlite"
        let older = Schema.version - 1
        let queue = try DatabaseQueue(path: path)
        var migrator = DatabaseMigrator()
        for step in Schema.steps[..<older] { migrator.registerMigration(step.name, migrate: step.apply) }
        try migrator.migrate(queue)
        try queue.write { db in try db.execute(sql: "PRAGMA user_version = \(older)") }
        try queue.close()

        let store = try SQLiteStore(path: path, create: false)
        XCTAssertEqual(store.schemaVersion, Schema.version)
        let copy = try XCTUnwrap(store.upgradeBackup, "an upgrade leaves a copy")
        XCTAssertTrue(copy.hasPrefix(folder + "/backups/boxoffice-schema\(older)-"), copy)
        let version = try DatabaseQueue(path: copy).read { try Int.fetchOne($0, sql: "PRAGMA user_version") }
        XCTAssertEqual(version, older, "the copy is the database as it was")

        XCTAssertNil(try SQLiteStore(path: path, create: false).upgradeBackup, "an up-to-date database is not copied again")
    }
}
