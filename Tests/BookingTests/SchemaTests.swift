@_spi(Bench) @testable import Booking
import Foundation
import GRDB
import XCTest

/// The schema steps and GRDB's migrator, on real SQLite files. No Redis: opening a database never needs it.
final class SchemaTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("boxoffice-schema-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDown() {
        try? FileManager.default.removeItem(at: folder)
    }

    private func settings(_ path: String) -> Settings {
        // Nothing listens there: holds are offline, which the bookings below are told and go on without.
        Settings(databasePath: path, redis: RedisEndpoint(address: .unix(path: folder.path + "/no-redis.sock")),
                 reservationTimeoutMs: 300_000, redisNamespace: "schema")
    }

    private func clerk(_ name: String) -> Clerk { Clerk(name: name, unixUser: "tester", session: "\(name)-1") }

    /// `Tests/Fixtures/boxoffice-v1.sqlite` was made by boxoffice as it was before the migrator (hand-written steps
    /// counted in `PRAGMA user_version` = 1): `init`, `import` of the bundled seed, `book 1 A1 B2 --name "Ada Lovelace"
    /// --key fixture-1` (VGJ96J), `book 2 D4 --name "Alan Turing"` (YKZW6D), `book 1 C12 --name "Grace Hopper"`
    /// (A2XASJ) then `cancel A2XASJ`, and `block 1 D9 --reason "sound desk"`.
    private func legacyCopy() throws -> String {
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/boxoffice-v1.sqlite")
        let path = folder.appendingPathComponent("boxoffice.sqlite").path
        try FileManager.default.copyItem(atPath: fixture.path, toPath: path)
        return path
    }

    func testADatabaseFromBeforeTheMigratorUpgradesInPlaceAndKeepsItsBookings() throws {
        let path = try legacyCopy()
        try DatabaseQueue(path: path).read { db in
            XCTAssertEqual(try Int.fetchOne(db, sql: "PRAGMA user_version"), 1, "the fixture is a pre-migrator database")
            XCTAssertFalse(try db.tableExists("grdb_migrations"))
        }
        let box = try BoxOffice(settings: settings(path), clerk: clerk("alice"))
        XCTAssertEqual(box.schemaVersion, Schema.version)

        let ada = try box.order(reference: "VGJ96J")
        XCTAssertEqual(ada.customerName, "Ada Lovelace")
        XCTAssertEqual(ada.seats.map(\.label), ["A1", "B2"])
        XCTAssertEqual(ada.idempotencyKey, "fixture-1")
        XCTAssertNil(ada.cancelledAt)
        XCTAssertEqual(try box.order(reference: "YKZW6D").seats.map(\.label), ["D4"])
        XCTAssertNotNil(try box.order(reference: "A2XASJ").cancelledAt)
        let map = try box.snapshot(performanceID: 1)
        func state(_ label: String) -> SeatState? { map.index(ofLabel: label).map { map.states[$0] } }
        XCTAssertEqual(state("A1"), .booked(reference: "VGJ96J"))
        XCTAssertEqual(state("D9"), .blocked(reason: "sound desk"))
        XCTAssertEqual(state("C12"), .free)
        XCTAssertEqual(try box.auditLog(since: nil, includingHolds: false).entries.map(\.action),
                       ["import", "book", "book", "book", "cancel", "block"])

        // The upgraded database takes new bookings, and the old ones still decide: A1 is taken, a replay replays.
        XCTAssertEqual(try box.book(performanceID: 1, labels: ["C12"], customerName: "Grace Hopper").order.seats.map(\.label), ["C12"])
        XCTAssertThrowsError(try box.book(performanceID: 1, labels: ["A1"])) { error in
            guard case BookingError.alreadyBooked(_, "VGJ96J", _) = error else { return XCTFail("\(error)") }
        }
        XCTAssertTrue(try box.book(performanceID: 1, labels: ["A1", "B2"], idempotencyKey: "fixture-1").replay)

        try DatabaseQueue(path: path).read { db in
            XCTAssertEqual(try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations"), Schema.steps.map(\.name))
            XCTAssertEqual(try Int.fetchOne(db, sql: "PRAGMA user_version"), Schema.version)
            XCTAssertEqual(try String.fetchAll(db, sql: "PRAGMA integrity_check"), ["ok"])
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM orders"), 4)
        }
        // Opened again: nothing left to do, nothing changed.
        XCTAssertEqual(try BoxOffice(settings: settings(path), clerk: clerk("bob")).order(reference: "VGJ96J"), ada)
    }

    /// Between the first release and the migrator, `user_version` counted the core's, the plans' and the sales' steps:
    /// such a database has its counted steps recorded by name and none of them run again.
    func testADatabaseCountedByUserVersionAdoptsItsStepsByName() throws {
        let path = folder.appendingPathComponent("counted.sqlite").path
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            for sql in [CoreSchema.createVenuesOrdersAudit, PlansSchema.plans, SalesSchema.sql] { try db.execute(sql: sql) }
            try db.execute(sql: "PRAGMA user_version = 3")
        }
        try queue.close()
        let box = try BoxOffice(settings: settings(path), clerk: clerk("alice"))
        XCTAssertEqual(box.schemaVersion, Schema.version)
        try DatabaseQueue(path: path).read { db in
            XCTAssertEqual(try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations"), Schema.steps.map(\.name))
        }
    }

    func testADatabaseCountedPastWhatThisBoxofficeKnowsIsRefused() throws {
        let path = folder.appendingPathComponent("future.sqlite").path
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: CoreSchema.createVenuesOrdersAudit)
            try db.execute(sql: "PRAGMA user_version = 9")
        }
        try queue.close()
        XCTAssertThrowsError(try BoxOffice(settings: settings(path), clerk: clerk("alice"))) { error in
            guard case BookingError.databaseUnavailable(let why) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(why.contains("schema version 9, newer than this boxoffice"), why)
        }
    }

    /// An older database keeps its random references and ticket codes (found through indexes of those rows alone);
    /// new bookings get enciphered ids, and one whose text an old reference or code already has is skipped, so a
    /// lookup never finds two.
    func testOldReferencesAndCodesStayBesideIssuedOnesAndAreNeverIssuedAgain() throws {
        let path = try legacyCopy()
        let box = try BoxOffice(settings: settings(path), clerk: clerk("alice"))
        let ada = try box.order(reference: "VGJ96J")
        let adaCode = try XCTUnwrap(ada.tickets.first?.code)
        // Make the next order's and the next ticket's texts an old booking's and an old ticket's.
        let (issued, collidingReference, collidingCode) = try DatabaseQueue(path: path).write { db in
            let issued = try IssuedCodes.read(db)
            let reference = try issued.reference(orderID: issued.firstOrderID)
            let code = try issued.code(ticketID: issued.firstTicketID)
            try db.execute(sql: "UPDATE orders SET reference = ? WHERE reference = 'YKZW6D'", arguments: [reference])
            try db.execute(sql: "UPDATE booked_seat SET code = ? WHERE code = ?", arguments: [code.value, adaCode])
            return (issued, reference, code)
        }
        XCTAssertEqual(issued.firstOrderID, 4, "the fixture's three bookings keep their references")
        let new = try box.book(performanceID: 1, labels: ["C12"], customerName: "Edsger Dijkstra").order
        XCTAssertEqual(new.id, issued.firstOrderID + 1, "the id whose reference an old booking has is skipped")
        XCTAssertEqual(new.reference, try issued.reference(orderID: new.id))
        XCTAssertEqual(issued.orderID(reference: new.reference), new.id)
        let ticket = try XCTUnwrap(new.tickets.first)
        XCTAssertEqual(ticket.ticketID, issued.firstTicketID + 1, "the id whose code an old ticket has is skipped")
        XCTAssertEqual(ticket.code, try issued.code(ticketID: ticket.ticketID).value)

        XCTAssertEqual(try box.order(reference: collidingReference).customerName, "Alan Turing", "the old booking, found by its old reference")
        XCTAssertEqual(try box.order(reference: new.reference.lowercased()).customerName, "Edsger Dijkstra")
        XCTAssertEqual(try box.order(reference: "A2X-ASJ").customerName, "Grace Hopper")
        XCTAssertThrowsError(try box.order(reference: "VGJ96K"), "a mistyped reference finds nothing")
        func reference(_ outcome: CheckinOutcome) -> String? {
            switch outcome {
            case .admitted(let t), .alreadyAdmitted(let t, _, _): return t.reference
            case .refused(let why):
                switch why {
                case .cancelled(let t), .exchanged(let t), .otherPerformance(let t, _), .unpaid(let t): return t.reference
                default: return nil
                }
            }
        }
        XCTAssertEqual(reference(try box.checkin(collidingCode.value, performanceID: nil)), "VGJ96J", "the old ticket, by its old code")
        XCTAssertEqual(reference(try box.checkin(ticket.code!, performanceID: nil)), new.reference)
    }

    /// The mixed-booking step fills `payment.performance_id` of rows written before it from their booking, with the
    /// ledger's append-only trigger lifted only for that fill and made again.
    func testPaymentsWrittenBeforeTheMixedBookingStepGetTheirBookingsPerformance() throws {
        let path = folder.appendingPathComponent("mixed.sqlite").path
        let queue = try DatabaseQueue(path: path)
        let last = try XCTUnwrap(RetainedSchema.steps.last?.name)
        try Schema.migrator.migrate(queue, upTo: last)
        try queue.write { db in
            try db.execute(sql: "INSERT INTO theater (id, name) VALUES (1, 'Grand')")
            try db.execute(sql: "INSERT INTO performance (id, theater_id, title) VALUES (7, 1, 'Hamlet')")
            try db.execute(sql: """
                INSERT INTO orders (id, reference, performance_id, clerk, unix_user, total_cents, created_at)
                VALUES (1, 'AAAAAA', 7, 'ann', 'ann', 3000, 0)
                """)
            try db.execute(sql: "INSERT INTO payment (order_id, method, amount_cents, kind, clerk, unix_user, at) VALUES (1, 'card', 3000, 'payment', 'ann', 'ann', 0)")
        }
        try Schema.migrator.migrate(queue)
        try queue.read { db in
            XCTAssertEqual(try Int64.fetchAll(db, sql: "SELECT performance_id FROM payment"), [7])
            XCTAssertTrue(try db.tableExists("money_moved"))
        }
        XCTAssertThrowsError(try queue.write { try $0.execute(sql: "UPDATE payment SET amount_cents = 0") })
        XCTAssertThrowsError(try queue.write { try $0.execute(sql: "DELETE FROM payment") })
    }

    func testANewDatabaseGetsEveryStep() throws {
        let path = folder.appendingPathComponent("new/boxoffice.sqlite").path
        let box = try BoxOffice.initialize(settings: settings(path), clerk: clerk("ops"))
        XCTAssertEqual(box.schemaVersion, Schema.version)
        try DatabaseQueue(path: path).read { db in
            XCTAssertEqual(try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations"), Schema.steps.map(\.name))
            XCTAssertEqual(try Int.fetchOne(db, sql: "PRAGMA user_version"), Schema.version)
            XCTAssertTrue(try db.tableExists("booked_seat"))
        }
    }

    /// The command line starts on every keystroke of a script: an up-to-date database is opened with one read, without
    /// the migration lock or the write lock, even while another process holds both.
    func testAnUpToDateDatabaseOpensWithoutTakingAnyLock() throws {
        let path = folder.appendingPathComponent("boxoffice.sqlite").path
        _ = try BoxOffice.initialize(settings: settings(path), clerk: clerk("ops"))
        let fd = open(path + ".migrate.lock", O_RDWR | O_CREAT, 0o660)
        XCTAssertGreaterThanOrEqual(fd, 0)
        defer { close(fd) }
        XCTAssertEqual(flock(fd, LOCK_EX | LOCK_NB), 0, "the test holds the migration lock")
        var config = Configuration()
        config.allowsUnsafeTransactions = true  // a write transaction left open on purpose, as a stopped clerk's
        let writer = try DatabaseQueue(path: path, configuration: config)
        try writer.inDatabase { db in
            // A commit first, as in a box office at work: GRDB writes to open a database whose WAL is empty.
            try db.execute(sql: "PRAGMA user_version = \(Schema.version)")
            try db.execute(sql: "BEGIN IMMEDIATE")
        }
        defer { try? writer.inDatabase { db in try db.execute(sql: "ROLLBACK") } }

        // Waiting for either lock would end in `databaseBusy` after the busy timeout.
        let box = try BoxOffice(settings: settings(path), clerk: clerk("alice"))
        XCTAssertEqual(box.schemaVersion, Schema.version)
    }

    func testADatabaseFromANewerBoxofficeIsRefusedUnchanged() throws {
        let path = folder.appendingPathComponent("boxoffice.sqlite").path
        _ = try BoxOffice.initialize(settings: settings(path), clerk: clerk("ops"))
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('a step from the future')")
        }
        XCTAssertThrowsError(try BoxOffice(settings: settings(path), clerk: clerk("alice"))) { error in
            guard case BookingError.databaseUnavailable(let why) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(why.contains("newer than this boxoffice") && why.contains("a step from the future"), why)
        }
    }
}
