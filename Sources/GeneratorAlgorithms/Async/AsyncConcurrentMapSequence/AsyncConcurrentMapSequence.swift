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
    /// it without counting as running. An element is read only while fewer
    /// than `maxConcurrency` transforms run, fewer than `maxConcurrency`
    /// results wait for an earlier one, and fewer than `maxConcurrency` wait
    /// for the consumer.
    ///
    /// - Important: The first error (from the sequence or a transform, in the
    ///   order of the elements) ends the sequence after the results before
    ///   it; the transforms still running are cancelled. So are they when
    ///   the consumer's task is cancelled or the consumer stops early.
    /// - Parameters:
    ///   - maxConcurrency: The most transforms running at once (at least 1).
    ///   - transform: Runs in tasks of the iterator's own, which take the
    ///     consumer's priority, task-local values and task executor
    ///     preference, as child tasks would.
    /// - Complexity: O(`maxConcurrency`) memory: at most
    ///   `3 × maxConcurrency - 1` elements and results read and not handed
    ///   out. Once `maxConcurrency` transforms run, the task of a transform
    ///   that finishes reads the next element and runs its transform: no
    ///   task per element.
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
    /// - Complexity: O(`maxConcurrency`) memory, as `map(maxConcurrency:_:)`.
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
/// Each iteration runs its transforms in tasks of its own, which read the
/// base in turn: a transform that finishes reads the next element and runs
/// its transform in the same task, so that the cost per element is a
/// transform and a read, with no task to make or wake in between.
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
    public func makeAsyncIterator() -> Iterator {
        Iterator(
            _ConcurrentMapStorage(
                base: base.makeAsyncIterator(),
                maxConcurrency: maxConcurrency,
                ordered: ordered,
                transform: transform
            )
        )
    }
}
