import AtelierText
import CReadline
import Foundation

/// The kiosk's terminal: its size, the signals that must never end a session, and line input through GNU
/// readline's callback interface, so that the idle countdown and a resize can interrupt a participant who is
/// typing nothing.
public final class TerminalIO {
    public enum Input: Equatable {
        case line(String)
        /// Ctrl-D on an empty line: never an exit, and never a line (the kiosk treats it as nothing typed).
        case endOfInput
        /// Space on an empty line, an arrow, Page Up or Page Down: the next (+1) or previous (-1) page.
        case page(Int)
        /// A second passed with nothing typed; the caller may redraw (the countdown) and wait again.
        case tick
        case resized
    }

    public init() {
        _ = atelier_readline_prepare_locale()
        atelier_readline_configure_for_kiosk()
        atelier_readline_bind_kiosk_keys()
        // Ctrl-C, Ctrl-\ and Ctrl-Z never leave a participant at a shell; leaving needs the facilitator PIN.
        signal(SIGINT, SIG_IGN)
        signal(SIGQUIT, SIG_IGN)
        signal(SIGTSTP, SIG_IGN)
        signal(SIGPIPE, SIG_IGN)
        signal(SIGWINCH) { _ in TerminalIO.resizePending = 1 }
        // Should the program ever crash, the participant sees a plain sentence, not a stack trace (this
        // replaces the Swift runtime's backtracer); the kiosk's service starts it again. The handler is C,
        // write(2) only: nothing in it may allocate or call into the Swift runtime.
        atelier_install_crash_screen("\u{1B}[0m\r\n\r\n  Hors service. Appelez l'animateur, s'il vous plaît.\r\n  Out of order. Please call a facilitator.\r\n")
    }

    /// When set, the line being typed is drawn by the kiosk in visual order (`TypedLine`) instead of by
    /// readline, which draws logical order: for a right-to-left language on a terminal that does no bidi.
    public var visualTyping: TextDirection? {
        get { Self.typingDirection }
        set {
            Self.typingDirection = newValue
            atelier_readline_use_redisplay(newValue == nil ? nil : { TerminalIO.drawTypedLine() })
        }
    }

    nonisolated(unsafe) static var typingDirection: TextDirection?
    nonisolated(unsafe) static var typingPrompt = ""

    /// readline's redisplay hook: the prompt, then the typed line in visual order, then the caret.
    static func drawTypedLine() {
        let width = currentSize.width
        let promptWidth = DisplayWidth.of(typingPrompt)
        let field = max(1, width - promptWidth - 1)
        let line = TypedLine(String(cString: atelier_readline_buffer()), caretUTF8: Int(atelier_readline_point()),
                             width: field, direction: typingDirection ?? .leftToRight)
        let column = promptWidth + line.caret
        writeAll("\r" + typingPrompt + line.row + "\u{1B}[K\r" + (column > 0 ? "\u{1B}[\(column)C" : ""))
    }

    nonisolated(unsafe) static var resizePending: sig_atomic_t = 0
    nonisolated(unsafe) static var interruptPending: sig_atomic_t = 0

    /// For `atelier play` (an author's tool, not the kiosk): Ctrl-C ends the walk, the terminal restored.
    public func endOnInterrupt() {
        signal(SIGINT) { _ in TerminalIO.interruptPending = 1 }
    }

    public var interrupted: Bool { Self.interruptPending != 0 }
    nonisolated(unsafe) static var received: String?
    nonisolated(unsafe) static var lineDone = false

    public var size: (width: Int, height: Int) { Self.currentSize }

    public static var currentSize: (width: Int, height: Int) { TerminalSize.current }

    /// Clears the terminal and draws the rows.
    public func draw(_ screen: Screen) {
        var out = "\u{1B}[H\u{1B}[2J\u{1B}[3J"
        for row in screen.rows { out += row + "\r\n" }
        write(out)
    }

    public func write(_ text: String) { Self.writeAll(text) }

    static func writeAll(_ text: String) {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { Foundation.write(STDOUT_FILENO, $0.baseAddress! + offset, bytes.count - offset) }
            if n <= 0 { if errno == EINTR { continue } else { return } }
            offset += n
        }
    }

    /// Waits for a line, at most `seconds`. Ctrl-D on an empty line is `.endOfInput`, never an exit; a PIN
    /// (`secret`) is read without readline, with the echo off (TerminalIO+Secret).
    public func read(prompt: String, keeping typed: String = "", secret: Bool = false, within seconds: Double = 1) -> (Input, typed: String) {
        if secret { return readSecret(prompt: prompt, keeping: typed, within: seconds) }
        TerminalIO.received = nil
        TerminalIO.lineDone = false
        TerminalIO.typingPrompt = prompt
        rl_callback_handler_install(prompt) { line in
            TerminalIO.received = line.map { String(cString: $0) }
            TerminalIO.lineDone = true
            if let line { free(line) } else { atelier_readline_reset_after_eof() }
        }
        if !typed.isEmpty {
            rl_insert_text(typed)
            atelier_readline_redisplay()
        }
        defer { rl_callback_handler_remove() }
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            if TerminalIO.interruptPending != 0 { return (.endOfInput, "") }
            if TerminalIO.resizePending != 0 {
                TerminalIO.resizePending = 0
                return (.resized, currentText())
            }
            let remaining = max(0, deadline.timeIntervalSinceNow)
            var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, Int32(remaining * 1000))
            if ready > 0 {
                if descriptor.revents & Int16(POLLHUP) != 0 && descriptor.revents & Int16(POLLIN) == 0 {
                    // The terminal went away: nobody is there to answer.
                    usleep(200_000)
                    return (.tick, "")
                }
                rl_callback_read_char()
                if TerminalIO.lineDone {
                    let page = atelier_readline_take_page_request()
                    if page != 0 { return (.page(Int(page)), TerminalIO.received ?? "") }
                    guard let received = TerminalIO.received else {
                        write("\r")  // Ctrl-D: the prompt is drawn again where it was
                        return (.endOfInput, "")
                    }
                    write("\r\n")
                    return (.line(received), "")
                }
                continue
            }
            if ready < 0 && errno == EINTR { continue }
            return (.tick, currentText())
        }
    }

    private func currentText() -> String {
        String(cString: atelier_readline_buffer())
    }

    public func forgetHistory() { atelier_readline_forget_history() }

    /// Leaves the terminal as it was found.
    public func restore() {
        rl_callback_handler_remove()
        write("\u{1B}[0m\r\n")
    }
}
