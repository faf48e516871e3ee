import Foundation
import GeneratorAlgorithms
import Generators
import Testing
import _GeneratorsTestSupport

@Suite struct AsyncTeeBranchTests {
    @Test func everyBranchSeesEveryElement() async throws {
        let branches = asyncNumbers(0..<100).tee(3, bufferLimit: 4)
        async let first = collect(branches[0])
        async let second = collect(branches[1])
        async let third = collect(branches[2])
        let results = try await [first, second, third]
        for result in results { #expect(result == Array(0..<100)) }
    }

    @Test(.timeLimit(.minutes(3)))
    func theFastBranchWaitsForTheSlowOne() async throws {
        let limit = 3
        let branches = asyncNumbers(0..<200).tee(2, bufferLimit: limit)
        let lead = LeadCounter()
        let (fast, slow) = (branches[0], branches[1])
        let fastReader = Task {
            var count = 0
            while try await fast.next() != nil {
                lead.record(0)
                count += 1
            }
            return count
        }
        var slowCount = 0
        while try await slow.next() != nil {
            lead.record(1)
            slowCount += 1
            if slowCount % 7 == 0 { await Task.yield() }
        }
        #expect(try await fastReader.value == 200)
        #expect(slowCount == 200)
        // At most `limit` elements wait for the slow branch; the counters
        // also see the one each branch holds between reading and counting.
        #expect(lead.largestLead <= limit + 1)
    }

    @Test(.timeLimit(.minutes(3)))
    func aBranchThatGoesAwayHoldsNothingBack() async throws {
        var branches = asyncNumbers(0..<50).tee(2, bufferLimit: 1)
        let kept = branches.removeFirst()
        branches.removeAll()
        #expect(try await collect(kept) == Array(0..<50))
    }

    @Test func everyBranchGetsTheSourcesErrorOnce() async throws {
        let failing = AsyncGenerator<Int> { g in
            try await g.yield(1)
            throw TestError("source")
        }
        let branches = failing.tee(2, bufferLimit: 2)
        for branch in branches {
            #expect(try await branch.next() == 1)
            await #expect(throws: TestError("source")) { try await branch.next() }
            #expect(try await branch.next() == nil)
        }
    }

    @Test(.timeLimit(.minutes(3)))
    func cancellingAWaitingBranchLeavesTheOthersReading() async throws {
        var branches = asyncNumbers(0..<10).tee(2, bufferLimit: 1)
        let behind = branches.removeLast()
        do {
            let ahead = branches.removeLast()
            #expect(try await ahead.next() == 0)
            let waiting = Task {
                do {
                    _ = try await ahead.next()  // waits: `behind` has not read 0
                    return "read"
                } catch {
                    return "\(type(of: error))"
                }
            }
            waiting.cancel()
            #expect(await waiting.value == "CancellationError")
        }
        // `ahead` is gone, so it no longer holds `behind` back.
        #expect(try await collect(behind) == Array(0..<10))
    }

    @Test func zeroBranches() {
        #expect(asyncNumbers(0..<1).tee(0).isEmpty)
    }

    @Test func badCountsAreProgrammerErrors() async {
        await #expect(processExitsWith: .failure) { _ = asyncNumbers(0..<1).tee(-1) }
        await #expect(processExitsWith: .failure) { _ = asyncNumbers(0..<1).tee(2, bufferLimit: 0) }
    }
}

private func collect(_ branch: AsyncTeeBranch<Int>) async throws -> [Int] {
    var values: [Int] = []
    for try await value in branch { values.append(value) }
    return values
}
