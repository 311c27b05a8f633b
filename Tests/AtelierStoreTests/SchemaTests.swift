import Foundation
import GRDB
import Testing
@testable import AtelierStore

/// The store's schema, as SQLite keeps it, equals a golden file: a shipped migration that changes (its SQL
/// edited, or built from a type that moved) changes the schema of new files but not of upgraded ones, and the
/// two would part silently. The same schema must come out of a fresh file and of a file made by the first
/// released schema (Fixtures/v1.sqlite), upgraded.
///
/// After a deliberate new migration: `ATELIER_RECORD_GOLDEN=1 swift test --filter SchemaTests` rewrites the
/// golden file (refused in CI, like the golden screens).
@Suite("Store schema")
struct SchemaTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/schema.sql")
    static let recording = ProcessInfo.processInfo.environment["ATELIER_RECORD_GOLDEN"] == "1"

    /// Every table, index and trigger with its SQL, then the migrations applied, in a stable order.
    static func dump(_ path: String) throws -> String {
        try DatabaseQueue(path: path).read { db in
            let objects = try Row.fetchAll(db, sql: """
                SELECT type, name, sql FROM sqlite_schema
                WHERE name NOT LIKE 'sqlite_%' AND sql IS NOT NULL ORDER BY type, name
                """)
            let migrations = try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier")
            return objects.map { row in "-- \(row["type"] as String) \(row["name"] as String)\n\(row["sql"] as String);\n" }
                .joined(separator: "\n") + "\n-- migrations applied\n" + migrations.map { "-- \($0)\n" }.joined()
        }
    }

    /// The SQL without its comments and with runs of white space made one space.
    static func normalized(_ dump: String) -> String {
        dump.split(separator: "\n").map { line in
            line.hasPrefix("-- ") ? String(line) : String(line.split(separator: "--", maxSplits: 1, omittingEmptySubsequences: false)[0])
        }
        .joined(separator: " ").split(whereSeparator: \.isWhitespace).joined(separator: " ")
            .replacingOccurrences(of: "( ", with: "(").replacingOccurrences(of: " )", with: ")").replacingOccurrences(of: " ,", with: ",")
    }

    @Test func aNewFileHasTheGoldenSchema() throws {
        let file = TemporaryStore()
        defer { file.remove() }
        _ = try file.open()
        let schema = try Self.dump(file.path)
        if Self.recording {
            #expect(ProcessInfo.processInfo.environment["CI"] == nil, "golden files are never recorded in CI")
            try schema.write(to: Self.golden, atomically: true, encoding: .utf8)
        }
        let expected = try? String(contentsOf: Self.golden, encoding: .utf8)
        #expect(expected != nil, "no golden schema \(Self.golden.path): record it with ATELIER_RECORD_GOLDEN=1")
        #expect(schema == expected, "the schema of a new file changed: a shipped migration was edited?")
    }

    @Test func aFileOfTheFirstSchemaUpgradesToTheSameSchema() throws {
        let file = TemporaryStore()
        defer { file.remove() }
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/v1.sqlite")
        try FileManager.default.copyItem(at: fixture, to: URL(fileURLWithPath: file.path))
        #expect(try !Self.dump(file.path).contains("-- v2-quiz-settings"), "the fixture is not a version-1 file")
        _ = try file.open()
        let fresh = TemporaryStore()
        defer { fresh.remove() }
        _ = try fresh.open()
        // The first release wrote its SQL with other indentation and comments: the structure must be equal.
        #expect(Self.normalized(try Self.dump(file.path)) == Self.normalized(try Self.dump(fresh.path)))
    }

    /// Each migration's SQL is a literal: the source of a shipped migration never reads today's types.
    @Test func migrationsAreLiteralSQL() throws {
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/AtelierStore/Schema.swift")
        let text = try String(contentsOf: source, encoding: .utf8)
        #expect(!text.contains("\\("), "Schema.swift interpolates into its SQL")
        #expect(!text.contains("SyncSchema"), "Schema.swift builds SQL from SyncSchema")
    }
}
