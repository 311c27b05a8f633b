import Foundation

/// The size of the terminal on standard output, or COLUMNS and LINES when standard output is not a terminal
/// (a pipe, a service log, the quiz host's tests).
public enum TerminalSize {
    public static var current: (width: Int, height: Int) {
        var window = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &window) == 0, window.ws_col > 0 {
            return (Int(window.ws_col), Int(window.ws_row))
        }
        let environment = ProcessInfo.processInfo.environment
        return (Int(environment["COLUMNS"] ?? "") ?? 80, Int(environment["LINES"] ?? "") ?? 24)
    }
}
