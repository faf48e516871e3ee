import Foundation
import Generators
import Testing
import _GeneratorsTestSupport

@Suite struct GeneratorRuntimeTests {
    @Test func theDefaultStackSizeIsReported() {
        #expect(GeneratorRuntime.defaultStackSize >= 256 * 1024)
        let g = Generator<Int> { g in try g.yield(1) }
        #expect(g.stackSize == GeneratorRuntime.defaultStackSize)
    }

    @Test func aLargerStackAllowsDeeperRecursion() {
        func depth(_ n: Int, _ g: Generator<Int>.Yielder) throws -> Int {
            var pad = (n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n)
            let value = withUnsafeMutableBytes(of: &pad) { Int($0[0]) }
            return n == 0 ? value : try depth(n - 1, g) + 1
        }
        let g = Generator<Int>(stackSize: 8 << 20) { g in
            try g.yield(try depth(3_000, g))
        }
        #expect(g.stackSize >= 8 << 20)
        #expect(g.next() == 3_000)
    }

    /// A thread keeps the stacks its generators gave back and reuses the
    /// last one for a request of the same size as the last: requests of
    /// other sizes, in any order, still get stacks of their own size.
    @Test func stacksOfDifferentSizesInTurnEachGetTheirSize() {
        func depth(_ n: Int) -> Int {
            var pad = (n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n)
            let value = withUnsafeMutableBytes(of: &pad) { Int($0[0]) }
            return n == 0 ? value : depth(n - 1) + 1
        }
        for round in 0..<20 {
            // Default, default, large, large, default...: every change of
            // size comes after a generator of the other size gave its stack back.
            let large = round % 4 >= 2
            let g = Generator<Int>(stackSize: large ? 8 << 20 : 0) { g in
                try g.yield(large ? depth(3_000) : 1)
            }
            #expect(g.next() == (large ? 3_000 : 1))
            #expect(g.next() == nil)
        }
    }

    @Test func trimmingThePoolKeepsGeneratorsWorking() {
        for _ in 0..<50 { _ = Array(Generator<Int> { g in try g.yield(1) }) }
        let trimmed = GeneratorRuntime.trimStackPool()
        #expect(trimmed >= 0)
        let g = Generator<Int> { g in for i in 0..<3 { try g.yield(i) } }
        #expect(Array(g) == [0, 1, 2])
        #expect(GeneratorRuntime.stackPoolStatistics.mappedStacks > 0)
    }

    @Test func theUnhandledErrorHandlerCanBeReplaced() {
        ErrorCollector.install()
        var g: ThrowingGenerator<Int>? = ThrowingGenerator<Int>(name: "runtime-handler") { g in
            do { try g.yield(1) } catch is GeneratorExit { throw TestError("cleanup") }
        }
        _ = try? g?.next()
        g = nil
        #expect(ErrorCollector.errors(named: "runtime-handler").map { "\($0)" } == ["TestError(cleanup)"])
    }
}

/// Where the handler's frame was at each report, in the exit test's child process only.
/// Safety: the child reports from its one thread.
nonisolated(unsafe) private var reportDepths: [UInt] = []

extension GeneratorRuntimeTests {
    /// Found by the differential fuzzer: every report went through a deeper pile of
    /// reabstraction thunks, until calling the handler overflowed a generator's stack after
    /// about 3,300 reports. In a child process (the handler is process-wide): 20,000 reports
    /// later, the handler runs at the depth it ran at first.
    @Test(
        .disabled(
            if: ["ASAN_OPTIONS", "TSAN_OPTIONS"].contains { ProcessInfo.processInfo.environment[$0] != nil },
            "the sanitizers keep locals on fake stacks, whose addresses say nothing of the depth"
        )
    )
    func reportingManyErrorsDoesNotDeepenTheHandlersCalls() async {
        await #expect(processExitsWith: .success) {
            GeneratorRuntime.unhandledErrorHandler = { _, _ in
                var marker = 0
                reportDepths.append(withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) })
            }
            for _ in 0..<20_000 {
                let g = ThrowingGenerator<Int> { g in
                    do { try g.yield(1) } catch is GeneratorExit { throw TestError("cleanup failed") }
                }
                _ = try? g.next()
                // Dropped while suspended: its cleanup's error goes to the handler.
            }
            guard reportDepths.count == 20_000, let first = reportDepths.first, reportDepths.last == first else {
                fatalError("the handler ran deeper after \(reportDepths.count) reports")
            }
        }
    }
}
