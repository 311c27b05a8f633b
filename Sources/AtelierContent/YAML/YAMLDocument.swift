import Foundation
import Yams

/// A content file parsed with positions, and the diagnostics met while reading it.
///
/// Reading is forgiving: a wrong field is reported and skipped, so that one run reports every problem.
/// Anchors and aliases are refused (authors do not need them and they make "alias bomb" files possible),
/// and a node budget bounds the work on any file.
struct YAMLDocument {
    let path: String
    private(set) var diagnostics: [ContentDiagnostic] = []
    private var budget = 100_000

    init(path: String) {
        self.path = path
    }

    /// Parses `text`; nil when it is not YAML (with its diagnostic recorded).
    mutating func parse(_ text: String) -> Node? {
        do {
            // The basic resolver: every scalar stays text (the reader parses numbers and dates itself), and
            // Yams skips the regular expressions that were a tenth of lint's time.
            let parser = try Yams.Parser(yaml: text, resolver: .basic)
            guard let root = try parser.singleRoot() else {
                error(at: nil, "empty-file", "the file is empty")
                return nil
            }
            // Anchors are known only while their parser lives (nodes hold them weakly): checked now.
            let refused = withExtendedLifetime(parser) { refuseAnchorsTagsAndMerges(root) }
            return refused ? nil : root
        } catch let failure as YamlError {
            let (mark, message) = failure.positionAndMessage
            error(at: mark, "yaml-syntax", message)
        } catch {
            self.error(at: nil, "yaml-syntax", "\(error)")
        }
        return nil
    }

    /// Anchors and aliases, explicit tags and merge keys, where the parser really met them (a `*` or `&` in
    /// prose is text): authors never need them, and aliases make "billion laughs" files possible. True when
    /// one was found (reported at its position). The first anchor ends the walk, before any alias of it.
    mutating func refuseAnchorsTagsAndMerges(_ root: Node) -> Bool {
        var stack = [root]
        var visited = 0
        while let node = stack.popLast() {
            visited += 1
            if visited > 200_000 { return false }  // the reader's own budget reports a file this large
            if let anchor = node.anchor {
                error(at: node.mark, "anchor",
                      "anchors and aliases (&\(anchor.rawValue), *\(anchor.rawValue)) are not allowed in content files: write the text again where it is needed")
                return true
            }
            let expected: Tag.Name
            switch node {
            case .scalar: expected = .str
            case .mapping: expected = .map
            case .sequence: expected = .seq
            case .alias: expected = Tag.Name(rawValue: node.tag.rawValue)
            }
            if node.tag.rawValue != expected.rawValue {
                error(at: node.mark, "tag", "tags such as '\(Self.shortTag(node.tag.rawValue))' are not allowed in content files: remove it (every value is read as text)")
                return true
            }
            switch node {
            case .mapping(let mapping):
                for (key, value) in mapping.reversed() {
                    if case .scalar(let scalar) = key, scalar.string == "<<", scalar.style == .plain {
                        error(at: key.mark, "merge-key", "merge keys (<<) are not allowed in content files: write each field out")
                        return true
                    }
                    stack.append(value)
                    stack.append(key)
                }
            case .sequence(let sequence):
                stack.append(contentsOf: sequence.reversed())
            default:
                break
            }
        }
        return false
    }

    static func shortTag(_ name: String) -> String {
        name.hasPrefix("tag:yaml.org,2002:") ? "!!" + name.dropFirst("tag:yaml.org,2002:".count) : name
    }

    // MARK: - Diagnostics

    func location(_ mark: Mark?) -> SourceLocation {
        SourceLocation(path: path, line: max(1, mark?.line ?? 1), column: max(1, mark?.column ?? 1))
    }

    mutating func error(at mark: Mark?, _ code: String, _ message: String) {
        diagnostics.append(ContentDiagnostic(location: location(mark), severity: .error, code: code, message: message))
    }

    mutating func diagnostics(append diagnostic: ContentDiagnostic) {
        diagnostics.append(diagnostic)
    }

    mutating func warning(at mark: Mark?, _ code: String, _ message: String) {
        diagnostics.append(ContentDiagnostic(location: location(mark), severity: .warning, code: code, message: message))
    }

    // MARK: - Typed reading

