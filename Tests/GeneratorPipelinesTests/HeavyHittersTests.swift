import Foundation
import GeneratorPipelines
import Testing
import _GeneratorsTestSupport

/// A skewed stream: key `i` about as often as 1 / (i + 1) (log-uniform ranks), as the paths and
/// hosts of a log are.
private func skewedStream(_ generator: inout SplitMix, count: Int, keys: Int) -> [Int] {
    (0..<count).map { _ in
        let u = Double(generator.next() >> 11) / Double(1 << 53)
        return min(keys - 1, Int(pow(Double(keys), u)) - 1)
    }
}

/// Merges `parts` pairwise in a random order: a random grouping of a random order.
private func mergedAtRandom<S: MergeableSummary>(_ parts: [S], _ generator: inout SplitMix) -> S {
    var pool = parts
    while pool.count > 1 {
        let i = Int(generator.next() % UInt64(pool.count))
        var first = pool.remove(at: i)
        let j = Int(generator.next() % UInt64(pool.count))
        first.merge(pool.remove(at: j))
        pool.append(first)
    }
    return pool.first ?? S()
}

@Suite struct HeavyHittersTests {
    /// For random skewed streams, split at random and merged in random groupings: every true
    /// count lies in its estimate, no estimate is more than N / k above it, and every key
    /// counted more than N / k times is kept.
    @Test(arguments: 1...12)
    func theBoundsHoldForAnySplitAndAnyMerge(seed: UInt64) {
        var generator = SplitMix(seed: seed)
        let capacity = 20 + Int(generator.next() % 200)
        let stream = skewedStream(&generator, count: 20_000 + Int(generator.next() % 30_000), keys: 5_000)
        let exact = Counts<Int>.of(stream)
        var cuts = (0..<Int(generator.next() % 6)).map { _ in Int(generator.next() % UInt64(stream.count)) }
        cuts = [0] + cuts.sorted() + [stream.count]
        let parts = zip(cuts, cuts.dropFirst()).map { start, end in
            var sketch = HeavyHitters<Int>(capacity: capacity)
            for key in stream[start..<end] { sketch.add(key) }
            return sketch
        }
        let merged = mergedAtRandom(parts, &generator)
        #expect(merged.total == stream.count)
        let bound = Double(stream.count) / Double(capacity)
        #expect(Double(merged.minimumCount) <= bound)
        let kept = Set(merged.top(capacity).map(\.key))
        for (key, count) in exact.counts {
            let estimate = merged.estimate(key)
            #expect(estimate.contains(count), "key \(key): \(count) not in \(estimate)")
            #expect(Double(estimate.upperBound - count) <= bound, "key \(key): \(estimate) for \(count)")
            if Double(count) > bound { #expect(kept.contains(key), "key \(key) counted \(count) > \(bound)") }
        }
        #expect(kept.count <= capacity)
    }

    @Test func underItsCapacityItCountsExactly() {
        var sketch = HeavyHitters<String>(capacity: 10)
        for word in "the cat and the hat and the bat".split(separator: " ") { sketch.add(String(word)) }
        #expect(sketch.top(2).map(\.key) == ["the", "and"])
        #expect(sketch.top(10).allSatisfy { $0.error == 0 })
        #expect(sketch.estimate("the") == 3...3)
        #expect(sketch.estimate("dog") == 0...0)
        #expect(sketch.minimumCount == 0)
    }

    @Test func aNewKeyTakesTheLeastCountedPlaceWithItsCountAsError() {
        var sketch = HeavyHitters<String>(capacity: 2)
        sketch.add("a", count: 5)
        sketch.add("b", count: 2)
        sketch.add("c")
        #expect(sketch.estimate("c") == 1...3)  // counted 1, but perhaps b's 2 before unseen
        #expect(sketch.estimate("b") == 0...3)  // no longer kept: at most the minimum
        #expect(sketch.minimumCount == 3)
        #expect(sketch.total == 8)
    }

    @Test func aSketchOfExactCountsKeepsTheMostCountedExactly() {
        let sketch = HeavyHitters(exactCounts: ["a": 9, "b": 5, "c": 2, "d": 1, "e": 0], capacity: 2)
        #expect(sketch.total == 17)
        #expect(sketch.top(5).map(\.key) == ["a", "b"])
        #expect(sketch.estimate("a") == 9...9)
        #expect(sketch.estimate("c") == 0...5)
    }

    @Test func anEmptySketchMergesAsNothing() {
        var generator = SplitMix(seed: 3)
        var sketch = HeavyHitters<Int>(capacity: 50)
        for key in skewedStream(&generator, count: 5_000, keys: 500) { sketch.add(key) }
        var left = sketch
        left.merge(HeavyHitters(capacity: 10))
        #expect(left == sketch)
        var right = HeavyHitters<Int>()  // takes the other's capacity
        right.merge(sketch)
        #expect(right == sketch)
        #expect(HeavyHitters.merging([HeavyHitters<Int>(), sketch, HeavyHitters()]) == sketch)
    }

    @Test func theSmallerCapacityWins() {
        var big = HeavyHitters<Int>(capacity: 100)
        var small = HeavyHitters<Int>(capacity: 3)
        for key in 0..<50 { big.add(key, count: key + 1) }
        for key in 0..<5 { small.add(key) }
        big.merge(small)
        #expect(big.capacity == 3)
        #expect(big.top(5).map(\.key) == [49, 48, 47])
    }

    @Test func aDocumentRoundTripsAndABrokenOneIsRefused() throws {
        var sketch = HeavyHitters<String>(capacity: 3)
        for word in ["a", "b", "a", "c", "d", "a", "e"] { sketch.add(word) }
        let data = try JSONEncoder().encode(sketch)
        #expect(try JSONDecoder().decode(HeavyHitters<String>.self, from: data) == sketch)
        for broken in [
            #"{"capacity": 0, "total": 0, "hits": []}"#,
            #"{"capacity": 1, "total": 2, "hits": [{"key": "a", "count": 1, "error": 0}, {"key": "b", "count": 1, "error": 0}]}"#,
            #"{"capacity": 2, "total": 2, "hits": [{"key": "a", "count": 1, "error": 0}, {"key": "a", "count": 1, "error": 0}]}"#,
            #"{"capacity": 2, "total": 2, "hits": [{"key": "a", "count": 1, "error": 2}]}"#,
            #"{"capacity": 2, "total": -1, "hits": []}"#,
        ] {
            #expect(throws: DecodingError.self) {
                try JSONDecoder().decode(HeavyHitters<String>.self, from: Data(broken.utf8))
            }
        }
    }

    @Test func aCapacityBelowOneTraps() async {
        await #expect(processExitsWith: .failure) { _ = HeavyHitters<Int>(capacity: 0) }
    }
}
