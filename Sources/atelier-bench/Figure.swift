/// One measured figure: its samples, its target, and whether it meets it.
struct Figure {
    enum Goal {
        /// Higher is better (throughput): pass when the median is at least the target.
        case atLeast(Double)
        /// Lower is better (time, memory, ratio): pass when the median is at most the target.
        case atMost(Double)
        /// Every run must reach the target, whatever the slack (answers acknowledged: one lost answer fails).
        case everyRunAtLeast(Double)
    }

    let name: String
    let unit: String
    let samples: [Double]
    let goal: Goal?
    /// How to get this figure again, for docs/performance.md.
    let reproduce: String

    var median: Double { medianOf(samples) }

    var minimum: Double { samples.min() ?? 0 }
    var maximum: Double { samples.max() ?? 0 }

    /// Passes its target, with `slack` (2 for the smoke run: fail only when twice as bad).
    func passes(slack: Double = 1) -> Bool? {
        switch goal {
        case .atLeast(let target)?: return median >= target / slack
        case .atMost(let target)?: return median <= target * slack
        case .everyRunAtLeast(let target)?: return minimum >= target
        case nil: return nil
        }
    }

    var targetText: String {
        switch goal {
        case .atLeast(let target)?: return "≥ \(format(target)) \(unit)"
        case .atMost(let target)?: return "≤ \(format(target)) \(unit)"
        case .everyRunAtLeast(let target)?: return "each ≥ \(format(target)) \(unit)"
        case nil: return "—"
        }
    }
}

func format(_ value: Double) -> String {
    guard value.isFinite else { return "none" }  // a figure with no sample (nothing was measured)
    if value >= 100 { return String(Int(value.rounded())) }
    if value >= 10 { return String(Double(Int((value * 10).rounded())) / 10) }
    return String(Double(Int((value * 100).rounded())) / 100)
}

func medianOf(_ samples: [Double]) -> Double {
    let sorted = samples.sorted()
    let n = sorted.count
    guard n > 0 else { return .infinity }
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
}
