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

    /// Routes unhandled generator errors here (once per process).
    public static func install() {
        let reports = self.reports
        let needed = reports.lock.withLock { () -> Bool in
            defer { reports.installed = true }
            return !reports.installed
        }
        guard needed else { return }
        GeneratorRuntime.unhandledErrorHandler = { error, name in
            reports.lock.withLock { reports.entries.append((name, error)) }
        }
    }

    /// The errors reported so far for generators named `name`.
    public static func errors(named name: String) -> [any Error] {
        reports.lock.withLock { reports.entries.filter { $0.name == name }.map(\.error) }
    }
}
