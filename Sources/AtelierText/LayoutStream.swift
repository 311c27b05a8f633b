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

    /// Greedy wrapping of one window. Returns the offset where the unfinished line starts (for a window that
    /// is not final), having emitted every line before it.
    private func wrap(_ text: UnsafeBufferPointer<UInt16>, final: Bool,
                      emit: (UnsafeBufferPointer<UInt16>) -> Void) -> Int {
        let n = text.count
        if n == 0 {
            if final { emitLine(text, 0, 0, overwide: false, emit: emit) }
            return 0
        }
        let capacity = n + 1
        var starts = [Int32](unsafeUninitializedCapacity: capacity) { _, count in count = capacity }
        var widths = [UInt8](unsafeUninitializedCapacity: capacity) { _, count in count = capacity }
        var breaks = [Int32](unsafeUninitializedCapacity: capacity) { _, count in count = capacity }
        var hard = [UInt8](unsafeUninitializedCapacity: capacity) { _, count in count = capacity }
        let clusterCount = Int(atelier_clusters(text.baseAddress, Int32(n), &starts, &widths))
        let breakCount = Int(atelier_line_breaks(text.baseAddress, Int32(n), &breaks, &hard))

        func isSpace(_ c: Int) -> Bool {
            let s = Int(starts[c])
            guard Int(starts[c + 1]) - s == 1 else { return false }
            let u = text[s]
            return u == 0x20 || u == 0x3000 || (u >= 0x2000 && u <= 0x200A) || u == 0x1680
        }

        var lineStart = 0
        var lineWidth = 0  // including the spaces that end the last segment
        var segmentStart = 0
        var c = 0
        for k in 0..<breakCount {
            let b = Int(breaks[k])
            let firstCluster = c
            var segmentWidth = 0
            var trailing = 0
            while c < clusterCount && Int(starts[c]) < b {
                let w = Int(widths[c])
                trailing = isSpace(c) ? trailing + w : 0
                segmentWidth += w
                c += 1
            }
            let visible = segmentWidth - trailing
            if lineStart < segmentStart && lineWidth + visible > width {
                emitLine(text, lineStart, segmentStart, overwide: false, emit: emit)
                lineStart = segmentStart
                lineWidth = 0
            }
            if lineStart == segmentStart && visible > width {
                // A word longer than the line: split it between grapheme clusters.
                var x = 0
                for cluster in firstCluster..<c {
                    let w = Int(widths[cluster])
                    let clusterStart = Int(starts[cluster])
                    if w > width {
                        if clusterStart > lineStart { emitLine(text, lineStart, clusterStart, overwide: false, emit: emit) }
                        emitLine(text, clusterStart, Int(starts[cluster + 1]), overwide: true, emit: emit)
                        lineStart = Int(starts[cluster + 1])
                        x = 0
                        continue
                    }
                    if x + w > width && !isSpace(cluster) && clusterStart > lineStart {
                        emitLine(text, lineStart, clusterStart, overwide: false, emit: emit)
                        lineStart = clusterStart
                        x = 0
                    }
                    x += w
                }
                lineWidth = x
            } else {
                lineWidth += segmentWidth
            }
            segmentStart = b
            if hard[k] != 0 && b < n {
                emitLine(text, lineStart, b, overwide: false, emit: emit)
                lineStart = b
                lineWidth = 0
            }
        }
        if final {
            // After a split that ended exactly at the end there is nothing left to show.
            if lineStart < n { emitLine(text, lineStart, n, overwide: false, emit: emit) }
            return n
        }
        if lineStart == 0 {
            // Nothing finished in a whole window (zero-width clusters, or a huge width): cut here.
            emitLine(text, 0, n, overwide: false, emit: emit)
            return n
        }
        return lineStart
    }

    // MARK: - One row

    private func emitLine(_ text: UnsafeBufferPointer<UInt16>, _ start: Int, _ end: Int, overwide: Bool,
                          emit: (UnsafeBufferPointer<UInt16>) -> Void) {
        if overwide {
            // A single cluster wider than the line (a pile of spacing marks on a narrow screen): show it
            // as one replacement character rather than break the "no row wider than the width" promise.
            let replacement: [UInt16] = [0xFFFD]
            replacement.withUnsafeBufferPointer { row($0, emit: emit) }
            return
        }
        var e = end
        while e > start {
            let u = text[e - 1]
            guard u == 0x20 || u == 0x3000 || (u >= 0x2000 && u <= 0x200A) || u == 0x1680 else { break }
            e -= 1
        }
        row(UnsafeBufferPointer(rebasing: text[start..<e]), emit: emit)
    }

    private func row(_ line: UnsafeBufferPointer<UInt16>, emit: (UnsafeBufferPointer<UInt16>) -> Void) {
        let rtl = paragraphIsRTL ?? false
        guard bidi == .app, rtl || atelier_has_rtl(line.baseAddress, Int32(line.count)) != 0 else {
            emit(line)
            return
        }
        let capacity = 2 * line.count + 8
        let visual = [UInt16](unsafeUninitializedCapacity: capacity) { buffer, count in
            let n = atelier_visual_line(line.baseAddress, Int32(line.count), rtl ? 1 : 0, 1,
                                        buffer.baseAddress, Int32(capacity))
            count = n >= 0 && Int(n) <= capacity ? Int(n) : 0
        }
        // Reordering never fails on sanitised text; should ICU refuse, the logical line is still readable.
        let shown = visual.isEmpty && !line.isEmpty ? Array(line) : visual
        guard rtl else {
            shown.withUnsafeBufferPointer(emit)
            return
        }
        let padding = max(0, width - GraphemeClusters(units: shown).widths.reduce(0, +))
        let padded = [UInt16](repeating: 0x20, count: padding) + shown
        padded.withUnsafeBufferPointer(emit)
    }
}
