import CAtelierICU

/// Lays out sanitised text for a terminal row by row, in bounded memory.
///
/// Text is wrapped paragraph by paragraph in logical order at ICU line-break opportunities, an over-long
/// word is split between grapheme clusters, and then each line is put in visual order (see `BidiMode`).
/// A paragraph longer than `window` code units is laid out a window at a time, so that a 10 MB line costs
/// a few windows of memory, not a copy of itself per stage.
public struct LayoutStream {
    public let width: Int
    public let direction: ParagraphDirection
    public let bidi: BidiMode

    /// Code units of the current paragraph from the start of its unfinished line.
    private var pending: [UInt16] = []
    private var paragraphOpen = false
    /// Decided once per paragraph, from its first window.
    private var paragraphIsRTL: Bool?
    private let window: Int

    public init(width: Int, direction: ParagraphDirection = .firstStrong(fallback: .leftToRight),
                bidi: BidiMode = .app, window: Int = 16_384) {
        self.width = max(1, width)
        self.direction = direction
        self.bidi = bidi
        self.window = max(window, 4 * self.width)
    }

    /// Feeds sanitised text (see `TerminalSanitizer`); `emit` receives each finished row.
    public mutating func feed(_ units: UnsafeBufferPointer<UInt16>, emit: (UnsafeBufferPointer<UInt16>) -> Void) {
        var start = 0
        for i in 0..<units.count where units[i] == 0x0A {
            pending.append(contentsOf: units[start..<i])
            layOutPending(final: true, emit: emit)
            start = i + 1
        }
        if start < units.count {
            pending.append(contentsOf: units[start...])
            paragraphOpen = true
        }
        while pending.count > window {
            layOutPending(final: false, emit: emit)
        }
    }

    /// Ends the text: lays out what is left of the last paragraph.
    public mutating func finish(emit: (UnsafeBufferPointer<UInt16>) -> Void) {
        if paragraphOpen || !pending.isEmpty { layOutPending(final: true, emit: emit) }
    }

    // MARK: - One window

    private mutating func layOutPending(final: Bool, emit: (UnsafeBufferPointer<UInt16>) -> Void) {
        let end = final ? pending.count : safeCut()
        if paragraphIsRTL == nil {
            paragraphIsRTL = pending.withUnsafeBufferPointer { decideDirection(UnsafeBufferPointer(rebasing: $0[0..<end])) }
        }
        let consumed = pending.withUnsafeBufferPointer { text in
            wrap(UnsafeBufferPointer(rebasing: text[0..<end]), final: final, emit: emit)
        }
        if final {
            pending.removeAll(keepingCapacity: true)
            paragraphIsRTL = nil
            paragraphOpen = false
        } else {
            pending.removeFirst(consumed)
        }
    }

    private func decideDirection(_ text: UnsafeBufferPointer<UInt16>) -> Bool {
        switch direction {
        case .forced(let forced):
            return forced == .rightToLeft
        case .firstStrong(let fallback):
            switch atelier_first_strong(text.baseAddress, Int32(text.count)) {
            case 1: return false
            case 2: return true
            default: return fallback == .rightToLeft
            }
        }
    }

    /// Where to end a window that is not the paragraph's end: after a space if one is near, else between
    /// two code units that cannot belong to one cluster.
    private func safeCut() -> Int {
        let limit = min(window, pending.count)
        let floor = max(1, limit - 4096)
        var p = limit
        while p > floor {
            if pending[p - 1] == 0x20 { return p }
            p -= 1
        }
        p = limit
        while p > floor {
            if pending[p - 1] < 0x300 && pending[p] < 0x300 { return p }
            p -= 1
        }
        p = limit
        while p > 1 && (pending[p] & 0xFC00) == 0xDC00 { p -= 1 }
        return p
    }

    /// Greedy wrapping of one window (in C: it is the hot loop). Returns the offset where the unfinished line
    /// starts (for a window that is not final), having emitted every line before it.
    private func wrap(_ text: UnsafeBufferPointer<UInt16>, final: Bool,
                      emit: (UnsafeBufferPointer<UInt16>) -> Void) -> Int {
        let n = text.count
        let starts = UnsafeMutablePointer<Int32>.allocate(capacity: n + 2)
        let ends = UnsafeMutablePointer<Int32>.allocate(capacity: n + 2)
        let widths = UnsafeMutablePointer<Int32>.allocate(capacity: n + 2)
        let overwide = UnsafeMutablePointer<UInt8>.allocate(capacity: n + 2)
        defer {
            starts.deallocate()
            ends.deallocate()
            widths.deallocate()
            overwide.deallocate()
        }
        var consumed: Int32 = 0
        let rows = Int(atelier_wrap(text.baseAddress, Int32(n), Int32(width), final ? 1 : 0, starts, ends, widths,
                                    overwide, &consumed))
        for row in 0..<rows {
            emitLine(text, Int(starts[row]), Int(ends[row]), width: Int(widths[row]), overwide: overwide[row] != 0,
                     emit: emit)
        }
        return Int(consumed)
    }

    // MARK: - One row

    private func emitLine(_ text: UnsafeBufferPointer<UInt16>, _ start: Int, _ end: Int, width rowWidth: Int,
                          overwide: Bool, emit: (UnsafeBufferPointer<UInt16>) -> Void) {
        if overwide {
            // A single cluster wider than the line (a pile of spacing marks on a narrow screen): show it
            // as one replacement character rather than break the "no row wider than the width" promise.
            let replacement: [UInt16] = [0xFFFD]
            replacement.withUnsafeBufferPointer { row($0, width: 1, emit: emit) }
            return
        }
        var e = end
        while e > start {
            let u = text[e - 1]
            guard u == 0x20 || u == 0x3000 || (u >= 0x2000 && u <= 0x200A) || u == 0x1680 else { break }
            e -= 1
        }
        row(UnsafeBufferPointer(rebasing: text[start..<e]), width: rowWidth, emit: emit)
    }

    private func row(_ line: UnsafeBufferPointer<UInt16>, width rowWidth: Int,
                     emit: (UnsafeBufferPointer<UInt16>) -> Void) {
        let rtl = paragraphIsRTL ?? false
        guard bidi == .app, rtl || atelier_has_rtl(line.baseAddress, Int32(line.count)) != 0 else {
            emit(line)
            return
        }
        let capacity = 2 * line.count + 8
        var change: Int32 = 0
        let visual = [UInt16](unsafeUninitializedCapacity: capacity) { buffer, count in
            let n = atelier_visual_line(line.baseAddress, Int32(line.count), rtl ? 1 : 0, 1,
                                        buffer.baseAddress, Int32(capacity), &change)
            count = n >= 0 && Int(n) <= capacity ? Int(n) : 0
        }
        // Reordering never fails on sanitised text; should ICU refuse, the logical line is still readable.
        let shown = visual.isEmpty && !line.isEmpty ? Array(line) : visual
        guard rtl else {
            shown.withUnsafeBufferPointer(emit)
            return
        }
        let padding = max(0, width - (rowWidth + (visual.isEmpty ? 0 : Int(change))))
        let padded = [UInt16](repeating: 0x20, count: padding) + shown
        padded.withUnsafeBufferPointer(emit)
    }
}
