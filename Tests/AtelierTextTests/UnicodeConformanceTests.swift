import Foundation
import Testing
@testable import AtelierText

/// Unicode's own test data, from Debian's `unicode-data` (Unicode 15.0, the version of ICU 72), run through
/// our code. `make test` installs the package; without it these tests fail rather than pass vacuously.
@Suite("Unicode conformance")
struct UnicodeConformanceTests {
    static let directory = "/usr/share/unicode"

    /// One line of a *BreakTest.txt: the code points, and the UTF-16 offsets where "÷" allows a break.
    struct BreakCase {
        let line: Int
        let units: [UInt16]
        let breaks: [Int]
    }

    static func breakCases(_ path: String) throws -> [BreakCase] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var cases: [BreakCase] = []
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let content = rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let tokens = content.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard !tokens.isEmpty else { continue }
            var units: [UInt16] = []
            var breaks: [Int] = []
            for token in tokens {
                switch token {
                case "÷": breaks.append(units.count)
                case "×": break
                default:
                    guard let value = UInt32(token, radix: 16), let scalar = Unicode.Scalar(value) else {
                        units.append(UInt16(truncatingIfNeeded: UInt32(token, radix: 16) ?? 0xFFFD))
                        continue
                    }
                    units.append(contentsOf: String(scalar).utf16)
                }
            }
            cases.append(BreakCase(line: index + 1, units: units, breaks: breaks))
        }
        return cases
    }

    @Test func graphemeBreakTest() throws {
        let cases = try Self.breakCases(Self.directory + "/auxiliary/GraphemeBreakTest.txt")
        var passed = 0
        for c in cases {
            let clusters = GraphemeClusters(units: c.units)
            if clusters.boundaries == c.breaks {
                passed += 1
            } else {
                Issue.record("GraphemeBreakTest.txt:\(c.line): expected \(c.breaks), got \(clusters.boundaries)")
            }
        }
        print("GraphemeBreakTest: \(passed) of \(cases.count) cases passed")
        #expect(cases.count > 600)
    }

    /// ICU's line-break rules tailor LB25 (numbers) with the regular expression of UAX #14 section 8.2
    /// (example 7), which the standard permits; LineBreakTest.txt tests the untailored rule, so ICU's own
    /// test suite skips these cases (rbbitst.cpp, `testCaseIsKnownIssue`, ICU ticket 10666). A difference
    /// is excused only when it sits right after a hyphen (HY) or an infix separator (IS: , . : ;), possibly
    /// followed by combining marks, or right before one that is followed by a digit; any other difference
    /// fails the test.
    static func isKnownICUNumberTailoring(_ units: [UInt16], at position: Int) -> Bool {
        let separators: Set<UInt16> = [0x2D, 0x2C, 0x2E, 0x3A, 0x3B]
        var before = position - 1
        while before > 0 && ((0x300...0x36F).contains(units[before]) || units[before] == 0x200D) { before -= 1 }
        if before >= 0 && separators.contains(units[before]) { return true }
        if position + 1 < units.count && separators.contains(units[position])
            && (0x30...0x39).contains(units[position + 1]) { return true }
        return false
    }

    @Test func lineBreakTest() throws {
        let cases = try Self.breakCases(Self.directory + "/auxiliary/LineBreakTest.txt")
        var passed = 0
        var skipped = 0
        for c in cases {
            let text = String(utf16Units: c.units)
            let found = [0] + LineBreaks.opportunities(in: text).map(\.offset)
            let expected = c.breaks.first == 0 ? c.breaks : [0] + c.breaks
            let differences = Set(found).symmetricDifference(expected)
            if differences.isEmpty {
                passed += 1
            } else if differences.allSatisfy({ Self.isKnownICUNumberTailoring(c.units, at: $0) }) {
                skipped += 1
            } else {
                Issue.record("LineBreakTest.txt:\(c.line): expected \(expected), got \(found)")
            }
        }
        print("LineBreakTest: \(passed) of \(cases.count) cases passed, \(skipped) known ICU issues (LB25 number tailoring) skipped")
        #expect(cases.count > 7000)
        #expect(skipped < 40)
    }

    @Test func everyFullyQualifiedEmojiIsOneClusterOfWidthTwo() throws {
        let text = try String(contentsOfFile: Self.directory + "/emoji/emoji-test.txt", encoding: .utf8)
        var total = 0
        var passed = 0
        for line in text.split(separator: "\n") where line.contains("; fully-qualified") {
            let codes = line.split(separator: ";")[0].split(separator: " ")
            let emoji = String(String.UnicodeScalarView(codes.compactMap { UInt32($0, radix: 16).flatMap(Unicode.Scalar.init) }))
            total += 1
            let clusters = GraphemeClusters(of: emoji)
            if clusters.count == 1 && clusters.widths == [2] {
                passed += 1
            } else {
                Issue.record("\(line): \(clusters.count) clusters, widths \(clusters.widths)")
            }
        }
        print("emoji-test: \(passed) of \(total) fully-qualified emoji are one cluster of width 2")
        #expect(total > 3000)
    }
}
