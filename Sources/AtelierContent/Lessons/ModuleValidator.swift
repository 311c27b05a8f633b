/// Checks a loaded module as a whole: ids, references, and that every step is reachable and every path
/// ends (the engine never loops on content that lint accepted).
public enum ModuleValidator {
    /// `today` comes in as a value, so that checks are repeatable; without it the checks that depend on the date
    /// (warnings only) are skipped, and the errors are the same: what lint refuses, every loader refuses.
    public static func validate(_ module: Module, folderName: String?, knownModules: Set<String>,
                                today: CalendarDate?) -> [ContentDiagnostic] {
        var diagnostics: [ContentDiagnostic] = []
        func error(_ location: SourceLocation, _ code: String, _ message: String) {
            diagnostics.append(ContentDiagnostic(location: location, severity: .error, code: code, message: message))
        }
        func warning(_ location: SourceLocation, _ code: String, _ message: String) {
            diagnostics.append(ContentDiagnostic(location: location, severity: .warning, code: code, message: message))
        }

        if let folderName, !module.id.isEmpty, module.id != folderName {
            error(module.location, "id-mismatch", "the module id '\(module.id)' differs from its folder '\(folderName)'")
        }
        for prerequisite in module.prerequisites where !knownModules.contains(prerequisite) {
            error(module.location(of: "prerequisites/\(prerequisite)", or: module.location), "unknown-reference",
                  "unknown prerequisite module '\(prerequisite)'\(DidYouMean.hint(for: prerequisite, among: knownModules))")
        }
        for source in module.sources {
            if let checked = source.checked, let today, checked.adding(months: 12) < today {
                warning(source.location, "source-outdated",
                        "source '\(source.title)' was last checked on \(checked), more than 12 months ago: check it again")
            }
        }
        let used = Set(module.steps.flatMap(\.glossary))
        for entry in module.glossary where !used.contains(entry.term) {
            warning(entry.location, "unused-glossary-term", "glossary term '\(entry.term)' is shown on no step")
        }

        // Ids and references.
        var seen: Set<String> = []
        for step in module.steps {
            if !seen.insert(step.id).inserted {
                error(step.location, "duplicate-id", "step id '\(step.id)' is used twice")
            }
        }
        let ids = module.steps.map(\.id)
        func checkTarget(_ target: String?, from step: Step, at reference: String) {
            guard let target, !ids.contains(target) else { return }
            error(module.location(of: reference, or: step.location), "unknown-reference",
                  "step '\(step.id)' goes to unknown step '\(target)'\(DidYouMean.hint(for: target, among: ids))")
        }
        for (index, step) in module.steps.enumerated() {
            checkTarget(step.next, from: step, at: "\(step.id)/next")
            if case .scenario(_, let options) = step.content {
                for option in options { checkTarget(option.next, from: step, at: "\(step.id)/options/\(option.id)/next") }
            }
            if let condition = step.condition {
                let whenLocation = module.location(of: "\(step.id)/when", or: step.location)
                guard let target = module.index(of: condition.step), target < index else {
                    error(whenLocation, "unknown-reference",
                          "'when' of step '\(step.id)' must name an earlier step, not '\(condition.step)'")
                    continue
                }
                let content = module.steps[target].content
                switch condition {
                case .answered:
                    if !content.isQuestion {
                        error(whenLocation, "invalid-reference", "'when: correct' needs a question, and '\(condition.step)' is a \(content.kind) step")
                    }
                case .chose(_, let option):
                    let options: [String]
                    switch content {
                    case .scenario(_, let list): options = list.map(\.id)
                    case .choice(_, let list, _): options = list.map(\.id)
                    default: options = []
                    }
                    if !options.contains(option) {
                        error(whenLocation, "unknown-reference", "step '\(condition.step)' has no option '\(option)'\(DidYouMean.hint(for: option, among: options))")
                    }
                }
            }
        }
        diagnostics += checkPaths(module)
        return diagnostics
    }

    /// Every step reachable from the first, and no loop.
    public static func checkPaths(_ module: Module) -> [ContentDiagnostic] {
        let steps = module.steps
        guard !steps.isEmpty else { return [] }
        guard steps.count <= 2000 else {
            return [ContentDiagnostic(location: module.location, severity: .error, code: "too-large",
                                      message: "a module may have at most 2000 steps")]
        }
        let index = Dictionary(steps.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        func successors(_ i: Int) -> [Int] {
            let step = steps[i]
            let fallthrough_: Int? = step.next.map { index[$0] } ?? (i + 1 < steps.count ? i + 1 : nil)
            var result: [Int?] = []
            if case .scenario(_, let options) = step.content {
                result += options.map { option in option.next.map { index[$0] } ?? fallthrough_ }
                if step.condition != nil { result.append(fallthrough_) }
            } else {
                result.append(fallthrough_)
            }
            return result.compactMap { $0 ?? nil }
        }
        var diagnostics: [ContentDiagnostic] = []
        // Reachability.
        var reached = Set([0])
        var queue = [0]
        while let i = queue.popLast() {
            for j in successors(i) where reached.insert(j).inserted { queue.append(j) }
        }
        for (i, step) in steps.enumerated() where !reached.contains(i) {
            diagnostics.append(ContentDiagnostic(location: step.location, severity: .error, code: "unreachable-step",
                                                 message: "step '\(step.id)' cannot be reached from the first step"))
        }
        // Loops: depth-first, reporting the first cycle found.
        var state = [UInt8](repeating: 0, count: steps.count)  // 0 new, 1 on the path, 2 done
        var path: [Int] = []
        func visit(_ i: Int) -> [Int]? {
            state[i] = 1
            path.append(i)
            for j in successors(i) {
                if state[j] == 1 { return Array(path[path.firstIndex(of: j)!...]) + [j] }
                if state[j] == 0, let cycle = visit(j) { return cycle }
            }
            state[i] = 2
            path.removeLast()
            return nil
        }
        for i in steps.indices where state[i] == 0 {
            if let cycle = visit(i) {
                let names = cycle.map { "'\(steps[$0].id)'" }.joined(separator: " -> ")
                let closing = steps[cycle[cycle.count - 2]]
                diagnostics.append(ContentDiagnostic(location: module.location(of: "\(closing.id)/next", or: closing.location),
                                                     severity: .error,
                                                     code: "loop", message: "steps \(names) form a loop: every path must reach the end"))
                break
            }
        }
        return diagnostics
    }
}
