import CQREncode

/// A QR code of the join address, drawn for a terminal with Unicode half blocks (two rows per line), so
/// that phones can scan the projector.
public struct QRCode: Sendable, Equatable {
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

    /// Lines of half blocks with a quiet zone of 2 modules, light on dark inverted so that the code reads on
    /// a dark terminal too: dark modules are drawn as spaces, light ones as blocks.
    public var lines: [String] {
        let quiet = 2
        var lines: [String] = []
        var row = -quiet
        while row < side + quiet {
            var line = ""
            for column in -quiet..<(side + quiet) {
                let top = !isDark(row: row, column: column)
                let bottom = row + 1 < side + quiet ? !isDark(row: row + 1, column: column) : false
                switch (top, bottom) {
                case (true, true): line += "█"
                case (true, false): line += "▀"
                case (false, true): line += "▄"
                case (false, false): line += " "
                }
            }
            lines.append(line)
            row += 2
        }
        return lines
    }
}
