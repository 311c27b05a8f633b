import CAtelierICU

/// Lays out sanitised text for a terminal row by row, in bounded memory.
///
/// Text is wrapped paragraph by paragraph in logical order at ICU line-break opportunities, an over-long
/// word is split between grapheme clusters, and then each line is put in visual order (see `BidiMode`).
/// A paragraph longer than `window` code units is laid out a window at a time, so that a 10 MB line costs
/// a few windows of memory, not a copy of itself per stage. A class: it owns reusable scratch buffers.
public final class LayoutStream {
    public let width: Int
    public let direction: ParagraphDirection
    public let bidi: BidiMode

    /// Code units of the current paragraph from the start of its unfinished line.
    private var pending: [UInt16] = []
    // The stored properties below are scalars and buffer pointers touched at every paragraph and row, with no access
    // that can overlap (the stream calls out only to `emit`, which gets a buffer, not the stream): their dynamic
    // exclusivity checks were a twentieth of the layout's own time.
    @exclusivity(unchecked) private var paragraphOpen = false
    /// Decided once per paragraph, from its first window.
    @exclusivity(unchecked) private var paragraphIsRTL: Bool?
    private let window: Int
    /// Scratch for ICU's answers and the sanitiser's output, kept from one window to the next.
    @exclusivity(unchecked) private var rowScratch = RowScratch(capacity: 0)
    /// Where a row is put in visual order; an unsafe buffer rather than an array, whose exclusivity checks at each
    /// row were a visible share of the layout's own time.
    @exclusivity(unchecked) private var visualScratch = UnsafeMutableBufferPointer<UInt16>(start: nil, count: 0)
    /// The sanitiser's output for `feed(unsanitized:)`; its count is the capacity passed to C.
    @exclusivity(unchecked) var sanitizeScratch: UnsafeMutableBufferPointer<UInt16>?

    deinit {
        sanitizeScratch?.deallocate()
        visualScratch.deallocate()
    }

    public init(width: Int, direction: ParagraphDirection = .firstStrong(fallback: .leftToRight),
                bidi: BidiMode = .app, window: Int = 16_384) {
        self.width = max(1, width)
        self.direction = direction
        self.bidi = bidi
        self.window = max(window, 4 * self.width)
    }

