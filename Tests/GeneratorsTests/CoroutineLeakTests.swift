import Foundation
import Generators
import Testing
import _GeneratorsTestSupport

/// Every way a generator can end releases everything its stack held.
/// `LifetimeTracked` counts live objects, each test in a pool of its own:
/// tests of other suites make them at the same time (one did, and a count
/// that all tests shared failed a CI run).
@Suite(.serialized) struct CoroutineLeakTests {
    /// This test's own count of live objects.
    let pool = LifetimeTracked.Pool()

    /// A body that holds tracked objects on its stack across its yields.
    func holding(_ count: Int) -> ThrowingGenerator<Int> {
        ThrowingGenerator { g in
            let held = (0..<count).map { LifetimeTracked($0, in: pool) }
            for object in held { try g.yield(object.value) }
        }
    }

    func expectNoLeak(_ body: () throws -> Void) rethrows {
        let before = pool.instances
        try body()
        #expect(pool.instances == before)
    }

    /// Under `--sanitize=address` (`.ci/run`) LeakSanitizer checks at exit,
    /// and a leak makes the process fail. An object that only a suspended
    /// generator's frames refer to is not a leak: the fiber's stack is a
    /// root region while it is suspended. (In other builds the child simply
    /// exits.)
    @Test func leakSanitizerSeesWhatASuspendedGeneratorHolds() async {
        await #expect(processExitsWith: .success) {
            final class Held {
                var next: Held?
            }
            let g = Generator<Int> { g in
                let held = Held()
                held.next = Held()
                try g.yield(1)
                withExtendedLifetime(held) {}
            }
            _ = g.next()
            withExtendedLifetime(g) { exit(0) }
        }
    }

    @Test func exhausted() throws {
        try expectNoLeak {
            let g = holding(3)
            while try g.next() != nil {}
        }
    }

    @Test func endedByAnError() throws {
        try expectNoLeak {
            let g = ThrowingGenerator<Int> { g in
                let held = LifetimeTracked(1, in: pool)
                try g.yield(held.value)
                throw TestError("x")
            }
            _ = try g.next()
            #expect(throws: TestError("x")) { try g.next() }
        }
    }

    @Test func closed() throws {
        try expectNoLeak {
            let g = holding(3)
            _ = try g.next()
            #expect(pool.instances >= 3)
            try g.close()
        }
    }

    @Test func droppedWhileSuspended() throws {
        try expectNoLeak {
            var g: ThrowingGenerator<Int>? = holding(3)
            _ = try g?.next()
            g = nil
        }
    }

    @Test func droppedBeforeTheStart() {
        expectNoLeak {
            let captured = LifetimeTracked(9, in: pool)
            var g: Generator<Int>? = Generator { g in try g.yield(captured.value) }
            _ = g
            g = nil
        }
    }

    @Test(arguments: [false, true])
    func droppedInsideYieldFrom(started: Bool) throws {
        try expectNoLeak {
            let inner = holding(2)
            if started { _ = try inner.next() }
            var outer: ThrowingGenerator<Int>? = ThrowingGenerator { g in
                let held = LifetimeTracked(0, in: pool)
                try g.yield(held.value)
                try g.yield(from: inner)
            }
            _ = try outer?.next()
            _ = try outer?.next()
            outer = nil
        }
    }

    @Test func yieldedObjectsAreNotKeptByTheGenerator() {
        expectNoLeak {
            let g = Generator<LifetimeTracked> { g in
                for i in 0..<3 { try g.yield(LifetimeTracked(i, in: pool)) }
            }
            while let object = g.next() {
                _ = object
            }
        }
    }

    @Test func stacksGoBackToThePool() {
        // Warm up, then creating and finishing generators maps no new stack.
        for _ in 0..<100 { _ = Array(Generator<Int> { g in try g.yield(1) }) }
        let before = GeneratorRuntime.stackPoolStatistics.mapCallsOnThisThread
        for _ in 0..<10_000 { _ = Array(Generator<Int> { g in try g.yield(1) }) }
        #expect(GeneratorRuntime.stackPoolStatistics.mapCallsOnThisThread == before)
    }
}

/// Many live generators at once: each suspended generator holds a stack with
/// a guard page, so this needs the kernel to allow about 200,000 memory
/// mappings (`vm.max_map_count`; `.ci/run` raises it).
@Suite struct ManyGeneratorsTests {
    static var mapLimit: Int {
        #if os(Linux)
            let text = (try? String(contentsOfFile: "/proc/sys/vm/max_map_count", encoding: .utf8)) ?? ""
            return Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        #else
            return Int.max
        #endif
    }

    @Test(.enabled(if: mapLimit >= 250_000, "needs vm.max_map_count >= 250000 (each suspended generator maps 2 areas)"))
    func oneHundredThousandGeneratorsAlive() {
        let count = 100_000
        var generators: [Generator<Int>] = []
        generators.reserveCapacity(count)
        for i in 0..<count {
            let g = Generator<Int> { g in
                try g.yield(i)
                try g.yield(i * 2)
            }
            #expect(g.next() == i)
            generators.append(g)
        }
        #expect(generators.allSatisfy { $0.state == .suspended })
        var sum = 0
        for g in generators { sum += g.next() ?? 0 }
        #expect(sum == count * (count - 1))
        generators.removeAll()
    }
}
