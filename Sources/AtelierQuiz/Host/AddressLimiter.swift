import AtelierEngine
import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOConcurrencyHelpers

/// The server's channel with the address limiter and the idle deadline in front of it.
struct LimitedChannel<Inner: ServerChildChannel>: ServerChildChannel {
    typealias Value = Inner.Value
    let counts: AddressLimiter.Counts
    let idleTimeout: Duration
    let inner: Inner

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        channel.eventLoop.makeCompletedFuture {
            try channel.pipeline.syncOperations.addHandler(AddressLimiter(counts: counts))
            try channel.pipeline.syncOperations.addHandler(ConnectionDeadline(timeout: idleTimeout))
        }.flatMap { inner.setup(channel: channel, logger: logger) }
    }

    func handle(value: Value, logger: Logger) async {
        await inner.handle(value: value, logger: logger)
    }
}

/// How fast one address may open connections: `burst` at once, then `perSecond` (a token bucket). Not how many
/// it holds: a whole class may reach the host through one Wi-Fi's address, each phone with its connection. The
/// host's own machine (127.0.0.1, ::1: a kiosk terminal beside the projector, the tests, the benchmarks) is not
/// limited. A connection over the rate is closed before a byte of it is read.
final class AddressLimiter: ChannelInboundHandler, RemovableChannelHandler, @unchecked Sendable {
    typealias InboundIn = NIOAny

    final class Counts: Sendable {
        let perSecond: Int
        let burst: Int
        let clock: @Sendable () -> Instant

        private struct Bucket {
            var tokens: Double
            var at: Int64
        }

        private let buckets = NIOLockedValueBox<[String: Bucket]>([:])

        init(perSecond: Int, burst: Int, clock: @escaping @Sendable () -> Instant) {
            self.perSecond = max(0, perSecond)
            self.burst = max(1, burst)
            self.clock = clock
        }

        /// Whether `address` may open one more connection now.
        func take(_ address: String) -> Bool {
            let now = clock().milliseconds
            return buckets.withLockedValue { buckets in
                var bucket = buckets[address] ?? Bucket(tokens: Double(burst), at: now)
                let refill = Double(max(0, now - bucket.at)) * Double(perSecond) / 1000
                bucket.tokens = min(Double(burst), bucket.tokens + refill)
                bucket.at = now
                guard bucket.tokens >= 1 else { buckets[address] = bucket; return false }
                bucket.tokens -= 1
                buckets[address] = bucket
                // Addresses whose bucket is full again are forgotten: a flood of addresses cannot grow the table.
                if buckets.count > 4096 {
                    let full = perSecond > 0 ? Int64(burst * 1000 / perSecond) : Int64.max
                    buckets = buckets.filter { now - $0.value.at < full }
                }
                return true
            }
        }
    }

    let counts: Counts

    init(counts: Counts) { self.counts = counts }

    func handlerAdded(context: ChannelHandlerContext) {
        let address = context.channel.remoteAddress?.ipAddress ?? "unknown"
        guard address != "127.0.0.1", address != "::1" else { return }
        if !counts.take(address) { context.close(promise: nil) }
    }
}