    /// Feeds sanitised text (see `TerminalSanitizer`); `emit` receives each finished row.
    public func feed(_ units: UnsafeBufferPointer<UInt16>, emit: (UnsafeBufferPointer<UInt16>) -> Void) {
        var start = 0
        for i in 0..<units.count where units[i] == 0x0A {
            if pending.isEmpty && !paragraphOpen && i - start <= window {
                // A whole paragraph in this chunk: laid out where it is, without a copy.
                let paragraph = UnsafeBufferPointer(rebasing: units[start..<i])
                paragraphIsRTL = decideDirection(paragraph)
                _ = wrap(paragraph, final: true, emit: emit)
                paragraphIsRTL = nil
            } else {
                pending.append(contentsOf: units[start..<i])
                layOutPending(final: true, emit: emit)
            }
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
    public func finish(emit: (UnsafeBufferPointer<UInt16>) -> Void) {
        if paragraphOpen || !pending.isEmpty { layOutPending(final: true, emit: emit) }
    }

    // MARK: - One window

    private func layOutPending(final: Bool, emit: (UnsafeBufferPointer<UInt16>) -> Void) {
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
        // n + 1 rows always suffice (rows are disjoint and not empty, but the one row of an empty text); should the
        // C side ever count more rows than the buffers hold, they grow to its count and the window is wrapped again.
        if rowScratch.capacity < n + 2 { rowScratch = RowScratch(capacity: max(n + 2, 4096)) }
        var consumed: Int32 = 0
        var rows = 0
        while true {
            let scratch = rowScratch
            rows = Int(atelier_wrap(text.baseAddress, Int32(n), Int32(width), final ? 1 : 0, scratch.starts, scratch.ends,
                                    scratch.widths, scratch.flags, Int32(clamping: scratch.capacity), &consumed))
            if rows <= scratch.capacity { break }
            rowScratch = RowScratch(capacity: rows)
        }
        let (starts, ends, widths, flags) = (rowScratch.starts, rowScratch.ends, rowScratch.widths, rowScratch.flags)
        for row in 0..<rows {
            emitLine(text, Int(starts[row]), Int(ends[row]), width: Int(widths[row]), flags: Int32(flags[row]),
                     emit: emit)
        }
        return Int(consumed)
    }

    // MARK: - One row

    private func emitLine(_ text: UnsafeBufferPointer<UInt16>, _ start: Int, _ end: Int, width rowWidth: Int,
                          flags: Int32, emit: (UnsafeBufferPointer<UInt16>) -> Void) {
        if flags & Int32(ATELIER_ROW_OVERWIDE) != 0 {
            // A single cluster wider than the line (a pile of spacing marks on a narrow screen): show it
            // as one replacement character rather than break the "no row wider than the width" promise.
            let replacement: [UInt16] = [0xFFFD]
            replacement.withUnsafeBufferPointer { row($0, width: 1, hasRTL: false, emit: emit) }
            return
        }
        var e = end
        while e > start {
            let u = text[e - 1]
            guard u == 0x20 || u == 0x3000 || (u >= 0x2000 && u <= 0x200A) || u == 0x1680 else { break }
            e -= 1
        }
        row(UnsafeBufferPointer(rebasing: text[start..<e]), width: rowWidth,
            hasRTL: flags & Int32(ATELIER_ROW_RTL) != 0, emit: emit)
    }

    private func row(_ line: UnsafeBufferPointer<UInt16>, width rowWidth: Int, hasRTL: Bool,
                     emit: (UnsafeBufferPointer<UInt16>) -> Void) {
        let rtl = paragraphIsRTL ?? false
        guard bidi == .app, rtl || hasRTL else {
            emit(line)
            return
        }
        // The visual line goes into a reused buffer with room before it for the padding, which is only
        // known after shaping (a lam-alef ligature takes one cell fewer).
        let room = rtl ? max(0, width - rowWidth) + line.count : 0
        // 2 * count + 8 units always suffice; should ICU ask for more, the buffer grows to that once.
        var capacity = room + 2 * line.count + 8
        for _ in 0..<2 {
            if visualScratch.count < capacity {
                visualScratch.deallocate()
                visualScratch = .allocate(capacity: max(capacity, 1024))
            }
            let buffer = visualScratch
            let base = buffer.baseAddress!
            let available = buffer.count - room
            var change: Int32 = 0
            let n = atelier_visual_line(line.baseAddress, Int32(line.count), rtl ? 1 : 0, 1, base + room,
                                        Int32(clamping: available), &change)
            guard n >= 0 else {
                // Reordering does not fail on sanitised text; should ICU refuse, the logical line is readable.
                emit(line)
                return
            }
            guard Int(n) <= available else {
                capacity = room + Int(n)
                continue
            }
            // Unusual lines are measured again: shaping and reordering can join or split their clusters (make
            // fuzz found four ways), and a row must never overflow.
            let drawn = change == ATELIER_WIDTH_UNKNOWN ? Int(atelier_display_width(base + room, n)) : rowWidth + Int(change)
            guard drawn <= width else {
                emit(line)
                return
            }
            let padding = rtl ? min(room, width - drawn) : 0
            for k in (room - padding)..<room { base[k] = 0x20 }
            emit(UnsafeBufferPointer(start: base + room - padding, count: padding + Int(n)))
            return
        }
        emit(line)  // ICU asked for more room twice: the logical line is readable
    }
}

/// Where atelier_wrap writes its rows; grown, never shrunk, for the life of a stream.
private final class RowScratch {
    let capacity: Int
    let starts: UnsafeMutablePointer<Int32>
    let ends: UnsafeMutablePointer<Int32>
    let widths: UnsafeMutablePointer<Int32>
    let flags: UnsafeMutablePointer<UInt8>

    init(capacity: Int) {
        self.capacity = capacity
        starts = .allocate(capacity: max(capacity, 1))
        ends = .allocate(capacity: max(capacity, 1))
        widths = .allocate(capacity: max(capacity, 1))
        flags = .allocate(capacity: max(capacity, 1))
    }

    deinit {
        starts.deallocate()
        ends.deallocate()
        widths.deallocate()
        flags.deallocate()
    }
}
