import AtelierText
import CAtelierICU
import Foundation

/// `atelier layout` on mixed-script text at width 60, against ICU's bare line-break iteration.
enum LayoutBenchmark {
    static func run(megabytes: Int, runs: Int, atelier: String, scratch: String) throws -> [Figure] {
        let corpus = MixedScriptCorpus.make(bytes: megabytes * 1024 * 1024)
        let path = scratch + "/layout-corpus.txt"
        try Data(corpus).write(to: URL(fileURLWithPath: path))
        let size = Double(corpus.count) / 1_048_576

        var processSeconds: [Double] = []
        var processMemory: [Double] = []
        for _ in 0..<runs {
            let (seconds, peak) = try Stopwatch.process(atelier, ["layout", "--lang", "fr", "--width", "60",
                                                                  "--direction", "auto"], inputPath: path)
            processSeconds.append(seconds)
            processMemory.append(peak)
        }

        // In process: the same pipeline as the command, without reading and writing files.
        guard case .success(let units) = corpus.withUnsafeBufferPointer({ UTF8Validation.decode($0) }) else {
            throw Stopwatch.SpawnError(description: "the generated corpus is not valid UTF-8")
        }
        var ours: [Double] = []
        var bare: [Double] = []
        var bareUTF8: [Double] = []
        var bareRTL: [Double] = []
        var rows = 0
        let rtl = rightToLeftRows(units)
        for _ in 0..<runs {
            ours.append(Stopwatch.seconds {
                rows = layOut(corpus)
            })
            // ICU's floor: one line-break iterator over each paragraph, as the layout sees them; over the
            // UTF-16 (ICU's own form), and over the UTF-8 as it comes (a UText), with no conversion first.
            bare.append(Stopwatch.seconds {
                units.withUnsafeBufferPointer { forEachParagraph($0) { _ = atelier_bare_line_break_count($0.baseAddress, Int32($0.count)) } }
            })
            // What else the layout must ask of ICU: shaping and reordering the right-to-left rows (the same rows).
            bareRTL.append(Stopwatch.seconds {
                _ = units.withUnsafeBufferPointer { atelier_bare_shape_and_reorder($0.baseAddress, rtl.starts, rtl.ends, Int32(rtl.starts.count)) }
            })
            bareUTF8.append(Stopwatch.seconds {
                corpus.withUnsafeBufferPointer { forEachParagraph($0) { _ = atelier_bare_line_break_count_utf8($0.baseAddress, Int32($0.count)) } }
            })
        }
        precondition(rows > 0)
        if ProcessInfo.processInfo.environment["ATELIER_LAYOUT_STAGES"] != nil { stages(corpus, units: units, runs: runs) }
        let ratios = zip(ours, bare).map { $0 / $1 }
        let icuWork = zip(bare, bareRTL).map { $0 + $1 }
        let command = "make bench   (or: swift build -c release && .build/release/atelier-bench full)"
        return [
            Figure(name: "atelier layout, \(Int(size)) MB mixed-script, width 60 (whole process)", unit: "MB/s",
                   samples: processSeconds.map { size / $0 }, goal: .atLeast(10), reproduce: command),
            Figure(name: "atelier layout peak memory", unit: "MB", samples: processMemory, goal: nil,
                   reproduce: command),
            Figure(name: "layout in process", unit: "MB/s", samples: ours.map { size / $0 }, goal: nil,
                   reproduce: command),
            Figure(name: "ICU bare line-break iteration, same text", unit: "MB/s", samples: bare.map { size / $0 },
                   goal: nil, reproduce: command),
            Figure(name: "ICU bare line-break iteration over the UTF-8 (UText)", unit: "MB/s",
                   samples: bareUTF8.map { size / $0 }, goal: nil, reproduce: command),
            Figure(name: "ICU bare, the same work: line breaks, RTL rows shaped and reordered",
                   unit: "MB/s", samples: icuWork.map { size / $0 }, goal: nil, reproduce: command),
            // Issue #24's 2x goal, against ICU doing what the layout asks of it; the row below compares with the line
            // breaks alone, which the right-to-left rows' shaping and reordering by ICU already exceed (docs/performance.md).
            Figure(name: "layout / ICU bare doing the same work (time ratio)", unit: "x",
                   samples: zip(ours, icuWork).map { $0 / $1 }, goal: .atMost(2), reproduce: command),
            // The target stays at 3x until issue #24's layout work (goal 2x) lands: bench-smoke fails at twice the
            // target, and today's ratios (2.4-4.3x over 15 runs) would make a 4x ceiling fail CI now and then.
            Figure(name: "layout / ICU bare line breaks on UTF-16 (time ratio)", unit: "x", samples: ratios,
                   goal: .atMost(3), reproduce: command),
            Figure(name: "layout / ICU bare line breaks on UTF-8 (time ratio)", unit: "x",
                   samples: zip(ours, bareUTF8).map { $0 / $1 }, goal: nil, reproduce: command),
        ]
    }

    static func forEachParagraph<T: BinaryInteger>(_ text: UnsafeBufferPointer<T>, _ body: (UnsafeBufferPointer<T>) -> Void) {
        var start = 0
        for i in 0...text.count where i == text.count || text[i] == 0x0A {
            body(UnsafeBufferPointer(rebasing: text[start..<i]))
            start = i + 1
        }
    }

