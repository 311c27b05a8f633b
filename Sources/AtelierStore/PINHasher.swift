import Crypto
import Foundation
import _CryptoExtras

/// PINs are kept only as a salted, slow hash (PBKDF2-SHA256): a four-digit PIN is weak, so a stolen file
/// should cost each guess something, and the PIN itself is never stored.
///
/// The cost is a value of the store, not a constant, so that tests can use a cheap hasher: a test that waits
/// behind several deliberately slow hashes measures the machine's speed, not the code (issue #21).
public struct PINHasher: Sendable, Equatable {
    /// PBKDF2 rounds for every hash this store makes and checks.
    public let rounds: Int

    public init(rounds: Int) { self.rounds = max(1, rounds) }

    /// What kiosks use: OWASP's 2023 figure for PBKDF2-SHA256.
    public static let standard = PINHasher(rounds: 210_000)

    /// For tests only: the same algorithm at a cost that no machine notices. A file written with it cannot be
    /// read with `standard`, and the other way round.
    public static let fastForTests = PINHasher(rounds: 1_000)

    /// Why a PIN could not be hashed (the KDF refused its parameters): the store reports it with its path.
    struct Failure: Error {
        let reason: String
    }

    static func isValid(_ pin: String) -> Bool {
        pin.count == 4 && pin.unicodeScalars.allSatisfy { ("0"..."9").contains($0) }
    }

    static func salt() -> Data {
        var generator = SystemRandomNumberGenerator()
        return Data((0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }

    /// The hash of a PIN, or an error: an empty hash would be stored as if it were one.
    func hash(_ pin: String, salt: Data) throws(Failure) -> Data {
        do {
            // swift-crypto refuses fewer than 210,000 rounds on its checked path; only the test hasher goes below.
            let key = rounds >= PINHasher.standard.rounds
                ? try KDF.Insecure.PBKDF2.deriveKey(from: Array(pin.utf8), salt: salt, using: .sha256, outputByteCount: 32,
                                                     rounds: rounds)
                : try KDF.Insecure.PBKDF2.deriveKey(from: Array(pin.utf8), salt: salt, using: .sha256, outputByteCount: 32,
                                                     unsafeUncheckedRounds: rounds)
            return key.withUnsafeBytes { Data($0) }
        } catch {
            throw Failure(reason: "the PIN could not be hashed (\(error))")
        }
    }

    /// Constant-time comparison. Called outside any write transaction: it is slow on purpose.
    func matches(_ pin: String, salt: Data, hash expected: Data) throws(Failure) -> Bool {
        let computed = try hash(pin, salt: salt)
        guard computed.count == expected.count, !expected.isEmpty else { return false }
        return zip(computed, expected).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
