import GeneratorAlgorithms
import Generators
import Testing
import _GeneratorsTestSupport

@Suite struct TeeTests {
    @Test func everyBranchSeesEveryElement() {
        // a, b = tee('ABC'); list(a), list(b) → ['A', 'B', 'C'], ['A', 'B', 'C']
        let (a, b) = "ABC".tee()
        #expect(String(a) == "ABC")
        #expect(String(b) == "ABC")
    }

    @Test func readsEachElementOnce() {
        let source = ReportingSequence(1...5)
        let branches = source.tee(3)
        #expect(source.pulls == 0)
        #expect(branches[0].next() == 1)
        #expect(branches[1].next() == 1)
        #expect(branches[2].next() == 1)
        #expect(source.pulls == 1)
        #expect(Array(branches[2]) == [2, 3, 4, 5])
        #expect(Array(branches[0]) == [2, 3, 4, 5])
        #expect(Array(branches[1]) == [2, 3, 4, 5])
        #expect(source.pulls == 6)
        #expect(source.pullsAfterEnd == 0)
    }

    @Test func interleavedBranchesAgree() {
        let branches = (0..<100).tee(2)
        var first: [Int] = []
        var second: [Int] = []
        while let x = branches[0].next() {
            first.append(x)
            if x % 3 == 0, let y = branches[1].next() { second.append(y) }
        }
        second += Array(branches[1])
        #expect(first == Array(0..<100))
        #expect(second == Array(0..<100))
    }

    @Test func theBufferHoldsOnlyTheLag() {
        let (fast, slow) = naturals().tee()
        var largest = 0
        for step in 0..<10_000 {
            _ = fast.next()
            if step >= 1_000 { _ = slow.next() }
            largest = max(largest, fast.bufferedCount)
        }
        #expect(largest == 1_000)
        #expect(slow.next() == 9_000)
    }

    @Test func aBranchThatGoesAwayHoldsNothingBack() {
        var branches = (0..<10).tee(2)
        let fast = branches.removeFirst()
        _ = fast.next()
        _ = fast.next()
        #expect(fast.bufferedCount == 2)
        branches.removeAll()  // the lagging branch goes away
        #expect(fast.bufferedCount == 0)
        #expect(Array(fast) == Array(2..<10))
        #expect(fast.bufferedCount == 0)
    }

    @Test func theSourceIsClosedWhenEveryBranchIsGone() {
        let log = EventLog()
        do {
            let numbers = Generator<Int> { g in
                defer { log.record("cleanup") }
                for i in 0..<100 { try g.yield(i) }
            }
            let (a, b) = numbers.tee()
            #expect(a.next() == 0)
            #expect(b.next() == 0)
            #expect(log.events.isEmpty)
        }
        #expect(log.events == ["cleanup"])
    }

    @Test func zeroBranchesAndEmptyInput() {
        #expect([1, 2].tee(0).isEmpty)
        let (a, b) = [Int]().tee()
        #expect(a.next() == nil)
        #expect(b.next() == nil)
    }

    @Test func aNegativeCountIsAProgrammerError() async {
        await #expect(processExitsWith: .failure) {
            _ = [1].tee(-1)
        }
    }
}
