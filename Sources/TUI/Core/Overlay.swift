import Booking

/// What is drawn over the map or chooser; one at a time. Each case carries its own state and answers its own keys;
/// `Esc` closes any of them and never touches holds. A new overlay is a type with a `handleKey` returning a `Reply`,
/// a case here, and a view of its own in `View/Overlays/` (routed by `Render+Overlays.swift`).
public enum Overlay: Sendable {
    case help(Help)
    case bookingForm(BookingForm)
    case bookingResult(BookingResult)
    case find(Find)
    case findResults(FindResults)
    case confirmCancel(ConfirmCancel)
    case confirmLeave(ConfirmLeave)
    case bestAvailablePrompt(BestAvailablePrompt)
    case holdbackPrompt(HoldbackPrompt)
    case exchangeForm(ExchangeForm)
    case shift(ShiftOverlay)

    /// Keys go to the open overlay alone. The map is passed for reading (what the form would book), the screen's
    /// size for scrolling the help.
    mutating func handleKey(_ key: Key, map: MapState?, screenWidth: Int, screenHeight: Int) -> Reply {
        switch self {
        case .help(var help):
            defer { self = .help(help) }
            return help.handleKey(key, screenWidth: screenWidth, screenHeight: screenHeight)
        case .bookingForm(var form):
            defer { self = .bookingForm(form) }
            return form.handleKey(key, map: map)
        case .bookingResult(let result):
            return result.handleKey(key)
        case .find(var find):
            defer { self = .find(find) }
            return find.handleKey(key)
        case .findResults(var results):
            defer { self = .findResults(results) }
            return results.handleKey(key)
        case .confirmCancel(var confirm):
            defer { self = .confirmCancel(confirm) }
            return confirm.handleKey(key)
        case .confirmLeave(var confirm):
            defer { self = .confirmLeave(confirm) }
            return confirm.handleKey(key, map: map)
        case .bestAvailablePrompt(var prompt):
            defer { self = .bestAvailablePrompt(prompt) }
            return prompt.handleKey(key)
        case .holdbackPrompt(var prompt):
            defer { self = .holdbackPrompt(prompt) }
            return prompt.handleKey(key)
        case .exchangeForm(var form):
            defer { self = .exchangeForm(form) }
            return form.handleKey(key)
        case .shift(var shift):
            defer { self = .shift(shift) }
            return shift.handleKey(key)
        }
    }
}

/// A key that would have been typed as text (rather than an editing or function key).
func isCharacter(_ key: Key) -> Bool {
    if case .char = key { return true }
    return false
}
