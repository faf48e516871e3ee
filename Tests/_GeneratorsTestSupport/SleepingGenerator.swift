import Generators

/// An async generator that never yields: it records "`name` started", sleeps
/// for an hour, and when an error (a cancellation) wakes it, records
/// "`name` saw `ErrorType`" and rethrows it. The source to check that an
/// operator cancels what it reads.
public func sleepingGenerator(_ name: String, log: AsyncEventLog) -> AsyncGenerator<Int> {
    AsyncGenerator { g in
        do {
            log.record("\(name) started")
            try await Task.sleep(for: .seconds(3600))
        } catch {
            log.record("\(name) saw \(type(of: error))")
            throw error
        }
        try await g.yield(0)
    }
}
