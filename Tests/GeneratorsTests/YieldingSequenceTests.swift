import Generators
import Testing
import _GeneratorsTestSupport

/// class Countdown: def __iter__(self): n = self.start; while n > 0: yield n; n -= 1
private struct Countdown: YieldingSequence {
    typealias Element = Int
    let start: Int

    func yieldElements(into g: Yielder) throws {
        for n in stride(from: start, through: 1, by: -1) { try g.yield(n) }
    }
}

/// A tree that yields its values in order, recursing with `yield(from:)`.
private indirect enum Tree: YieldingSequence {
    typealias Element = Int
    case leaf
    case node(Tree, Int, Tree)

    func yieldElements(into g: Yielder) throws {
        guard case .node(let left, let value, let right) = self else { return }
        try g.yield(from: left)
        try g.yield(value)
        try g.yield(from: right)
    }
}

@Suite struct YieldingSequenceTests {
    @Test func iteratesAnyNumberOfTimes() {
        let countdown = Countdown(start: 3)
        #expect(Array(countdown) == [3, 2, 1])
        #expect(Array(countdown) == [3, 2, 1])
        #expect(countdown.reduce(0, +) == 6)
    }

    @Test func recursesLikeAPythonTreeIterator() {
        let tree = Tree.node(.node(.leaf, 1, .leaf), 2, .node(.node(.leaf, 3, .leaf), 4, .leaf))
        #expect(Array(tree) == [1, 2, 3, 4])
    }
}