    /// The fields of a mapping node, after checking them against `known` and `required`.
    mutating func fields(of node: Node, in context: String, known: [String], required: [String]) -> Fields? {
        guard spend(node) else { return nil }
        guard case .mapping(let mapping) = node else {
            error(at: node.mark, "wrong-type", "\(context) must be a mapping (key: value lines)")
            return nil
        }
        var values: [String: Node] = [:]
        var keyMarks: [String: Mark] = [:]
        for (key, value) in mapping {
            guard let name = key.string else {
                error(at: key.mark, "wrong-type", "keys in \(context) must be plain words")
                continue
            }
            if !known.contains(name) {
                error(at: key.mark, "unknown-field",
                      "unknown field '\(name)' in \(context)\(DidYouMean.hint(for: name, among: known))")
                continue
            }
            values[name] = value
            keyMarks[name] = key.mark
        }
        for name in required where values[name] == nil {
            error(at: node.mark, "missing-field", "\(context) has no '\(name)'")
        }
        return Fields(node: node, values: values, keyMarks: keyMarks)
    }

    mutating func string(_ fields: Fields, _ name: String, in context: String) -> String? {
        guard let node = fields.values[name], spend(node) else { return nil }
        guard case .scalar(let scalar) = node else {
            error(at: node.mark, "wrong-type", "'\(name)' in \(context) must be text")
            return nil
        }
        return scalar.string
    }

    mutating func integer(_ fields: Fields, _ name: String, in context: String, range: ClosedRange<Int>) -> Int? {
        guard let text = string(fields, name, in: context) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            error(at: fields.values[name]?.mark, "invalid-value",
                  "'\(name)' in \(context) must be a whole number from \(range.lowerBound) to \(range.upperBound)")
            return nil
        }
        return value
    }

    mutating func number(_ fields: Fields, _ name: String, in context: String) -> Double? {
        guard let text = string(fields, name, in: context) else { return nil }
        guard let value = Double(text), value.isFinite else {
            error(at: fields.values[name]?.mark, "invalid-value", "'\(name)' in \(context) must be a number")
            return nil
        }
        return value
    }

    mutating func boolean(_ fields: Fields, _ name: String, in context: String) -> Bool? {
        guard let text = string(fields, name, in: context) else { return nil }
        switch text {
        case "true": return true
        case "false": return false
        default:
            error(at: fields.values[name]?.mark, "invalid-value", "'\(name)' in \(context) must be true or false")
            return nil
        }
    }

    /// A list of nodes; a single scalar counts as a list of one when `scalarAllowed`.
    mutating func list(_ fields: Fields, _ name: String, in context: String, scalarAllowed: Bool = false) -> [Node]? {
        guard let node = fields.values[name], spend(node) else { return nil }
        switch node {
        case .sequence(let sequence): return Array(sequence)
        case .scalar where scalarAllowed: return [node]
        default:
            error(at: node.mark, "wrong-type", "'\(name)' in \(context) must be a list")
            return nil
        }
    }

    mutating func strings(_ fields: Fields, _ name: String, in context: String, scalarAllowed: Bool = false) -> [(String, Mark?)]? {
        guard let nodes = list(fields, name, in: context, scalarAllowed: scalarAllowed) else { return nil }
        var result: [(String, Mark?)] = []
        for node in nodes where spend(node) {
            guard case .scalar(let scalar) = node else {
                error(at: node.mark, "wrong-type", "each item of '\(name)' in \(context) must be text")
                continue
            }
            result.append((scalar.string, node.mark))
        }
        return result
    }

    /// Counts a node against the budget; false when it must not be read.
    mutating func spend(_ node: Node) -> Bool {
        budget -= 1
        if budget == 0 {
            error(at: node.mark, "too-large", "the file has too many entries to be a lesson")
        }
        if budget < 0 { return false }
        return true
    }
}

/// The checked fields of one mapping, with where each was found.
struct Fields {
    let node: Node
    let values: [String: Node]
    let keyMarks: [String: Mark]

    func has(_ name: String) -> Bool { values[name] != nil }
    func mark(_ name: String) -> Mark? { values[name]?.mark ?? node.mark }
}

extension YamlError {
    /// Where libyaml stopped, and its message without the repeated position.
    var positionAndMessage: (Mark?, String) {
        switch self {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            guard let context = context?.text, !context.isEmpty else { return (mark, problem) }
            return (mark, "\(problem) (\(context))")
        case let .duplicatedKeysInMapping(duplicates, context):
            return (context.mark, "duplicate key '\(duplicates.joined(separator: "', '"))' in one mapping")
        case let .reader(problem, offset, _, _):
            return (nil, "\(problem)\(offset.map { " at byte \($0)" } ?? "")")
        default:
            return (nil, "\(self)")
        }
    }
}
