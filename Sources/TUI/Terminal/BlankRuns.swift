/// Which cell a blank may borrow its colour from on its way to the terminal.
///
/// A space shows no foreground: its colour, bold or dim cannot be seen; only a background, reverse video or an
/// underline can. Drawn as the view asks, the one-column gap between two seats has the default colour, so ncurses
/// switches the colour off for the gap and on again for the next seat (`ESC[38;5;36m○ESC[39m␣` for every seat):
/// 77 % of the bytes of a full paint of the 2,000-seat map. Drawn in the colour of the seat on its left, the gap
/// costs one byte. The view and its snapshots never see this: it is how the backend encodes a blank, not what
/// the clerk sees.
enum BlankRuns {
    /// The longest run of blanks that borrows a colour. Switching the colour off and on again costs about 15 bytes;
    /// ncurses skips a longer run of default blanks with a cursor movement, and a run that reaches the end of the
    /// line with a clear-to-end-of-line, so those stay as they are.
    static let longestRun = 8

    /// The column of the cell whose colour the blank at (x, y) may be drawn in, or nil to draw it as it is.
    /// - `isPlain`: the cell is a blank whose own style shows nothing (no background, reverse video or underline).
    /// - `canLend`: the cell's colours leave the background as the terminal's default, so its foreground colour on
    ///   a space cannot be seen. (Its underline and reverse video are never lent: the caller drops them.)
    /// The blank must be in a run of at most `longestRun` plain blanks with a drawn cell on either side, on one line.
    static func donor(forBlankAt x: Int, y: Int, in buffer: ScreenBuffer, isPlain: (Cell) -> Bool,
                      canLend: (Cell) -> Bool) -> Int? {
        var left = x - 1
        while left >= 0, isPlain(buffer[left, y]) {
            if x - left >= longestRun { return nil }
            left -= 1
        }
        guard left >= 0, canLend(buffer[left, y]) else { return nil }
        var right = x + 1
        while right < buffer.width, isPlain(buffer[right, y]) {
            if right - left > longestRun { return nil }
            right += 1
        }
        guard right < buffer.width, right - left - 1 <= longestRun else { return nil }
        return left
    }
}
