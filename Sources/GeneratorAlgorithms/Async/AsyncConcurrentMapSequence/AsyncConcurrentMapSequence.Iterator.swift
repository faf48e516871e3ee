extension AsyncConcurrentMapSequence {
    /// The iterator of a concurrent map: hands out the results as their
    /// turn comes, while the transforms run ahead in tasks of their own.
    ///
    /// ```swift
    /// let squares = [1, 2, 3].async.map(maxConcurrency: 2) { $0 * $0 }
    /// let iterator = squares.makeAsyncIterator()
    /// print(try await iterator.next() as Any)   // Optional(1)
    /// ```
    ///
    /// A class, as `AsyncGenerator` is: when the last reference
    /// goes away, the transforms still running (and a read of the base in
    /// progress) are cancelled.
    ///
    /// - Important: One `next()` runs at a time: a second one while one
    ///   waits throws `GeneratorError.alreadyExecuting(.next, isAsync: true)`.
    ///   Cancelling the consumer's task ends the iteration: the `next()` in
    ///   progress (or the next one) throws `CancellationError` and the
    ///   transforms are cancelled; later calls return `nil`.
    public final class Iterator: AsyncIteratorProtocol, Sendable {
        @usableFromInline
        let storage: _ConcurrentMapStorage<Base, Output>

        @inlinable
        init(_ storage: _ConcurrentMapStorage<Base, Output>) {
            self.storage = storage
        }

        deinit {
            storage.drop()
        }

        /// The next result: in the order of the elements (`map`) or as soon
        /// as one is ready (`mapUnordered`); `nil` at the end.
        ///
        /// - Complexity: O(1), and a wait while the result's transform runs.
        @inlinable
        public func next() async throws -> Output? {
            try await storage.next()
        }
    }
}
