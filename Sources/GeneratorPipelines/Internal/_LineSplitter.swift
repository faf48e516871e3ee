#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Splits a file's bytes into lines in one buffer of 64 KiB (more only for
/// a longer line, and back to 64 KiB after it): `memchr` finds each `\n`,
/// one `read` fills the buffer, a line is a range of the buffer.
///
/// A value type, so that a loop that keeps it in a local variable pays no
/// exclusivity check per line; the file itself is a shared `_FileInput`.
struct _LineSplitter {
    let input: _FileInput
    /// The bytes; a line is `buffer[range]` until the next call.
    private(set) var buffer: [UInt8]
    private var start = 0
    private var end = 0
    private var atEnd = false
    /// Lines delivered so far (the last one's number, counting from 1).
    private(set) var lineNumber = 0
    /// The error that ended the lines, if one did.
    private(set) var error: PipelineError?
    let maximumLineLength: Int

    init(input: _FileInput, maximumLineLength: Int) {
        self.input = input
        self.maximumLineLength = Swift.max(maximumLineLength, 1)
        buffer = [UInt8](repeating: 0, count: _FileInput.blockSize)
    }

    /// The next line's bytes in ``buffer``, without its `\n` or `\r\n`;
    /// `nil` at the end or at an error (then ``error`` says which).
    mutating func nextLine() -> Range<Int>? {
        // Bytes from `start` up to `start + searched` hold no newline.
        var searched = 0
        while true {
            let from = start + searched
            if from < end {
                let found = buffer.withUnsafeBytes { bytes -> Int in
                    guard let hit = memchr(bytes.baseAddress! + from, 0x0A, end - from) else { return -1 }
                    return UnsafeRawPointer(hit) - UnsafeRawPointer(bytes.baseAddress!)
                }
                if found >= 0 {
                    let lineStart = start
                    start = found + 1
                    lineNumber += 1
                    return buffer.withUnsafeBufferPointer { Self.line($0, from: lineStart, to: found) }
                }
            }
            searched = end - start
            if !fill() {
                // A last line without a newline; not after an error (a cut
                // line is not a line).
                guard start < end, error == nil else {
                    start = end
                    return nil
                }
                let lineStart = start
                start = end
                lineNumber += 1
                return buffer.withUnsafeBufferPointer { Self.line($0, from: lineStart, to: end) }
            }
        }
    }

    /// Lends every remaining line to `body`: the fast path of
    /// `ByteLines.forEachLine`, which scans each block in one pass (one
    /// `memchr` per line, no per-line buffer access through the array).
    mutating func forEachLine(_ body: (Span<UInt8>) throws -> Void) rethrows {
        while true {
            // The complete lines in the buffer, in one pass.
            let consumed = try buffer.withUnsafeBufferPointer { all -> Int in
                let base = all.baseAddress!
                var from = start
                var lines = 0
                while from < end, let hit = memchr(base + from, 0x0A, end - from) {
                    let newline = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - base
                    lines += 1
                    try body(all.span.extracting(Self.line(all, from: from, to: newline)))
                    from = newline + 1
                }
                lineNumber += lines
                return from
            }
            start = consumed
            // A line that goes on past the buffer, or the end.
            guard let range = nextLine() else { return }
            try buffer.withUnsafeBufferPointer { try body($0.span.extracting(range)) }
        }
    }

    /// The line in `from..<to` (`to` is its `\n` or the end), without a
    /// `\r` before its end.
    @inline(__always)
    private static func line(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Range<Int> {
        to > from && bytes[to - 1] == 0x0D ? from..<to - 1 : from..<to
    }

    /// Reads more after the unread bytes; false at the end or an error.
    private mutating func fill() -> Bool {
        guard !atEnd else { return false }
        let unread = end - start
        if buffer.count > _FileInput.blockSize, unread < _FileInput.blockSize / 2 {
            // Back to one block after a long line.
            var fresh = [UInt8](repeating: 0, count: _FileInput.blockSize)
            fresh.withUnsafeMutableBytes { to in
                buffer.withUnsafeBytes { from in
                    to.baseAddress!.copyMemory(from: from.baseAddress! + start, byteCount: unread)
                }
            }
            buffer = fresh
        } else if start > 0, unread > 0 {
            buffer.withUnsafeMutableBytes { bytes in
                _ = memmove(bytes.baseAddress!, bytes.baseAddress! + start, unread)
            }
        }
        start = 0
        end = unread
        if end == buffer.count {
            // A line longer than the buffer: make room for more of it.
            guard buffer.count < maximumLineLength else {
                error = .lineTooLong(path: input.path, lineNumber: lineNumber + 1, limit: maximumLineLength)
                atEnd = true
                input.finish()
                return false
            }
            buffer.append(
                contentsOf: repeatElement(0, count: Swift.min(buffer.count, maximumLineLength - buffer.count))
            )
        }
        let result = buffer.withUnsafeMutableBytes { bytes in
            Result { () throws(PipelineError) in
                try input.read(into: UnsafeMutableRawBufferPointer(rebasing: bytes[end...]))
            }
        }
        let count: Int
        switch result {
        case .success(let read): count = read
        case .failure(let failure):
            error = failure
            atEnd = true
            input.finish()
            return false
        }
        guard count > 0 else {
            atEnd = true
            input.finish()
            return false
        }
        end += count
        return true
    }

    /// Stops: closes the file.
    mutating func finish() {
        atEnd = true
        start = end
        input.finish()
    }
}
