import Booking

/// Routes drawing to the open overlay's own view (`View/Overlays/`), as `Overlay.handleKey` routes its keys.
func renderOverlay(_ overlay: Overlay, model: Model, into buffer: inout ScreenBuffer) {
    let theme = model.theme
    switch overlay {
    case .help(let help): help.render(theme: theme, into: &buffer)
    case .bookingForm(let form): form.render(model: model, into: &buffer)
    case .bookingResult(let result): result.render(theme: theme, into: &buffer)
    case .find(let find): find.render(theme: theme, into: &buffer)
    case .findResults(let results): results.render(theme: theme, into: &buffer)
    case .confirmCancel(let confirm): confirm.render(theme: theme, into: &buffer)
    case .confirmLeave(let confirm): confirm.render(selection: model.map?.selection ?? [], theme: theme, into: &buffer)
    case .bestAvailablePrompt(let prompt): prompt.render(theme: theme, into: &buffer)
    case .holdbackPrompt(let prompt): prompt.render(theme: theme, into: &buffer)
    case .exchangeForm(let form): form.render(theme: theme, into: &buffer)
    case .shift(let shift): shift.render(clerk: model.clerk, theme: theme, into: &buffer)
    }
}
