@testable import Booking
import Foundation
import XCTest

/// The door's rules and what it says, without a database.
final class AdmissionTests: XCTestCase {
    private let code = try! TicketCode.parse("0000000012")
    private func ticket(status: DoorTicket.Status = .active, performance: Int64 = 3, due: Int = 0,
                        admittedAt: Date? = nil, by: String? = nil) -> DoorTicket {
        DoorTicket(ticketID: 1, code: code, reference: "K7M2QX", performanceID: performance, title: "Hamlet", startsAt: nil,
                   seat: "C12", type: "Adult", status: status, isPaid: due == 0, due: Format.money(cents: due),
                   admittedAt: admittedAt, admittedBy: by)
    }

    func testAPaidActiveTicketOfThisPerformanceIsAdmitted() {
        XCTAssertNil(Admission.decide(ticket(), performance: 3))
        XCTAssertNil(Admission.decide(ticket(), performance: nil), "without --performance the ticket's own counts")
        XCTAssertEqual(CheckinOutcome.admitted(ticket()).line(), "00000-00012: admitted — seat C12, Adult, Hamlet, open-ended (performance 3)")
        XCTAssertNil(CheckinOutcome.admitted(ticket()).kind)
    }

    func testSecondScanNamesWhenAndWhichDoor() throws {
        let now = Date()
        let at = Calendar.current.date(bySettingHour: 19, minute: 31, second: 5, of: now)!
        let outcome = try XCTUnwrap(Admission.decide(ticket(admittedAt: at, by: "door2"), performance: 3))
        XCTAssertEqual(outcome.kind, .conflict)
        XCTAssertTrue(outcome.line(now: now).contains("already admitted at 19:31 by door2"), outcome.line(now: now))
        let yesterday = at.addingTimeInterval(-86_400)
        XCTAssertTrue(CheckinOutcome.alreadyAdmitted(ticket(), at: yesterday, by: "door1").line(now: now).contains(" by door1"))
        XCTAssertFalse(CheckinOutcome.alreadyAdmitted(ticket(), at: yesterday, by: "door1").line(now: now).contains("at 19:31 by"))
    }

    func testRefusalsInTheStewardsOrder() throws {
        func refusal(_ t: DoorTicket, _ p: Int64?) -> CheckinRefusal? {
            if case .refused(let r) = Admission.decide(t, performance: p) { return r }
            return nil
        }
        // Cancelled beats everything else wrong with it.
        XCTAssertEqual(refusal(ticket(status: .cancelled, performance: 4, due: 100), 3), .cancelled(ticket(status: .cancelled, performance: 4, due: 100)))
        XCTAssertEqual(refusal(ticket(status: .exchanged), 3), .exchanged(ticket(status: .exchanged)))
        XCTAssertEqual(refusal(ticket(performance: 4, due: 100), 3), .otherPerformance(ticket(performance: 4, due: 100), expected: 3))
        XCTAssertEqual(refusal(ticket(due: 3_250), 3), .unpaid(ticket(due: 3_250)))
        let admittedButOwing = ticket(due: 3_250, admittedAt: Date(), by: "x")
        XCTAssertEqual(refusal(admittedButOwing, nil), .unpaid(admittedButOwing), "money before a second scan")
        XCTAssertEqual(CheckinOutcome.refused(.unpaid(ticket(due: 3_250))).line(),
                       "00000-00012: collect payment first — booking K7M2QX owes £32.50; not admitted")
        XCTAssertEqual(CheckinOutcome.refused(.unpaid(ticket())).kind, .badInput)
        XCTAssertTrue(CheckinRefusal.otherPerformance(ticket(performance: 4), expected: 3).line.contains("not performance 3"))
        XCTAssertTrue(CheckinRefusal.cancelled(ticket()).line.contains("cancelled"))
        XCTAssertTrue(CheckinRefusal.exchanged(ticket()).line.contains("exchanged"))
    }

    func testABadCodeSaysWhyAndIsShownSafely() {
        let line = CheckinRefusal.badCode(text: "0000000013\n", problem: .checkFailed).line
        XCTAssertTrue(line.hasPrefix("0000000013: "), line)
        XCTAssertTrue(line.contains("check character"))
        XCTAssertFalse(CheckinRefusal.badCode(text: "\u{1B}[2J", problem: .notInAlphabet("\u{1B}", position: 1)).line.contains("\u{1B}"))
    }
}
