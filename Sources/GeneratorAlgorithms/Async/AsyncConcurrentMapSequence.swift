import Generators

extension AsyncSequence where Self: Sendable, Element: Sendable {
    /// Transforms the elements with up to `maxConcurrency` transforms running
    /// at once, and hands the results out in the order of the elements
    /// (aiostream's `map(task_limit=)`, Kotlin's `flatMapMerge` with
    /// ordering kept).
    ///
    /// ```swift
    /// let pages = urls.async.map(maxConcurrency: 8) { url in
    ///     try await download(url)
    /// }
    /// for try await page in pages { print(page.count) }   // in the order of `urls`
    /// ```
    ///
    /// It reads ahead of the consumer: at most `maxConcurrency` transforms
    /// run at once. A result that is ready before an earlier one waits for
    /// it without counting as running; while `maxConcurrency` results wait
    /// so, no element is read. Up to `maxConcurrency` more wait for the
    /// consumer.
    ///
    /// - Important: The first error (from the sequence or a transform, in the
    ///   order of the elements) ends the sequence after the results before
    ///   it; the transforms still running are cancelled. So are they when
    ///   the consumer's task is cancelled or the consumer stops early.
    /// - Parameters:
    ///   - maxConcurrency: The most transforms running at once (at least 1).
    ///   - transform: Runs in a child task per element.
    /// - Complexity: O(`maxConcurrency`) memory: up to three times
    ///   `maxConcurrency` elements and results at once; a child task per
    ///   element.
    @inlinable
    public func map<Output: Sendable>(
        maxConcurrency: Int,
        _ transform: @escaping @Sendable (Element) async throws -> Output
    ) -> AsyncConcurrentMapSequence<Self, Output> {
        precondition(maxConcurrency >= 1, "map(maxConcurrency:_:) needs a concurrency of at least 1")
        return AsyncConcurrentMapSequence(base: self, maxConcurrency: maxConcurrency, ordered: true, transform)
    }

    /// Transforms the elements with up to `maxConcurrency` transforms running
    /// at once, and hands each result out as soon as it is ready
    /// (aiostream's `map(ordered=False)`, Kotlin's `flatMapMerge`).
    ///
    /// ```swift
    /// let sizes = urls.async.mapUnordered(maxConcurrency: 8) { try await download($0).count }
    /// ```
    ///
    /// - Important: The first error, from the sequence or a transform, ends
    ///   the sequence; the transforms still running are cancelled.
    /// - Complexity: O(1) memory per element in flight; a child task per
    ///   element.
    @inlinable
    public func mapUnordered<Output: Sendable>(
        maxConcurrency: Int,
        _ transform: @escaping @Sendable (Element) async throws -> Output
    ) -> AsyncConcurrentMapSequence<Self, Output> {
        precondition(maxConcurrency >= 1, "mapUnordered(maxConcurrency:_:) needs a concurrency of at least 1")
        return AsyncConcurrentMapSequence(base: self, maxConcurrency: maxConcurrency, ordered: false, transform)
    }
}

/// An async sequence transformed by concurrent child tasks; see
/// `map(maxConcurrency:_:)` and `mapUnordered(maxConcurrency:_:)`.
///
/// Each iteration runs its own producer: an `AsyncGenerator` that keeps up
/// to `maxConcurrency` transforms in a task group and runs ahead of the
/// consumer by as many results.
public struct AsyncConcurrentMapSequence<Base: AsyncSequence & Sendable, Output: Sendable>: AsyncSequence, Sendable
where Base.Element: Sendable {
    public typealias Element = Output

    @usableFromInline
    let base: Base
    /// The most transforms running at once.
    public let maxConcurrency: Int
    /// Whether results keep the order of the elements.
    public let ordered: Bool
    @usableFromInline
    let transform: @Sendable (Base.Element) async throws -> Output

    @inlinable
    init(
        base: Base,
        maxConcurrency: Int,
        ordered: Bool,
        _ transform: @escaping @Sendable (Base.Element) async throws -> Output
    ) {
        self.base = base
        self.maxConcurrency = maxConcurrency
        self.ordered = ordered
        self.transform = transform
    }

    @inlinable
    public func makeAsyncIterator() -> AsyncGenerator<Output> {
        let map = self
        return AsyncGenerator(runAhead: maxConcurrency) { results in
            try await map.run(yieldingTo: results)
        }
    }

    /// What a child task of the producer brings back.
    @usableFromInline
    enum Event: Sendable {
        /// The base's next element, `nil` at its end.
        case element(Base.Element?)
        /// The base threw.
        case baseFailed(any Error)
        /// The transform of element `index`.
        case result(index: Int, Result<Output, any Error>)
    }

    /// The producer: reads the base while fewer than `maxConcurrency`
    /// transforms run (and fewer than as many results wait for an earlier
    /// one), and yields each result when its turn comes.
    /// While a transform runs, the base is read in a child task too, so that
    /// a result is handed out as soon as it is ready, even while the base has
    /// nothing new; when none runs, the producer reads it itself.
    ///
    /// Inlinable, so that it is specialized for the caller's types: generic,
    /// it would look up type metadata for every element.
    @inlinable
    func run(yieldingTo results: AsyncGenerator<Output>.Yielder) async throws {
        // The base's iterator is read by one child task at a time, or by
        // the producer itself when no transform is running: then no result
        // can become ready while it waits.
        let base = _TakeTurnsIterator(self.base.makeAsyncIterator())
        let transform = self.transform
        let readBase: @Sendable () async -> Event = {
            do {
                return .element(try await base.next())
            } catch {
                return .baseFailed(error)
            }
        }
        try await withThrowingTaskGroup(of: Event.self) { group in
            /// Elements read (a base error counts as one), and results
            /// handed out (in order, when ordered).
            var read = 0
            var handedOut = 0
            var readingBase = false
            var exhausted = false
            /// Results that wait for an earlier one (ordered only).
            var early: [Int: Result<Output, any Error>] = [:]
            /// An event the producer read itself, handled before the group's.
            var readInline: Event? = await readBase()
            while true {
                let event: Event
                if let inline = readInline {
                    readInline = nil
                    event = inline
                } else if let next = try await group.next() {
                    event = next
                } else {
                    break
                }
                switch event {
                case .element(let element?):
                    readingBase = false
                    let index = read
                    read += 1
                    group.addTask {
                        do {
                            return .result(index: index, .success(try await transform(element)))
                        } catch {
                            return .result(index: index, .failure(error))
                        }
                    }
                case .element(nil):
                    readingBase = false
                    exhausted = true
                case .baseFailed(let error):
                    guard ordered else { throw error }
                    readingBase = false
                    exhausted = true
                    // The error comes after the results before it.
                    early[read] = .failure(error)
                    read += 1
                case .result(let index, let result) where ordered:
                    early[index] = result
                case .result(_, let result):
                    handedOut += 1
                    try await results.yield(result.get())
                }
                while let next = early.removeValue(forKey: handedOut) {
                    handedOut += 1
                    try await results.yield(next.get())
                }
                // Transforms running: read and not handed out, less those
                // that wait for an earlier one.
                let running = read - handedOut - early.count
                if !exhausted, !readingBase, running < maxConcurrency, early.count < maxConcurrency {
                    if running == 0 {
                        readInline = await readBase()
                    } else {
                        readingBase = true
                        group.addTask(operation: readBase)
                    }
                }
            }
        }
    }
}
