import GeneratorAlgorithms
import Generators
import Testing
import _GeneratorsTestSupport

@Suite struct BucketsTests {
    @Test func matchesMoreItertoolsExample() {
        // s = ['a1', 'b1', 'c1', 'a2', 'b2', 'c2', 'b3']
        // sorted(bucket(s, key=lambda x: x[0])) → ['a', 'b', 'c']; list(s['a']) → ['a1', 'a2']
        let items = ["a1", "b1", "c1", "a2", "b2", "c2", "b3"]
        let buckets = items.buckets { $0.first! }
        #expect(Array(buckets["a"]) == ["a1", "a2"])
        #expect(Array(buckets["b"]) == ["b1", "b2", "b3"])
        #expect(Array(buckets["c"]) == ["c1", "c2"])
        #expect(Array(buckets["d"]).isEmpty)
        #expect(items.buckets { $0.first! }.keys == ["a", "b", "c"])
    }

    @Test func aBucketReadsOnlyAsFarAsItsNextElement() {
        let source = ReportingSequence([1, 2, 3, 4, 5, 6])
        let buckets = source.buckets { $0 % 3 }
        var zeros = buckets[0]
        #expect(zeros.next() == 3)
        #expect(source.pulls == 3)
        var ones = buckets[1]
        #expect(ones.next() == 1)
        #expect(source.pulls == 3)
        #expect(ones.next() == 4)
        #expect(source.pulls == 4)
        #expect(zeros.next() == 6)
        #expect(Array(buckets[2]) == [2, 5])
        #expect(source.pullsAfterEnd == 0)
    }

    @Test func bucketsReadInStepKeepTheOrder() {
        let buckets = (0..<10_000).buckets { $0 % 2 }
        var evens = buckets[0]
        var odds = buckets[1]
        for i in 0..<5_000 {
            #expect(odds.next() == 2 * i + 1)
            #expect(evens.next() == 2 * i)
        }
        #expect(evens.next() == nil && odds.next() == nil)
    }

    @Test func aLaggingBucketHoldsWhatItHasNotTakenAndNothingOnceDone() {
        final class Watch {
            weak var object: LifetimeTracked?
            init(_ object: LifetimeTracked) { self.object = object }
        }
        var made: [Watch] = []
        let objects = (0..<200).lazy.map { value -> LifetimeTracked in
            let object = LifetimeTracked(value)
            made.append(Watch(object))
            return object
        }
        func alive() -> [Int] { made.compactMap { $0.object?.value } }
        let buckets = objects.buckets { $0.value % 2 }
        var evens = buckets[0]
        var odds = buckets[1]
        for _ in 0..<100 { _ = evens.next() }
        // The evens are gone; every odd read so far waits for its bucket.
        #expect(alive() == Array(stride(from: 1, to: 199, by: 2)))
        for _ in 0..<50 { _ = odds.next() }
        #expect(Set(stride(from: 101, to: 199, by: 2)).isSubset(of: alive()))
        while odds.next() != nil {}
        #expect(alive().isEmpty)
    }

    @Test func worksOnAGenerator() {
        let words = Generator<String> { g in for w in ["apple", "bean", "avocado"] { try g.yield(w) } }
        let byLetter = words.buckets { $0.first! }
        #expect(Array(byLetter["a"]) == ["apple", "avocado"])
        #expect(Array(byLetter["b"]) == ["bean"])
    }

    @Test func releasesTheSourceOnceItRunsOut() {
        let log = EventLog()
        let buckets = ReleaseWitnessSequence([1, 2], log: log).buckets { $0 % 2 }
        var odds = buckets[1]
        #expect(odds.next() == 1)
        #expect(log.events.isEmpty)
        #expect(odds.next() == nil)
        #expect(log.events == ["released"])
        #expect(Array(buckets[0]) == [2])
    }
}
