import Booking

enum JSONOutput {
    static func print(_ value: JSONText) { Swift.print(value.rendered()) }
}
