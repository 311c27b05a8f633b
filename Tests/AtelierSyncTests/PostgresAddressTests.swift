import AtelierSync
import Testing

/// `connect_timeout`, as libpq takes it: the test harness's addresses give 300 s (a hang guard under
/// ThreadSanitizer on a loaded machine), a kiosk's default stays 10 s.
struct PostgresAddressTests {
    @Test(arguments: [
        ("postgres://kiosk@127.0.0.1/atelier?sslmode=disable", 10),
        ("postgres://kiosk@127.0.0.1/atelier?sslmode=disable&connect_timeout=300", 300),
        ("postgres://kiosk@127.0.0.1/atelier?connect_timeout=1", 1),
    ])
    func theConnectTimeoutIsReadFromTheAddress(text: String, seconds: Int) throws {
        #expect(try PostgresAddress(text, environment: [:]).connectTimeout == seconds)
    }

    @Test(arguments: ["0", "-5", "ten", "1.5", ""])
    func aConnectTimeoutThatIsNotAWholeNumberOfSecondsIsRefused(value: String) {
        #expect(throws: SyncError.self) {
            try PostgresAddress("postgres://kiosk@127.0.0.1/atelier?connect_timeout=\(value)", environment: [:])
        }
    }
}
