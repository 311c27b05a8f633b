import CReadline
import Foundation

extension TerminalIO {
    /// Reads a PIN: never through readline (no history, no echo), with echo off and one mask symbol per
    /// character typed, so that nobody looking over a participant's shoulder in a shared room reads it.
    /// Backspace removes the last character, Ctrl-U all of them, Ctrl-D and escape sequences (arrows) do
    /// nothing. `typed` is what was typed before a tick; it is returned, not shown.
    func readSecret(prompt: String, keeping typed: String, within seconds: Double) -> (Input, typed: String) {
        var original = termios()
        let isTerminal = tcgetattr(STDIN_FILENO, &original) == 0
        if isTerminal {
            var raw = original
            raw.c_lflag &= ~tcflag_t(ICANON | ECHO | ECHONL)
            raw.c_iflag &= ~tcflag_t(ICRNL)
            withUnsafeMutableBytes(of: &raw.c_cc) { cc in
                cc[Int(VMIN)] = 1
                cc[Int(VTIME)] = 0
            }
            tcsetattr(STDIN_FILENO, TCSANOW, &raw)
        }
        defer { if isTerminal { tcsetattr(STDIN_FILENO, TCSANOW, &original) } }

        var secret = SecretInput(text: typed)
        func show() { write("\r\u{1B}[K" + prompt + secret.mask) }
        show()
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            if TerminalIO.resizePending != 0 {
                TerminalIO.resizePending = 0
                return (.resized, secret.text)
            }
            var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, Int32(max(0, deadline.timeIntervalSinceNow) * 1000))
            if ready < 0 && errno == EINTR { continue }
            if ready == 0 { return (.tick, secret.text) }
            if descriptor.revents & Int16(POLLHUP) != 0 && descriptor.revents & Int16(POLLIN) == 0 {
                usleep(200_000)
                return (.tick, "")
            }
            var buffer = [UInt8](repeating: 0, count: 256)
            let count = Foundation.read(STDIN_FILENO, &buffer, buffer.count)
            if count <= 0 { return (.tick, secret.text) }
            if let line = secret.feed(buffer[0..<count]) {
                write("\r\n")
                return (.line(line), "")
            }
            show()
        }
    }
}

/// The keys of a secret being typed, without a terminal: tested on its own.
struct SecretInput: Equatable {
    var text: String
    /// Bytes of a character not yet complete (UTF-8 split across reads).
    var pending: [UInt8] = []
    /// Where an escape sequence stands: its bytes are dropped, never taken as the secret's.
    var escape = Escape.none

    /// The sequences keys send: ESC alone (Esc, or Alt with a key), CSI (`ESC [ … final`: arrows, Delete, F5-F12),
    /// SS3 (`ESC O x`: F1-F4, and arrows and Home/End in application mode), OSC (`ESC ] … BEL or ESC \`).
    enum Escape: Equatable { case none, started, csi, ss3, osc, oscEscape }

    init(text: String = "") { self.text = text }

    /// One mask symbol per character (grapheme), never the characters.
    var mask: String { String(repeating: "•", count: text.count) }

    /// Takes bytes from the keyboard; returns the secret when Enter ends it.
    mutating func feed<Bytes: Sequence>(_ bytes: Bytes) -> String? where Bytes.Element == UInt8 {
        for byte in bytes {
            switch escape {
            case .none: break
            case .started:
                // `ESC [`, `ESC O`, `ESC ]` open a sequence; ESC then any other key is Alt with that key: dropped.
                escape = byte == 0x5B ? .csi : byte == 0x4F ? .ss3 : byte == 0x5D ? .osc : byte == 0x1B ? .started : .none
                continue
            case .csi:
                // Parameters and intermediates are 0x20-0x3F; the final byte (0x40-0x7E) ends the sequence.
                if byte >= 0x40 { escape = .none }
                continue
            case .ss3:
                escape = .none  // one final byte: `ESC O P` is F1 (its P was once taken as a PIN character)
                continue
            case .osc:
                if byte == 0x07 { escape = .none } else if byte == 0x1B { escape = .oscEscape }
                continue
            case .oscEscape:
                escape = byte == 0x5C ? .none : .osc
                continue
            }
            switch byte {
            case 0x0D, 0x0A:
                pending = []
                let done = text
                text = ""
                return done
            case 0x7F, 0x08:
                pending = []
                if !text.isEmpty { text.removeLast() }
            case 0x15:  // Ctrl-U
                pending = []
                text = ""
            case 0x1B:
                escape = .started
            case 0x00..<0x20:
                continue  // Ctrl-D and other controls: nothing
            default:
                pending.append(byte)
                if let decoded = String(validating: pending, as: UTF8.self) {
                    text += decoded
                    pending = []
                } else if pending.count >= 4 {
                    pending = []  // not UTF-8: dropped
                }
            }
        }
        return nil
    }
}
