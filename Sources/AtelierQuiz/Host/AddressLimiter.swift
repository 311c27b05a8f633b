import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOConcurrencyHelpers

/// The server's channel with the address limiter in front of it.
struct LimitedChannel<Inner: ServerChildChannel>: ServerChildChannel {
    typealias Value = Inner.Value
    let counts: AddressLimiter.Counts
    let inner: Inner

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        channel.eventLoop.makeCompletedFuture {
            try channel.pipeline.syncOperations.addHandler(AddressLimiter(counts: counts))
        }.flatMap { inner.setup(channel: channel, logger: logger) }
    }

    func handle(value: Value, logger: Logger) async {
        await inner.handle(value: value, logger: logger)
    }
}

/// At most `limit` connections at once from one address: in a room every phone has an address of its own,
/// and one machine holding thousands of half-open connections is an attack. The host's own machine
/// (127.0.0.1, ::1: a kiosk terminal beside the projector, the tests, the benchmarks) is not limited.
final class AddressLimiter: ChannelInboundHandler, RemovableChannelHandler, @unchecked Sendable {
    typealias InboundIn = NIOAny

    final class Counts: Sendable {
        let limit: Int
        private let open = NIOLockedValueBox<[String: Int]>([:])

        init(limit: Int) { self.limit = limit }

        func take(_ address: String) -> Bool {
            open.withLockedValue { open in
                let count = open[address, default: 0]
                guard count < limit else { return false }
                open[address] = count + 1
                return true
            }
        }

        func give(_ address: String) {
            open.withLockedValue { open in
                let count = (open[address] ?? 1) - 1
                open[address] = count > 0 ? count : nil
            }
        }
    }

    let counts: Counts

    init(counts: Counts) { self.counts = counts }

    func handlerAdded(context: ChannelHandlerContext) {
        let address = context.channel.remoteAddress?.ipAddress ?? "unknown"
        guard address != "127.0.0.1", address != "::1" else { return }
        if counts.take(address) {
            // Counted until the socket closes, whatever happens to this handler on a WebSocket upgrade.
            let counts = self.counts
            context.channel.closeFuture.whenComplete { _ in counts.give(address) }
        } else {
            context.close(promise: nil)
        }
    }
}
