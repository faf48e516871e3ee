extension Coroutine {
    /// This generator as an `AsyncSequence`, for code that consumes values
    /// with `for await` (or `for try await` when the body can throw).
    ///
    /// ```swift
    /// let numbers = Generator<Int> { g in for i in 0..<3 { try g.yield(i) } }
    /// for await n in numbers.async { print(n) }   // 0, 1, 2
    /// ```
    ///
    /// The generator runs on the consuming task, one value per `next()`; it
    /// may move between threads while it is suspended.
    ///
    /// - Important: The sequence consumes the generator, which stays single
    ///   pass. The other way round (an async generator consumed from
    ///   synchronous code) is not offered: it would have to block a thread
    ///   until the producer's task answers, which can deadlock a cooperative
    ///   thread pool.
    public var async: AsyncValues { AsyncValues(generator: self) }

    /// A synchronous generator seen as an `AsyncSequence`.
    public struct AsyncValues: AsyncSequence {
        public typealias Element = Yield

        let generator: Coroutine

        public func makeAsyncIterator() -> Iterator {
            Iterator(generator: generator)
        }

        public struct Iterator: AsyncIteratorProtocol {
            let generator: Coroutine

            public mutating func next(isolation actor: isolated (any Actor)?) async throws(Failure) -> Yield? {
                do {
                    return try generator._step(.next).yielded
                } catch let error as Failure {
                    throw error
                } catch is GeneratorExit {
                    return nil
                } catch {
                    preconditionFailure(
                        "Generator.async: \(error). A body that throws belongs in a ThrowingGenerator"
                    )
                }
            }
        }
    }
}

@available(*, unavailable, message: "a generator is resumed by one context at a time")
extension Coroutine.AsyncValues: Sendable {}

@available(*, unavailable, message: "a generator is resumed by one context at a time")
extension Coroutine.AsyncValues.Iterator: Sendable {}
