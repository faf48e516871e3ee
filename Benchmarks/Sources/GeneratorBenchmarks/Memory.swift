import Generators

//===----------------------------------------------------------------------===//
// `sync.rss_per_suspended`: the resident memory one suspended generator
// costs: its object, its body's closure context, and the pages of its stack
// that the body touched (the stack itself is 256 KiB of address space, but
// only touched pages are resident).
//
// Run in a process of its own (mode `rss`), so the heap and the stack pool
// start clean and the 100,000 stacks do not disturb the timed metrics.
//===----------------------------------------------------------------------===//
#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// The resident set size of this process in bytes, from /proc/self/statm
/// (its second field is the number of resident pages), or nil.
func residentBytes() -> Int? {
    let fd = open("/proc/self/statm", O_RDONLY)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var buffer = [UInt8](repeating: 0, count: 256)
    let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
    guard count > 0 else { return nil }
    let fields = buffer[..<count].split(separator: UInt8(ascii: " "))
    guard fields.count >= 2, let pages = Int(String(decoding: fields[1], as: UTF8.self)) else { return nil }
    return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
}

/// Creates `count` generators, starts each with one `next()` so that it is
/// suspended at its first `yield` holding a stack, keeps them all alive, and
/// returns the growth of the resident set divided by `count`.
///
/// The array that keeps them is allocated and filled (with nil) before the
/// first reading, so its own pages are not counted. Afterwards every
/// generator is resumed once more to check it still works.
@inline(never)
func residentBytesPerSuspendedGenerator(count: Int) -> Double {
    var generators = [Generator<Int>?](repeating: nil, count: count)
    GeneratorRuntime.trimStackPool()
    guard let before = residentBytes() else { fatalError("cannot read /proc/self/statm") }
    for i in 0..<count {
        let generator = Generator<Int> { g in
            try g.yield(i)
            try g.yield(i + 1)
        }
        let first = generator.next()
        if first != i { checksumFailure("sync.rss_per_suspended", n: i, got: first ?? -1, expected: i) }
        generators[i] = generator
    }
    guard let after = residentBytes() else { fatalError("cannot read /proc/self/statm") }

    // Each is still suspended and yields its second value.
    var sum = 0
    for generator in generators { sum &+= generator?.next() ?? 0 }
    if sum != triangular(count) &+ count {
        checksumFailure("sync.rss_per_suspended", n: count, got: sum, expected: triangular(count) &+ count)
    }
    blackHole(generators)
    return Double(after - before) / Double(count)
}

//===----------------------------------------------------------------------===//
// `async.peak_rss`: the peak resident memory of a fast producer feeding a
// slow consumer, through ours (runAhead 1024) or an unbounded AsyncStream.
// Each run is a process of its own (mode `peak-rss ours|stream N`), so the
// peak (VmHWM) is that of this one workload.
//===----------------------------------------------------------------------===//

/// The peak resident set size of this process in bytes (VmHWM in
/// /proc/self/status, in kB), or nil.
func peakResidentBytes() -> Int? {
    guard let status = readFile("/proc/self/status") else { return nil }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        let fields = line.split(separator: " ", omittingEmptySubsequences: true)
        guard fields.count >= 2, let kilobytes = Int(fields[1]) else { return nil }
        return kilobytes * 1024
    }
    return nil
}
