import NIOCore

/// Closes an HTTP connection that has not finished a request `timeout` after it opened, or after the host last
/// wrote to it: a socket that sends nothing, or half a request, would otherwise be held for ever (the HTTP
/// library's own idle timeout starts only once a first request has come in whole). It sits first in the
/// pipeline and sees raw bytes; once the host answers `101 Switching Protocols` the connection is a WebSocket,
/// whose pings and the room's join deadline take over, and the deadline ends.
final class ConnectionDeadline: ChannelDuplexHandler, RemovableChannelHandler, @unchecked Sendable {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = IOData
    typealias OutboundOut = IOData

    let timeout: Duration
    private var scheduled: Scheduled<Void>?
    private var upgraded = false

    init(timeout: Duration) { self.timeout = timeout }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { arm(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        arm(context)
        context.fireChannelActive()
    }

    func handlerRemoved(context: ChannelHandlerContext) { disarm() }

    func channelInactive(context: ChannelHandlerContext) {
        disarm()
        context.fireChannelInactive()
    }

    /// Reading does not push the deadline back (a request sent a byte at a time must still end in time); the
    /// host's answer does: the request it answers was complete.
    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if !upgraded {
            if case .byteBuffer(let bytes) = unwrapOutboundIn(data), bytes.readableBytesView.starts(with: Self.switching) {
                upgraded = true
                disarm()
            } else {
                arm(context)
            }
        }
        context.write(data, promise: promise)
    }

    static let switching = Array("HTTP/1.1 101".utf8)

    private func arm(_ context: ChannelHandlerContext) {
        disarm()
        guard !upgraded else { return }
        let channel = context.channel
        scheduled = context.eventLoop.scheduleTask(in: .init(timeout)) { channel.close(promise: nil) }
    }

    private func disarm() {
        scheduled?.cancel()
        scheduled = nil
    }
}
