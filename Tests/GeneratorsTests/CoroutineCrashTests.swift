import Foundation
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

    /// The same at the default stack size, in a body with a `defer` (which cannot run: the
    /// stack it would run on is gone): the message names the default size and how to raise it.
    @Test func aStackOverflowInABodyWithADeferIsReportedWithTheDefaultSize() async throws {
        let result = await #expect(
            processExitsWith: .signal(SIGSEGV),
            observing: [\.standardErrorContent]
        ) {
            let g = Generator<Int> { g in
                defer { print("cleanup ran") }
                try g.yield(deepRecursion(1_000_000))
            }
            _ = g.next()
        }
        let text = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        reportExhaustion("stack overflow in a body with a defer", text)
        #expect(text.contains("stack overflow in a generator body"), "\(text)")
        #expect(text.contains("(the default is "), "\(text)")
        #expect(text.contains("larger `stackSize:`"), "\(text)")
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

extension CoroutineCrashTests {

    /// Running out of address space (the child lowers its RLIMIT_AS) while generators with 16 MiB
    /// stacks stay suspended: the message names the real stack size and the limit to raise.
    /// Not under the sanitizers, whose shadow memory an address-space limit breaks first.
    @Test(
        .disabled(
            if: ["ASAN_OPTIONS", "TSAN_OPTIONS"].contains { ProcessInfo.processInfo.environment[$0] != nil },
            "an address-space limit breaks the sanitizers' shadow memory"
        )
    )
    func runningOutOfAddressSpaceNamesTheStackSizeAndTheLimit() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            // The address space in use now, plus 40 MiB: room for two stacks of 16 MiB.
            let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
            let line = status.split(separator: "\n").first { $0.hasPrefix("VmSize:") } ?? ""
            let kilobytes = Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
            var limit = rlimit(rlim_cur: rlim_t((kilobytes + 40 * 1024) * 1024), rlim_max: rlim_t.max)
            _ = setrlimit(__rlimit_resource_t(RLIMIT_AS.rawValue), &limit)
            var suspended: [Generator<Int>] = []
            for _ in 0..<64 {
                let g = Generator<Int>(stackSize: 16 << 20) { g in try g.yield(1) }
                _ = g.next()
                suspended.append(g)
            }
        }
        let text = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        reportExhaustion("address-space limit (RLIMIT_AS)", text)
        // The stack as mapped: the 16 MiB asked for, rounded up to whole pages with the header.
        #expect(text.contains("could not map a generator stack of 1678"), "\(text)")
        #expect(text.contains(" KiB, plus a guard page): Cannot allocate memory."), "\(text)")
        #expect(text.contains("RLIMIT_AS, ulimit -v"), "\(text)")
    }

    /// Running out of kernel memory mappings (the child uses up vm.max_map_count with one-page
    /// mappings, then suspends default-size generators): the message names the real default
    /// stack size, not 0, and the setting to raise.
    @Test(
        .disabled(
            if: ["ASAN_OPTIONS", "TSAN_OPTIONS"].contains { ProcessInfo.processInfo.environment[$0] != nil },
            "the sanitizers map memory of their own"
        )
    )
    func runningOutOfMappingsNamesTheDefaultStackSizeAndVmMaxMapCount() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let limit =
                Int(
                    (try? String(contentsOfFile: "/proc/sys/vm/max_map_count", encoding: .utf8))?
                        .trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
                ) ?? 65530
            let mappings = ((try? String(contentsOfFile: "/proc/self/maps", encoding: .utf8)) ?? "")
                .split(separator: "\n").count
            // One-page mappings, every other one readable so that neighbours never merge, until
            // about 40 mappings are left: room for a few generators' stacks and guard pages.
            let page = Int(sysconf(Int32(_SC_PAGESIZE)))
            for index in 0..<max(0, limit - mappings - 40) {
                _ = mmap(nil, page, index % 2 == 0 ? PROT_READ : PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
            }
            var suspended: [Generator<Int>] = []
            for _ in 0..<10_000 {
                let g = Generator<Int> { g in try g.yield(1) }
                _ = g.next()
                suspended.append(g)
            }
        }
        let text = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        reportExhaustion("vm.max_map_count", text)
        // The default stack as mapped (`stackSize` rounds it as the pool does).
        let size = Generator<Int> { _ in }.stackSize
        #expect(text.contains("could not map a generator stack of \(size) bytes"), "\(text)")
        #expect(!text.contains("stack of 0 bytes"), "\(text)")
        #expect(text.contains("(vm.max_map_count)"), "\(text)")
        #expect(text.contains("sysctl -w vm.max_map_count="), "\(text)")
    }
}

/// Prints what a child process printed when it ran out, when `Scripts/reliability` asks for it.
func reportExhaustion(_ label: String, _ text: String) {
    guard ProcessInfo.processInfo.environment["GENERATORS_RELIABILITY"] != nil else { return }
    print(
        "exhaustion \(label): "
            + text.split(separator: "\n").filter { $0.contains("swift-generators:") }.joined(separator: " / ")
    )
}
