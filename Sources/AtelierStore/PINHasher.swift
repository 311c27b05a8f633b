import Crypto
import Foundation
import _CryptoExtras

/// PINs are kept only as a salted, slow hash (PBKDF2-SHA256): a four-digit PIN is weak, so a stolen file
/// should cost each guess something, and the PIN itself is never stored.
enum PINHasher {
    static let rounds = 210_000

    static func isValid(_ pin: String) -> Bool {
        pin.count == 4 && pin.unicodeScalars.allSatisfy { ("0"..."9").contains($0) }
    }

    static func salt() -> Data {
        var generator = SystemRandomNumberGenerator()
        return Data((0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }

    static func hash(_ pin: String, salt: Data) -> Data {
        let key = try? KDF.Insecure.PBKDF2.deriveKey(from: Array(pin.utf8), salt: salt, using: .sha256, outputByteCount: 32,
                                                     rounds: rounds)
        return key.map { $0.withUnsafeBytes { Data($0) } } ?? Data()
    }

    /// Constant-time comparison.
    static func matches(_ pin: String, salt: Data, hash expected: Data) -> Bool {
        let computed = hash(pin, salt: salt)
        guard computed.count == expected.count, !expected.isEmpty else { return false }
        return zip(computed, expected).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
