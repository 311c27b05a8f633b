/// Writes PO files in one canonical form: reading a file written here and writing it again gives the same
/// bytes. Strings with line breaks are split after each `\n`, as gettext does; lines are not wrapped
/// otherwise (translators' editors do not need it, and diffs stay readable).
public enum POWriter {
    public static func write(_ file: POFile) -> String {
        var out = ""
        if let header = file.header { entry(header, to: &out) }
        for item in file.entries {
            if !out.isEmpty { out += "\n" }
            entry(item, to: &out)
        }
        return out
    }

    static func entry(_ entry: POEntry, to out: inout String) {
        for line in entry.translatorComments { out += line.isEmpty ? "#\n" : "# \(line)\n" }
        for line in entry.extractedComments { out += "#. \(line)\n" }
        for line in entry.references { out += "#: \(line)\n" }
        if !entry.flags.isEmpty { out += "#, \(entry.flags.joined(separator: ", "))\n" }
        let prefix = entry.isObsolete ? "#~ " : ""
        let previousPrefix = entry.isObsolete ? "#~| " : "#| "
        if let previous = entry.previousContext { field("\(previousPrefix)msgctxt", previous, prefix: previousPrefix, to: &out) }
        if let previous = entry.previousID { field("\(previousPrefix)msgid", previous, prefix: previousPrefix, to: &out) }
        if let previous = entry.previousIDPlural {
            field("\(previousPrefix)msgid_plural", previous, prefix: previousPrefix, to: &out)
        }
        if let context = entry.context { field("\(prefix)msgctxt", context, prefix: prefix, to: &out) }
        field("\(prefix)msgid", entry.id, prefix: prefix, to: &out)
        if let plural = entry.idPlural {
            field("\(prefix)msgid_plural", plural, prefix: prefix, to: &out)
            for (n, string) in entry.strings.enumerated() { field("\(prefix)msgstr[\(n)]", string, prefix: prefix, to: &out) }
        } else {
            field("\(prefix)msgstr", entry.string, prefix: prefix, to: &out)
        }
    }

    static func field(_ keyword: String, _ value: String, prefix: String, to out: inout String) {
        var pieces: [Substring] = []
        var start = value.startIndex
        for index in value.indices where value[index] == "\n" {
            let end = value.index(after: index)
            pieces.append(value[start..<end])
            start = end
        }
        if start < value.endIndex { pieces.append(value[start...]) }
        if pieces.count <= 1 {
            out += "\(keyword) \"\(escape(value))\"\n"
            return
        }
        out += "\(keyword) \"\"\n"
        for piece in pieces { out += "\(prefix)\"\(escape(piece))\"\n" }
    }

    static func escape(_ text: some StringProtocol) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case "\u{7}": out += "\\a"
            case "\u{8}": out += "\\b"
            case "\u{C}": out += "\\f"
            case "\u{B}": out += "\\v"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
