import Generators
import Testing
import _GeneratorsTestSupport

/// The `__iter__` pattern: a type conforming to `Sequence` whose
/// `makeIterator()` runs a generator body.
private struct Countdown: Sequence {
    let start: Int

    func makeIterator() -> GeneratorSequence<Int>.Iterator {
        GeneratorSequence { g in
            for n in stride(from: start, through: 1, by: -1) { try g.yield(n) }
        }.makeIterator()
    }
}

@Suite struct GeneratorSequenceTests {
    @Test func eachIterationRunsTheBodyAnew() {
        let log = EventLog()
        let numbers = GeneratorSequence<Int> { g in
            log.record("start")
            for i in 0..<3 { try g.yield(i) }
        }
        #expect(log.events.isEmpty)
        #expect(Array(numbers) == [0, 1, 2])
        #expect(Array(numbers) == [0, 1, 2])
        #expect(log.events == ["start", "start"])
    }

    @Test func writesMakeIteratorOfASequenceType() {
        let countdown = Countdown(start: 3)
        #expect(Array(countdown) == [3, 2, 1])
        #expect(countdown.map { $0 * 10 } == [30, 20, 10])
        #expect(Array(countdown.prefix(1)) == [3])
    }

    @Test func theModuleQualifiedNameAlsoWorksInASequenceType() {
        struct Letters: Sequence {
            func makeIterator() -> Generators.Generator<Character>.Iterator {
                Generators.Generator<Character> { g in try g.yield(from: "ab") }.makeIterator()
            }
        }
        #expect(String(Letters()) == "ab")
    }

    @Test func anIterationLeftEarlyIsClosed() throws {
        let log = EventLog()
        let numbers = GeneratorSequence<Int> { g in
            defer { log.record("cleanup") }
            for i in 0... { try g.yield(i) }
        }
        for n in numbers where n == 2 { break }
        // The loop's iterator held the only reference to its generator.
        #expect(log.events == ["cleanup"])
        var iterator = numbers.makeIterator()
        #expect(iterator.next() == 0)
        try iterator.close()
        #expect(log.events == ["cleanup", "cleanup"])
        #expect(iterator.next() == nil)
    }
}
