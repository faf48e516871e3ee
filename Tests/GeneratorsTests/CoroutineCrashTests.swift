import Generators
import Testing
import _GeneratorsTestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// The documented traps, each in a child process (exit tests).
@Suite struct CoroutineCrashTests {
    @Test func nextOnARunningGeneratorTrapsSayingSo() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let box = Box<Generator<Int>>()
            let g = Generator<Int> { g in
                _ = box.value?.next()
                try g.yield(1)
            }
            box.value = g
            _ = g.next()
        }
        let text = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(text.contains("Generator.next() on a generator that is running"))
        #expect(!text.contains("ThrowingGenerator"))
    }

    @Test func yieldOutsideItsBodyTraps() async {
        await #expect(processExitsWith: .failure) {
            var escaped: Generator<Int>.Yielder?
            let g = Generator<Int> { g in
                escaped = g
                try g.yield(1)
            }
            _ = g.next()
            _ = try? escaped?.yield(2)
        }
    }

    @Test func aBodyThatThrowsTrapsInNonThrowingNext() async {
        await #expect(processExitsWith: .failure) {
            let g = Generator<Int> { g in
                try g.yield(1)
                throw TestError("not allowed in a Generator")
            }
            for _ in g {}
        }
    }

    @Test func aStackOverflowIsReportedWithTheStackSize() async throws {
        let result = await #expect(
            processExitsWith: .signal(SIGSEGV),
            observing: [\.standardErrorContent]
        ) {
            let g = Generator<Int>(stackSize: 64 * 1024) { g in
                try g.yield(deepRecursion(1_000_000))
            }
            _ = g.next()
        }
        let text = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(text.contains("stack overflow in a generator body"))
        #expect(text.contains("larger `stackSize:`"))
    }
}

/// Recursion that the optimizer must leave alone: each level keeps a frame.
@_optimize(none)
func deepRecursion(_ n: Int) -> Int {
    var pad = (n, n, n, n, n, n, n, n)
    return withUnsafeMutableBytes(of: &pad) { bytes in
        Int(bytes[0]) &+ (n == 0 ? 0 : deepRecursion(n - 1))
    }
}
