import GeneratorAlgorithms
import Generators
import PropertyBased
import Testing

/// The algebraic laws of the operators, checked on random inputs (each
/// operator's own test file has its Python examples and pull counts).
@Suite struct PropertyTests {
    let numbers = Gen.int(in: 0...5).array(of: 0...40)

    @Test func batchesJoinedGiveTheInputBack() async {
        await propertyCheck(input: numbers, Gen.int(in: 1...7)) { values, count in
            let batches = Array(values.batched(ofCount: count))
            #expect(Array(batches.joined()) == values)
            #expect(batches.dropLast().allSatisfy { $0.count == count })
            #expect(batches.last.map { (1...count).contains($0.count) } ?? values.isEmpty)
        }
    }

    @Test func windowsAreTheSlicesOfTheInput() async {
        await propertyCheck(input: numbers, Gen.int(in: 1...7)) { values, count in
            let windows = Array(values.slidingWindows(ofCount: count))
            #expect(windows.count == max(0, values.count - count + 1))
            for (offset, window) in windows.enumerated() {
                #expect(window == Array(values[offset..<offset + count]))
            }
        }
    }

    @Test func runsJoinedGiveTheInputBackAndNeighboursDiffer() async {
        await propertyCheck(input: numbers) { values in
            let runs = Array(values.groupedRuns())
            #expect(Array(runs.map(\.elements).joined()) == values)
            #expect(zip(runs, runs.dropFirst()).allSatisfy { $0.key != $1.key })
            #expect(runs.map(\.elements.count) == values.runLengths().map(\.count))
            #expect(runs.map(\.key) == Array(values.removeDuplicates()))
        }
    }

    @Test func teeBranchesAgreeHoweverTheyAreRead() async {
        await propertyCheck(input: numbers, Gen.bool.array(of: 0...80)) { values, turns in
            let (a, b) = values.tee()
            var readA: [Int] = []
            var readB: [Int] = []
            for useA in turns {
                if useA, let x = a.next() { readA.append(x) } else if let x = b.next() { readB.append(x) }
            }
            readA += Array(a)
            readB += Array(b)
            #expect(readA == values)
            #expect(readB == values)
        }
    }

    @Test func cycledRepeatsTheInput() async {
        await propertyCheck(input: numbers, Gen.int(in: 0...100)) { values, length in
            let cycled = Array(values.cycled().prefix(length))
            let expected = values.isEmpty ? [] : (0..<length).map { values[$0 % values.count] }
            #expect(cycled == expected)
        }
    }

    @Test func zipLongestKeepsBothInputs() async {
        await propertyCheck(input: numbers, numbers) { first, second in
            let pairs = Array(zipLongest(first, second))
            #expect(pairs.count == max(first.count, second.count))
            #expect(pairs.compactMap(\.0) == first)
            #expect(pairs.compactMap(\.1) == second)
        }
    }

    @Test func roundRobinKeepsEveryElementAndEachInputsOrder() async {
        await propertyCheck(input: numbers, numbers, numbers) { a, b, c in
            let merged = Array(roundRobin([a.map { (0, $0) }, b.map { (1, $0) }, c.map { (2, $0) }]))
            #expect(merged.count == a.count + b.count + c.count)
            #expect(merged.filter { $0.0 == 0 }.map(\.1) == a)
            #expect(merged.filter { $0.0 == 1 }.map(\.1) == b)
            #expect(merged.filter { $0.0 == 2 }.map(\.1) == c)
        }
    }

    @Test func distinctPermutationsAreIncreasingAndCountedByTheMultinomial() async {
        await propertyCheck(input: Gen.int(in: 0...3).array(of: 0...6)) { values in
            let orderings = Array(values.distinctPermutations())
            #expect(zip(orderings, orderings.dropFirst()).allSatisfy { $0.lexicographicallyPrecedes($1) })
            var multinomial = factorial(values.count)
            for count in Dictionary(grouping: values, by: { $0 }).values.map(\.count) {
                multinomial /= factorial(count)
            }
            #expect(orderings.count == multinomial)
            #expect(orderings.allSatisfy { $0.sorted() == values.sorted() })
        }
    }

    @Test func combinationsWithReplacementAreCountedByTheBinomial() async {
        await propertyCheck(input: Gen.int(in: 0...5), Gen.int(in: 0...4)) { n, r in
            let picks = Array((0..<n).combinationsWithReplacement(ofCount: r))
            // C(n + r - 1, r) choices, and none for n = 0 unless r = 0.
            let expected = n == 0 ? (r == 0 ? 1 : 0) : factorial(n + r - 1) / (factorial(r) * factorial(n - 1))
            #expect(picks.count == expected)
            #expect(picks.allSatisfy { $0 == $0.sorted() })
        }
    }

    @Test func concurrentMapEqualsMap() async {
        await propertyCheck(count: 30, input: numbers, Gen.int(in: 1...6)) { values, width in
            let source = AsyncGenerator<Int> { g in for value in values { try await g.yield(value) } }
            var mapped: [Int] = []
            do {
                for try await value in source.map(maxConcurrency: width, { $0 * 3 }) { mapped.append(value) }
            } catch {
                Issue.record(error)
            }
            #expect(mapped == values.map { $0 * 3 })
        }
    }
}

private func factorial(_ n: Int) -> Int {
    (1...max(1, n)).reduce(1, *)
}
