import Foundation
import Generators

/// Collects what ``GeneratorRuntime/unhandledErrorHandler`` receives, by
/// generator name, so that tests running in parallel each see their own.
/// (An `NSLock`, which ThreadSanitizer sees; it does not see `Mutex`.)
public enum ErrorCollector {
    private final class Reports: @unchecked Sendable {
        // Safety: every access to `entries` and `installed` holds `lock`.
        let lock = NSLock()
        var entries: [(name: String?, error: any Error)] = []
        var installed = false
    }

    private static let reports = Reports()

    /// Routes unhandled generator errors here (once per process). The
    /// handler is set before any caller returns, so a test that calls this
    /// in parallel with another never runs with the default handler.
    public static func install() {
        let reports = self.reports
        reports.lock.withLock {
            guard !reports.installed else { return }
            reports.installed = true
            // The handler's own lock is another one: no deadlock.
            GeneratorRuntime.unhandledErrorHandler = { error, name in
                reports.lock.withLock { reports.entries.append((name, error)) }
            }
        }
    }

    /// The descriptions of the errors reported for generators named
    /// `name`, once there is at least one (a background close reports
    /// later).
    public static func reportedDescriptions(named name: String) async -> [String] {
        while errors(named: name).isEmpty { await Task.yield() }
        return errors(named: name).map { "\($0)" }
    }

    /// The errors reported so far for generators named `name`.
    public static func errors(named name: String) -> [any Error] {
        reports.lock.withLock { reports.entries.filter { $0.name == name }.map(\.error) }
    }
}
