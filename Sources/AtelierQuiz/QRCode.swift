import CQREncode

/// A QR code of the join address, drawn for a terminal with Unicode half blocks (two rows per line), so
/// that phones can scan the projector.
public struct QRCode: Sendable, Equatable {
    /// How the modules meet the terminal's colours. Phone readers look for dark modules on a light ground
    /// (most do not try the inverse), whatever the terminal's own colours are.
    public enum Drawing: String, Sendable, CaseIterable {
        /// Black blocks on a white ground set by the code itself (SGR 30 on 47, then 107 where the terminal
        /// knows it): dark on light on a light terminal and on a dark one alike. The projector's default.
        case colors
        /// No colour escapes (`NO_COLOR`, `--plain`): the dark modules are drawn, for a terminal with dark text
        /// on a light ground.
        case light
        /// No colour escapes: the light modules are drawn, for a terminal with light text on a dark ground.
        case dark
    }

    /// Light modules on every side: the standard asks for 4, and readers miss a code whose quiet zone is
    /// narrower, above all when the terminal's ground around it is dark.
    public static let quietZone = 4

    public let side: Int
    /// Row by row; true = dark.
    public let modules: [Bool]

    public init?(_ text: String) {
        var buffer = [UInt8](repeating: 0, count: 177 * 177)
        let side = Int(atelier_qr_encode(text, &buffer, Int32(buffer.count)))
        guard side > 0 else { return nil }
        self.side = side
        self.modules = buffer.prefix(side * side).map { $0 != 0 }
    }

    public func isDark(row: Int, column: Int) -> Bool {
        guard row >= 0, row < side, column >= 0, column < side else { return false }  // the quiet zone
        return modules[row * side + column]
    }

    /// Columns of each line, quiet zone included (the lines in `.colors` also hold escapes).
    public var width: Int { side + 2 * Self.quietZone }

    /// Lines of half blocks, quiet zone included: each character is one module wide and two high, the last
    /// line's lower half being more quiet zone.
    public func lines(_ drawing: Drawing) -> [String] {
        let quiet = Self.quietZone
        var lines: [String] = []
        var row = -quiet
        while row < side + quiet {
            var line = drawing == .colors ? "\u{1B}[30;47;107m" : ""
            for column in -quiet..<(side + quiet) {
                // A block is drawn in the foreground colour: dark modules when that is dark, light ones otherwise.
                let top = isDark(row: row, column: column) != (drawing == .dark)
                let bottom = isDark(row: row + 1, column: column) != (drawing == .dark)
                switch (top, bottom) {
                case (true, true): line += "█"
                case (true, false): line += "▀"
                case (false, true): line += "▄"
                case (false, false): line += " "
                }
            }
            lines.append(drawing == .colors ? line + "\u{1B}[0m" : line)
            row += 2
        }
        return lines
    }
}
