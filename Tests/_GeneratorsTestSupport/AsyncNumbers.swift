import Generators

/// An async generator of `range`: the source of the async operator tests.
public func asyncNumbers(_ range: Range<Int>) -> AsyncGenerator<Int> {
    AsyncGenerator { g in for i in range { try await g.yield(i) } }
}
