import GeneratorPipelines

// The line sources alone, for the pipe.lines rows: each reads a whole file
// and counts its lines (Benchmarks/run times the process, as it times
// `wc -l` and CPython's loop on the same file).

/// Lines lent as `Span<UInt8>` by `ByteLines.forEachLine` (pipe.lines).
func countLinesLent(_ path: String) throws -> Int {
    var count = 0
    var bytes = 0
    try ByteLines(path: path).forEachLine { line in
        count += 1
        bytes &+= line.count
    }
    blackHole(bytes)
    return count
}

/// Lines yielded as copy-on-write `ArraySlice<UInt8>` by iterating
/// `ByteLines` (pipe.lines.slices).
func countLinesSliced(_ path: String) throws -> Int {
    var count = 0
    var bytes = 0
    let lines = try ByteLines(path: path)
    for line in lines {
        count += 1
        bytes &+= line.count
    }
    if let error = lines.readError { throw error }
    blackHole(bytes)
    return count
}

/// Lines as `String` from `FileLines` (pipe.lines.strings).
func countLinesAsStrings(_ path: String) throws -> Int {
    var count = 0
    var bytes = 0
    let lines = try FileLines(path: path)
    for line in lines {
        count += 1
        bytes &+= line.utf8.count
    }
    if let error = lines.readError { throw error }
    blackHole(bytes)
    return count
}