    /// The right-to-left rows of the corpus laid out at width 60, as offsets into `units` (which the sanitiser leaves as
    /// they are: the generated corpus has nothing to remove), for the floor that shapes and reorders them.
    static func rightToLeftRows(_ units: [UInt16]) -> (starts: [Int32], ends: [Int32]) {
        var starts: [Int32] = [], ends: [Int32] = []
        units.withUnsafeBufferPointer { text in
            var base = 0
            forEachParagraph(text) { paragraph in
                let capacity = paragraph.count + 2
                var rowStarts = [Int32](repeating: 0, count: capacity), rowEnds = rowStarts, widths = rowStarts
                var flags = [UInt8](repeating: 0, count: capacity)
                var consumed: Int32 = 0
                let rows = Int(atelier_wrap(paragraph.baseAddress, Int32(paragraph.count), 60, 1, &rowStarts, &rowEnds, &widths, &flags,
                                            Int32(capacity), &consumed))
                for r in 0..<rows where flags[r] & UInt8(ATELIER_ROW_RTL) != 0 {
                    starts.append(Int32(base) + rowStarts[r])
                    ends.append(Int32(base) + rowEnds[r])
                }
                base += paragraph.count + 1
            }
        }
        return (starts, ends)
    }

    /// Where the layout's time goes (`ATELIER_LAYOUT_STAGES=1`): each stage alone over the corpus, thread CPU time,
    /// medians printed as a share of the bare line-break iteration over the same paragraphs.
    static func stages(_ corpus: [UInt8], units: [UInt16], runs: Int) {
        var times: [String: [Double]] = [:]
        func time(_ name: String, _ body: () -> Void) { times[name, default: []].append(Stopwatch.seconds(body)) }
        let sanitized = UnsafeMutableBufferPointer<UInt16>.allocate(capacity: 8 * units.count + 1)
        defer { sanitized.deallocate() }
        var n = 0
        let output = UnsafeMutablePointer<UInt8>.allocate(capacity: 3 * units.count + 1)
        defer { output.deallocate() }
        let capacity = units.count + 2
        let starts = UnsafeMutablePointer<Int32>.allocate(capacity: capacity), ends = UnsafeMutablePointer<Int32>.allocate(capacity: capacity)
        let widths = UnsafeMutablePointer<Int32>.allocate(capacity: capacity), flags = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        let visual = UnsafeMutablePointer<UInt16>.allocate(capacity: 4096)
        let rtl = rightToLeftRows(units)
        for _ in 0..<runs {
            time("decode UTF-8") { _ = corpus.withUnsafeBufferPointer { UTF8Validation.decode($0) } }
            time("sanitize") {
                n = units.withUnsafeBufferPointer { Int(atelier_sanitize($0.baseAddress, Int32($0.count), sanitized.baseAddress, Int32(clamping: sanitized.count))) }
            }
            let text = UnsafeBufferPointer(rebasing: sanitized[0..<n])
            time("wrap (line breaks, widths)") {
                forEachParagraph(text) { paragraph in
                    var consumed: Int32 = 0
                    _ = atelier_wrap(paragraph.baseAddress, Int32(paragraph.count), 60, 1, starts, ends, widths, flags, Int32(capacity), &consumed)
                }
            }
            // The same rows as the floor below shapes and reorders (offsets into `units`, which sanitising leaves as is).
            time("visual order (RTL rows)") {
                var change: Int32 = 0
                units.withUnsafeBufferPointer { units in
                    for (start, end) in zip(rtl.starts, rtl.ends) {
                        _ = atelier_visual_line(units.baseAddress! + Int(start), end - start, 1, 1, visual, 4096, &change)
                    }
                }
            }
            time("encode UTF-8") { _ = atelier_utf16_to_utf8(text.baseAddress, Int32(n), output, Int32(clamping: 3 * units.count + 1)) }
            time("ICU bare shaping and reordering") {
                _ = units.withUnsafeBufferPointer { atelier_bare_shape_and_reorder($0.baseAddress, rtl.starts, rtl.ends, Int32(rtl.starts.count)) }
            }
            time("bare line breaks") {
                units.withUnsafeBufferPointer { forEachParagraph($0) { _ = atelier_bare_line_break_count($0.baseAddress, Int32($0.count)) } }
            }
            time("whole pipeline") { _ = layOut(corpus) }
        }
        let median = { (xs: [Double]) in xs.sorted()[xs.count / 2] }
        let bare = median(times["bare line breaks"]!)
        for name in ["decode UTF-8", "sanitize", "wrap (line breaks, widths)", "visual order (RTL rows)", "encode UTF-8", "ICU bare shaping and reordering", "bare line breaks", "whole pipeline"] {
            let m = median(times[name]!)
            print(name.padding(toLength: 32, withPad: " ", startingAt: 0) + String(format: "%8.1f ms  %5.2f x bare", m * 1000, m / bare))
        }
    }

    /// The command's pipeline: check and decode, sanitise, wrap, reorder, encode. Returns the row count.
    static func layOut(_ bytes: [UInt8]) -> Int {
        var rows = 0
        let output = UTF8Output()
        let stream = LayoutStream(width: 60, direction: .firstStrong(fallback: .leftToRight), bidi: .app)
        let emit: (UnsafeBufferPointer<UInt16>) -> Void = { row in
            output.appendLine(row)
            rows += 1
            if output.count >= 1 << 16 { output.removeAll() }
        }
        guard case .success(let units) = bytes.withUnsafeBufferPointer({ UTF8Validation.decode($0) }) else { return 0 }
        units.withUnsafeBufferPointer { stream.feed(unsanitized: $0, emit: emit) }
        stream.finish(emit: emit)
        return rows
    }
}
