import AsyncAlgorithms
import Generators

extension AsyncSequence where Self: Sendable, Element: Sendable {
    /// Turns each element into an async sequence and merges up to
    /// `maxConcurrency` of them at a time, handing out their elements as they
    /// come (aiostream's `flatmap(task_limit=)`, Kotlin's `flatMapMerge`).
    ///
    /// ```swift
    /// let lines = files.flatMap(maxConcurrency: 4) { file in file.lines }
    /// for try await line in lines { print(line) }   // from 4 files at a time
    /// ```
    ///
    /// The standard library's `flatMap` on an `AsyncSequence` reads one inner
    /// sequence to its end before the next; with `maxConcurrency: 1` this one
    /// does the same.
    ///
    /// - Important: Each inner sequence is read by child tasks of the
    ///   producer, one read at a time, one element ahead at most. The first error (from the sequence, a
    ///   transform or an inner sequence) ends the result and cancels the
    ///   rest; so does stopping early or cancelling the consumer.
    /// - Parameters:
    ///   - maxConcurrency: The most inner sequences read at once (at least 1).
    ///   - transform: Makes the inner sequence of an element; it runs in the
    ///     child task that reads the sequence's first element.
    /// - Complexity: A few task switches per element.
    @inlinable
    public func flatMap<Inner: AsyncSequence & Sendable>(
        maxConcurrency: Int,
        _ transform: @escaping @Sendable (Element) async throws -> Inner
    ) -> AsyncMergingFlatMapSequence<Self, Inner> where Inner.Element: Sendable {
        precondition(maxConcurrency >= 1, "flatMap(maxConcurrency:_:) needs a concurrency of at least 1")
        return AsyncMergingFlatMapSequence(base: self, maxConcurrency: maxConcurrency, transform)
    }
}

/// Merges the elements of any number of async sequences of one type, as
/// they come (aiostream's `merge`; swift-async-algorithms' `merge` takes two
/// or three sequences of possibly different types).
///
/// ```swift
/// for try await event in merge([keyboard.events, mouse.events, network.events]) {
///     handle(event)
/// }
/// ```
///
/// - Important: Each sequence is read by child tasks of the producer, one
///   read at a time, one element ahead at most. The first error ends the result and cancels the other
///   reads; so does stopping early or cancelling the consumer.
/// - Complexity: A few task switches per element.
@inlinable
public func merge<Base: AsyncSequence & Sendable>(
    _ sequences: some Sequence<Base>
) -> AsyncMergingFlatMapSequence<AsyncSyncSequence<[Base]>, Base> where Base.Element: Sendable {
    let sequences = Array(sequences)
    return AsyncMergingFlatMapSequence(
        base: sequences.async,
        maxConcurrency: Swift.max(1, sequences.count),
        { $0 }
    )
}

/// An async sequence that merges the inner sequences its base's elements
/// turn into; see `flatMap(maxConcurrency:_:)` and ``merge(_:)``.
///
/// Each iteration runs its own producer, an `AsyncGenerator` whose body
/// keeps, in a task group, one read of the base and one read of each active
/// inner sequence in flight.
public struct AsyncMergingFlatMapSequence<Base: AsyncSequence & Sendable, Inner: AsyncSequence & Sendable>:
    AsyncSequence, Sendable
where Base.Element: Sendable, Inner.Element: Sendable {
    public typealias Element = Inner.Element

    @usableFromInline
    let base: Base
    /// The most inner sequences read at once.
    public let maxConcurrency: Int
    @usableFromInline
    let transform: @Sendable (Base.Element) async throws -> Inner

    @inlinable
    init(base: Base, maxConcurrency: Int, _ transform: @escaping @Sendable (Base.Element) async throws -> Inner) {
        self.base = base
        self.maxConcurrency = maxConcurrency
        self.transform = transform
    }

    @inlinable
    public func makeAsyncIterator() -> AsyncGenerator<Element> {
        let flatMap = self
        return AsyncGenerator { results in try await flatMap.run(yieldingTo: results) }
    }

    /// What a read in the task group brings back.
    @usableFromInline
    enum Read: Sendable {
        /// The base's next element, `nil` at its end.
        case base(Base.Element?)
        /// The next element of the inner sequence `reader` reads, `nil` at
        /// its end.
        case inner(_TakeTurnsIterator<Inner.AsyncIterator>, Element?)
    }

    /// The producer: reads the base while fewer than `maxConcurrency` inner
    /// sequences are active, and yields their elements as they come.
    @inlinable
    func run(yieldingTo results: AsyncGenerator<Element>.Yielder) async throws {
        // Each read is a child task that may be cancelled; the child tasks
        // take turns with each sequence's iterator.
        let outer = _TakeTurnsIterator(base.makeAsyncIterator())
        let transform = self.transform
        try await withThrowingTaskGroup(of: Read.self) { group in
            /// Inner sequences being read.
            var active = 0
            var readingBase = true
            var baseEnded = false
            group.addTask { .base(try await outer.next()) }
            while let read = try await group.next() {
                switch read {
                case .base(let element?):
                    readingBase = false
                    active += 1
                    group.addTask {
                        let reader = _TakeTurnsIterator(try await transform(element).makeAsyncIterator())
                        return .inner(reader, try await reader.next())
                    }
                case .base(nil):
                    readingBase = false
                    baseEnded = true
                case .inner(let reader, let element?):
                    try await results.yield(element)
                    group.addTask { .inner(reader, try await reader.next()) }
                case .inner(_, nil):
                    active -= 1
                }
                if !baseEnded, !readingBase, active < maxConcurrency {
                    readingBase = true
                    group.addTask { .base(try await outer.next()) }
                }
            }
        }
    }
}
