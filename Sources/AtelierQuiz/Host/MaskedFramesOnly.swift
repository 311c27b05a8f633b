import HummingbirdWebSocket
import NIOCore
import NIOWebSocket

/// RFC 6455 §5.1: every frame a client sends is masked, and a server closes the connection on one that is not
/// (close code 1002, protocol error). The WebSocket library accepts both, so this check sits where every data
/// frame passes with its mask still known: an extension applied without negotiation (it adds no header).
struct MaskedFramesOnly: WebSocketExtension {
    let name = "atelier-masked-frames-only"

    func processReceivedFrame(_ frame: WebSocketFrame, context: WebSocketExtensionContext) async throws -> WebSocketFrame {
        // The library closes with 1002 for this error; its own error type for a close code is not public.
        guard frame.maskKey != nil else { throw NIOWebSocketError.fragmentedControlFrame }
        return frame
    }

    func processFrameToSend(_ frame: WebSocketFrame, context: WebSocketExtensionContext) async throws -> WebSocketFrame { frame }

    func shutdown() async {}
}
