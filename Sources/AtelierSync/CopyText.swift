import AtelierStore

/// Rows in PostgreSQL's `COPY … FROM STDIN` text format: tab between fields, `\N` for NULL, backslash escapes
/// for backslash, tab, newline and carriage return; `t`/`f` for booleans; bytea as `\\x` and hex.
public enum CopyText {
    public static func encode(_ rows: [[SyncValue]], types: [SyncSchema.ColumnType], into out: inout [UInt8]) {
        for row in rows {
            for (index, value) in row.enumerated() {
                if index > 0 { out.append(0x09) }
                append(value, as: types[index], to: &out)
            }
            out.append(0x0A)
        }
    }

    static func append(_ value: SyncValue, as type: SyncSchema.ColumnType, to out: inout [UInt8]) {
        switch value {
        case .null:
            out.append(contentsOf: [0x5C, 0x4E])  // \N
        case .integer(let number):
            if type == .boolean { out.append(number != 0 ? 0x74 : 0x66) } else { out.append(contentsOf: String(number).utf8) }
        case .real(let number):
            out.append(contentsOf: (number.isFinite ? "\(number)" : number.isNaN ? "NaN" : number > 0 ? "Infinity" : "-Infinity").utf8)
        case .text(let text):
            for byte in text.utf8 {
                switch byte {
                case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
                case 0x09: out.append(contentsOf: [0x5C, 0x74])
                case 0x0A: out.append(contentsOf: [0x5C, 0x6E])
                case 0x0D: out.append(contentsOf: [0x5C, 0x72])
                default: out.append(byte)
                }
            }
        case .bytes(let bytes):
            let digits: [UInt8] = Array("0123456789abcdef".utf8)
            out.append(contentsOf: [0x5C, 0x5C, 0x78])  // \\x: COPY turns \\ into \, then bytea reads \x
            for byte in bytes {
                out.append(digits[Int(byte >> 4)])
                out.append(digits[Int(byte & 0x0F)])
            }
        }
    }
}
