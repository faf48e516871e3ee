import Foundation
import Synchronization

/// The progress bar `gen logs` draws on standard error while it reads, when
/// standard error is a terminal:
///
///     45% [##########.............]  431 MB of 959 MB  212 MB/s  3 s left
///
/// Readers report the bytes they read (from any thread) and offer to draw;
/// at most one draw happens per fifth of a second.
///
/// Not vapor/console-kit's `ProgressBar`: it draws only the fraction (no
/// bytes, rate or time left), redraws on a Dispatch timer thread of its own,
/// and brings swift-nio into the tool's build (minutes of CI per build
/// configuration) for what is forty lines here.
final class Progress: Sendable {
    private let total: Int?
    private let enabled: Bool
    private let start = ContinuousClock.now
    private let done = Atomic<Int>(0)
    /// Nanoseconds since `start` of the last draw (claimed with a
    /// compare-and-exchange, so two readers never draw the same tick).
    private let lastDraw = Atomic<Int>(0)
    private static let interval = 200_000_000

    /// - Parameters:
    ///   - total: The bytes to read, when every input is a regular file.
    ///   - enabled: Whether to draw at all (standard error is a terminal).
    init(total: Int?, enabled: Bool) {
        self.total = total
        self.enabled = enabled
    }

    /// Whether standard error is a terminal.
    static var standardErrorIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// Counts `bytes` more read, and draws if it is time.
    func advance(by bytes: Int) {
        done.add(bytes, ordering: .relaxed)
        guard enabled else { return }
        let now = nanoseconds()
        let last = lastDraw.load(ordering: .relaxed)
        guard now - last >= Self.interval,
            lastDraw.compareExchange(expected: last, desired: now, ordering: .relaxed).exchanged
        else { return }
        draw(now: now)
    }

    /// Clears the bar (before the summary is printed).
    func finish() {
        guard enabled else { return }
        write("\r\u{1B}[K")
    }

    private func nanoseconds() -> Int {
        let elapsed = ContinuousClock.now - start
        return Int(elapsed.components.seconds) * 1_000_000_000 + Int(elapsed.components.attoseconds / 1_000_000_000)
    }

    private func draw(now: Int) {
        let done = self.done.load(ordering: .relaxed)
        let seconds = Double(max(now, 1)) / 1e9
        let rate = Double(done) / seconds
        var text = "\r"
        if let total, total > 0 {
            let fraction = min(1, Double(done) / Double(total))
            let filled = Int(fraction * 24)
            text += "\(String(Int(fraction * 100)).leftPadded(to: 3))% ["
            text += String(repeating: "#", count: filled) + String(repeating: ".", count: 24 - filled) + "]  "
            text += "\(Self.megabytes(done)) of \(Self.megabytes(total))  \(Self.megabytes(Int(rate)))/s"
            if rate > 0 { text += "  \(Int((Double(total - done) / rate).rounded(.up))) s left" }
        } else {
            text += "\(Self.megabytes(done)) read  \(Self.megabytes(Int(rate)))/s"
        }
        write(text + "\u{1B}[K")
    }

    private static func megabytes(_ bytes: Int) -> String {
        bytes >= 10_000_000 ? "\(bytes / 1_000_000) MB" : String(format: "%.1f MB", Double(bytes) / 1e6)
    }

    private func write(_ text: String) {
        var text = text
        text.withUTF8 { bytes in _ = Foundation.write(STDERR_FILENO, bytes.baseAddress, bytes.count) }
    }
}

/// Ctrl-C while `gen logs` reads: the first one asks the readers to stop
/// (they look every few thousand lines), so that the summary of what was
/// read is printed, marked partial; a second one ends the process at once.
enum Interruption {
    /// Set by the signal handler (an atomic store is async-signal-safe).
    static let requested = Atomic<Bool>(false)

    static func install() {
        signal(SIGINT) { _ in
            Interruption.requested.store(true, ordering: .relaxed)
            signal(SIGINT, SIG_DFL)
        }
    }

    static var isRequested: Bool { requested.load(ordering: .relaxed) }
}
