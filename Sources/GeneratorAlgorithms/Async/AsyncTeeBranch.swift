import Generators

extension AsyncSequence where Self: Sendable, Element: Sendable {
    /// Splits the sequence into `count` branches that each see every
    /// element, reading the sequence once (Python's `itertools.tee` for
    /// async iterators; a `share` whose slowest consumer sets the pace).
    ///
    /// ```swift
    /// let branches = readings.tee(2)
    /// async let total = branches[0].reduce(0, +)
    /// async let count = branches[1].reduce(0) { n, _ in n + 1 }
    /// print(try await total / count)
    /// ```
    ///
    /// An element is kept until every branch has read it, and at most
    /// `bufferLimit` of them: a branch that gets that far ahead of the
    /// slowest waits for it (backpressure). swift-async-algorithms'
    /// `share()` instead hands each element only to the consumers iterating
    /// at that moment.
    ///
    /// - Important: Every branch must be read (or dropped): a branch nobody
    ///   reads holds the others back once they are `bufferLimit` ahead. A
    ///   branch that goes away stops holding anything back. The sequence is
    ///   read in a task of its own (an `AsyncGenerator`), one element at a
    ///   time when a branch needs one; cancelling a branch's task ends that
    ///   branch's wait with `CancellationError`, not the others.
    /// - Parameters:
    ///   - count: How many branches; 0 gives none. A negative count traps.
    ///   - bufferLimit: The most elements kept for the slower branches (at
    ///     least 1).
    /// - Complexity: O(*k*) memory for `bufferLimit` *k*; a lock per element
    ///   and branch, and a task per element read.
    public func tee(_ count: Int, bufferLimit: Int = 1) -> [AsyncTeeBranch<Element>] {
        precondition(count >= 0, "tee(_:bufferLimit:) needs a count of at least 0")
        precondition(bufferLimit >= 1, "tee(_:bufferLimit:) needs a buffer limit of at least 1")
        guard count > 0 else { return [] }
        let base = self
        let source = AsyncGenerator<Element> { g in
            try await g.yield(from: base)
        }
        let shared = AsyncTeeBranch<Element>.Shared(source: source, branches: count, limit: bufferLimit)
        return (0..<count).map { AsyncTeeBranch(shared: shared, branch: $0) }
    }
}

/// One branch of an async sequence split with `tee(_:bufferLimit:)`: an
/// async sequence that is its own iterator, like an `AsyncGenerator`.
public final class AsyncTeeBranch<Element: Sendable>: AsyncSequence, AsyncIteratorProtocol, Sendable {
    /// What the branches share: the source, and the elements a branch has
    /// not read yet.
    final class Shared: Sendable {
        struct State {
            /// The elements a branch has not read yet, and where each is.
            var queue: TeeQueue<Element>
            /// Whether each branch has been told how the source ended.
            var endReported: [Bool]
            /// A branch is reading the source.
            var fetching = false
            /// How the source ended, once it has.
            var end: Result<Void, any Error>?
            /// Branches waiting for an element or for room, by token.
            var waiters: [Int: UnsafeContinuation<Void, Never>] = [:]
            var nextToken = 0

            mutating func takeWaiters() -> [UnsafeContinuation<Void, Never>] {
                defer { waiters = [:] }
                return Array(waiters.values)
            }
        }

        enum Step {
            case element(Element, wake: [UnsafeContinuation<Void, Never>])
            case end(Result<Void, any Error>)
            case fetch
            case wait
        }

        let source: AsyncGenerator<Element>
        let limit: Int
        /// A pthread lock, which ThreadSanitizer sees (see `Locked`).
        let state: Locked<State>

        init(source: AsyncGenerator<Element>, branches: Int, limit: Int) {
            self.source = source
            self.limit = limit
            state = Locked(
                State(queue: TeeQueue(branches: branches), endReported: Array(repeating: false, count: branches))
            )
        }

        /// What `branch` does next, decided under the lock.
        func step(_ branch: Int, _ state: inout State) -> Step {
            if let (element, freed) = state.queue.take(for: branch) {
                // Room for a branch that waits for it.
                return .element(element, wake: freed ? state.takeWaiters() : [])
            }
            if let end = state.end {
                if state.endReported[branch] { return .end(.success(())) }
                state.endReported[branch] = true
                return .end(end)
            }
            if mustWait(state) { return .wait }
            state.fetching = true
            return .fetch
        }

        /// With no element for it and no end to report, a branch waits while
        /// another one reads the source, or while the buffer is full.
        func mustWait(_ state: State) -> Bool {
            state.fetching || state.queue.count >= limit
        }

        /// Whether `branch` has nothing to do but wait.
        func wouldWait(_ branch: Int, _ state: State) -> Bool {
            state.queue.isCaughtUp(branch) && state.end == nil && mustWait(state)
        }

        func next(for branch: Int) async throws -> Element? {
            while true {
                switch state.withLock({ step(branch, &$0) }) {
                case .element(let element, let wake):
                    for waiter in wake { waiter.resume() }
                    return element
                case .end(let end):
                    try end.get()
                    return nil
                case .fetch:
                    // In a task of its own: cancelling this branch must not
                    // cancel the source the other branches read.
                    let source = self.source
                    let read = await Task { try await source.next() }.result
                    let (element, wake) = state.withLock { state in
                        state.fetching = false
                        var element: Element?
                        switch read {
                        case .success(let fresh?):
                            state.queue.append(fresh, readBy: branch)
                            element = fresh
                        case .success(nil): state.end = .success(())
                        case .failure(let error): state.end = .failure(error)
                        }
                        return (element, state.takeWaiters())
                    }
                    for waiter in wake { waiter.resume() }
                    if let element { return element }
                case .wait:
                    try await wait(branch)
                }
            }
        }

        /// Parks `branch` until the state changes (or its task is cancelled).
        func wait(_ branch: Int) async throws {
            let token = state.withLock { state in
                defer { state.nextToken += 1 }
                return state.nextToken
            }
            await withTaskCancellationHandler {
                await withUnsafeContinuation { (waiter: UnsafeContinuation<Void, Never>) in
                    let parked = state.withLock { state -> Bool in
                        // Park only if nothing changed since the decision.
                        guard wouldWait(branch, state), !Task.isCancelled else { return false }
                        state.waiters[token] = waiter
                        return true
                    }
                    if !parked { waiter.resume() }
                }
                _ThreadSanitizer.continuationAwaited()
            } onCancel: {
                state.withLock { $0.waiters.removeValue(forKey: token) }?.resume()
            }
            try Task.checkCancellation()
        }

        /// A branch went away.
        func leave(_ branch: Int) {
            let wake = state.withLock { state in
                _ = state.queue.leave(branch)
                return state.takeWaiters()
            }
            for waiter in wake { waiter.resume() }
        }
    }

    let shared: Shared
    let branch: Int

    init(shared: Shared, branch: Int) {
        self.shared = shared
        self.branch = branch
    }

    deinit {
        shared.leave(branch)
    }

    public func makeAsyncIterator() -> AsyncTeeBranch {
        self
    }

    /// The next element of the source, from the shared buffer or read for
    /// all branches; `nil` at the end.
    ///
    /// - Throws: The error the source ended with (once), or
    ///   `CancellationError` when this branch's task is cancelled while it
    ///   waits.
    public func next() async throws -> Element? {
        try await shared.next(for: branch)
    }
}
