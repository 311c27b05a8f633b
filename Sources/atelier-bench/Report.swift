import CAtelierICU
import Foundation

/// The one table `make bench` prints, and docs/performance.md built from it.
struct Report {
    let figures: [Figure]
    let slack: Double
    /// Peers that could not be measured, and why.
    var notes: [String] = []

    var failures: [Figure] { figures.filter { $0.passes(slack: slack) == false } }

    /// The lines of a previous docs/performance.md that no run wrote: everything after its generated first
    /// paragraph (which ends with "what counts.") and before its "## Machine", without its table and without the
    /// notes of the run that wrote it.
    static func writtenByHand(_ text: String) -> String {
        let lines = text.components(separatedBy: "\n")
        guard let end = lines.firstIndex(of: "## Machine"),
              let paragraphEnd = lines.firstIndex(where: { $0.hasSuffix("are what counts.") }), paragraphEnd < end else { return "" }
        let kept = lines[(paragraphEnd + 1)..<end].filter { !$0.hasPrefix("|") && !$0.hasPrefix(runNote) }
        return kept.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// How a run's own notes (a peer skipped, and why) begin, so that the next run does not keep them.
    static let runNote = "- *this run:* "

    var table: String {
        let header = ["figure", "median", "min–max", "target", "result"]
        let rows = figures.map { f -> [String] in
            let result = f.passes(slack: slack).map { $0 ? "pass" : "FAIL" } ?? "—"
            return [f.name, "\(format(f.median)) \(f.unit)", "\(format(f.minimum))–\(format(f.maximum))",
                    f.targetText, result]
        }
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            "| " + cells.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }
                .joined(separator: " | ") + " |"
        }
        let rule = "|" + widths.map { String(repeating: "-", count: $0 + 2) }.joined(separator: "|") + "|"
        return ([line(header), rule] + rows.map(line)).joined(separator: "\n")
    }

    /// `previous`: the file this run replaces. What people wrote in it (the analysis of earlier figures, between
    /// its header and its "## Machine") is kept under the new table, so that a full run does not erase it.
    func markdown(runs: Int, previous: String? = nil) -> String {
        let reproduce = Set(figures.map(\.reproduce)).sorted().map { "    \($0)" }.joined(separator: "\n")
        let kept = previous.map(Self.writtenByHand) ?? ""
        return """
        # Performance

        Written by `make bench` (\(Self.today())); the table is replaced at each full run, the notes under it are
        kept. Medians of \(runs) runs on a release build; these machines are shared and noisy, so the ratios
        measured within one run are what counts.

        \(table)
        \(notes.isEmpty ? "" : "\n" + notes.map { Self.runNote + $0 }.joined(separator: "\n") + "\n")\(kept.isEmpty ? "" : "\n" + kept + "\n")
        ## Machine

        \(Self.machine())

        ## How to reproduce

        `make bench` runs everything below and rewrites this file; `make bench-smoke` is the short variant CI
        runs, which fails when a figure is more than twice as bad as its target.

        \(reproduce)

        - *whole process*: `atelier layout` (or `atelier lint`) started once per run, output sent to
          /dev/null; throughput is the input size over the wall time; memory is the command's peak resident
          set as GNU time reports it. The kiosk runs in a pseudo-terminal until its first screen; its memory
          is its VmHWM at that moment.
        - *in process*: the same pipeline (check and decode, sanitise, wrap, reorder and shape, encode) on
          the corpus in memory, against one bare ICU UBRK_LINE iterator over the same paragraphs (as UTF-16,
          ICU's own form, and over the UTF-8 through a UText); thread CPU time, each pair run back to back,
          the ratio taken per pair.
        - *store*: `ProgressStore.record` (the attempt, the progress upsert, the participant touched; one durable
          transaction) against plain C doing the same three statements on a file the store made (same schema and
          triggers), WAL and synchronous=FULL; ten rounds taken in turn, the ratio per round, its median reported;
          CPU per answer is the thread's CPU time (system time included) over the round. `atelier-bench store N`.
        - *quiz host*: the release `atelier quiz host` in its own process on 127.0.0.1, driven through its keys;
          N simulated players (WebSocket clients in the benchmark's process, 6 languages) join, the question
          opens, each answers at a random moment of the next 2 s; latency is from sending the answer to its
          acknowledgement, which the host sends once the answer is committed to the store; peak memory is GNU
          time's. Both run on the same 2 cores.
        - *quiz under abuse*: 50 honest players on 127.0.0.1 answer while, from 127.0.0.2 and .3, 5,000
          connections send half a request and hold on, 200 players join and never read (1 KiB receive
          buffers), and loops send 10 MB frames, malformed JSON and wrong codes; five waves, the abusers let go
          between waves; memory is VmRSS after each wave. The abusers share the host's two cores; the
          honest players' target is the same 50 ms as in a quiet room. The host lets one address open 64
          connections at once, then 5 per second (`--connections-per-second`; the machine itself, 127.0.0.1, is not limited).
          `ATELIER_ABUSE_ONLY=flood|sleepers|frames|loops` runs one kind alone, `ATELIER_ABUSE_WAVES=N` more waves.
        - *Kolibri*: `pip install kolibri` into .build/kolibri-venv (once), `kolibri start --foreground` with a
          scratch KOLIBRI_HOME; the first start (database creation) is not counted; time until `GET /` gets an
          HTTP answer, and the VmHWM of its processes then. The quiz host is measured the same way.
        - *sync*: one kiosk file with 100,000 attempts (Tigrinya text) pushed by `KioskSync.push` (batches of
          2,000, COPY into temporary tables, upserts, the kiosk's number moved in each transaction) to a
          PostgreSQL 15 cluster of the benchmark's own on 127.0.0.1, fsync on, a new database per run; against
          it, a bare `COPY` of the same rows, already encoded, into the same table (same indexes, emptied
          first) as the owner: no change tracking, no upsert, no reading of SQLite. Records per second are
          attempts over wall time.
        - The corpus is generated (French, Arabic, Tigrinya and Chinese paragraphs of lesson-like sentences,
          deterministic), see Sources/atelier-bench/MixedScriptCorpus.swift.

        """
    }

    static func today() -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd"
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: Date())
    }

    static func machine() -> String {
        let cpu = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?
            .split(separator: "\n").first { $0.hasPrefix("model name") }?
            .split(separator: ":", maxSplits: 1).last?.trimmingCharacters(in: .whitespaces) ?? "unknown CPU"
        let memory = (try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8))?
            .split(separator: "\n").first { $0.hasPrefix("MemTotal") }?
            .split(separator: " ").dropFirst().first.flatMap { Double($0) }.map { "\(Int(($0 / 1_048_576).rounded())) GiB" } ?? "?"
        var version = [CChar](repeating: 0, count: 32)
        _ = atelier_icu_version(&version, Int32(version.count))  // cut to fit, NUL-terminated
        let icu = String(decoding: version.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let os = (try? String(contentsOfFile: "/etc/debian_version", encoding: .utf8))
            .map { "Debian \($0.trimmingCharacters(in: .whitespacesAndNewlines))" } ?? "Linux"
        return "\(cpu), \(ProcessInfo.processInfo.activeProcessorCount) cores, \(memory); \(os); ICU \(icu); Swift 6 release build."
    }
}
