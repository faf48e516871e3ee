import Generators
import Synchronization

/// Collects what ``GeneratorRuntime/unhandledErrorHandler`` receives, by
/// generator name, so that tests running in parallel each see their own.
public enum ErrorCollector {
    private static let reports = Mutex<[(name: String?, error: any Error)]>([])
    private static let installed = Mutex(false)

    /// Routes unhandled generator errors here (once per process).
    public static func install() {
        installed.withLock { done in
            guard !done else { return }
            done = true
            GeneratorRuntime.unhandledErrorHandler = { error, name in
                reports.withLock { $0.append((name, error)) }
            }
        }
    }

    /// The errors reported so far for generators named `name`.
    public static func errors(named name: String) -> [any Error] {
        reports.withLock { $0.filter { $0.name == name }.map(\.error) }
    }
}
