import Generators

/// Records "`name` started", sleeps for an hour, and when an error (a
/// cancellation) wakes it, records "`name` saw `ErrorType`" and rethrows it.
/// What a body or a transform runs to check that cancellation reaches it.
public func sleepUntilCancelled(_ name: String, log: AsyncEventLog) async throws {
    do {
        log.record("\(name) started")
        try await Task.sleep(for: .seconds(3600))
    } catch {
        log.record("\(name) saw \(type(of: error))")
        throw error
    }
}

/// An async generator that never yields: it sleeps until cancelled
/// (``sleepUntilCancelled(_:log:)``). The source to check that an operator
/// cancels what it reads.
public func sleepingGenerator(_ name: String, log: AsyncEventLog) -> AsyncGenerator<Int> {
    AsyncGenerator { g in
        try await sleepUntilCancelled(name, log: log)
        try await g.yield(0)
    }
}
