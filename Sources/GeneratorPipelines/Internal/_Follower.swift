#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The state of `followLines(path:startingAt:pollInterval:)`: the open
/// file, which file it is, where the reading is, and the unfinished line.
struct _Follower {
    let path: String
    private var descriptor: Int32 = -1
    private var identity: (device: UInt64, inode: UInt64)?
    private var position = 0
    private var pending: [UInt8] = []
    /// Where the first opening starts: `nil` for the start of the file.
    private var start: Position?
    private var reopened = false
    private var buffer = [UInt8](repeating: 0, count: 64 * 1024)

    /// A file and an offset in it.
    struct Position: Sendable {
        var device: UInt64
        var inode: UInt64
        var offset: Int

        /// The end of the file at `path` now; `nil` when there is none.
        init?(path: String) {
            var status = stat()
            guard stat(path, &status) == 0 else { return nil }
            device = UInt64(status.st_dev)
            inode = UInt64(status.st_ino)
            offset = Int(status.st_size)
        }
    }

    init(path: String, start: Position?) {
        self.path = path
        self.start = start
    }

    mutating func closeFile() {
        if descriptor >= 0 { close(descriptor) }
        descriptor = -1
    }

    /// The complete lines read now, or `nil` when there are none yet.
    mutating func readAvailable() -> AppendedLines? {
        if descriptor < 0, !openFile() { return nil }
        var lines: [String] = []
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }
            position += count
            split(buffer[..<count], into: &lines)
            if lines.count >= 4096 { break }  // a batch at a time
        }
        if lines.isEmpty { checkRotation(into: &lines) }
        guard !lines.isEmpty else { return nil }
        defer { reopened = false }
        return AppendedLines(lines: lines, startsNewFile: reopened)
    }

    /// Opens the path; at the first opening, goes to the starting position
    /// if the path still names that file.
    private mutating func openFile() -> Bool {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        var status = stat()
        fstat(descriptor, &status)
        self.descriptor = descriptor
        identity = (UInt64(status.st_dev), UInt64(status.st_ino))
        position = 0
        if let start, start.device == UInt64(status.st_dev), start.inode == UInt64(status.st_ino),
            start.offset <= Int(status.st_size)
        {
            position = Int(lseek(descriptor, off_t(start.offset), SEEK_SET))
        }
        start = nil
        return true
    }

    /// At the end of the file: a new file at the path (rotation) or a
    /// shorter one (truncation) starts over.
    private mutating func checkRotation(into lines: inout [String]) {
        var current = stat()
        guard stat(path, &current) == 0 else { return }  // renamed away, not yet created anew
        if let identity, identity.device != UInt64(current.st_dev) || identity.inode != UInt64(current.st_ino) {
            // Rotated: the old file is read to its end; its last line, if
            // it has no newline, ends here.
            if !pending.isEmpty { lines.append(Self.string(pending[...])) }
            pending = []
            closeFile()
            reopened = true
            if openFile() {
                while let more = readAvailable() { lines += more.lines }
                reopened = true
            }
            return
        }
        if Int(current.st_size) < position {
            // Truncated in place: from the start again.
            lseek(descriptor, 0, SEEK_SET)
            position = 0
            pending = []
            reopened = true
            if let more = readAvailable() { lines += more.lines }
            reopened = true
        }
    }

    private mutating func split(_ bytes: ArraySlice<UInt8>, into lines: inout [String]) {
        var start = bytes.startIndex
        while let newline = bytes[start...].firstIndex(of: 0x0A) {
            if pending.isEmpty {
                lines.append(Self.string(bytes[start..<newline]))
            } else {
                pending += bytes[start..<newline]
                lines.append(Self.string(pending[...]))
                pending = []
            }
            start = newline + 1
        }
        pending += bytes[start...]
    }

    private static func string(_ bytes: ArraySlice<UInt8>) -> String {
        var bytes = bytes
        if bytes.last == 0x0D { bytes.removeLast() }
        return String(decoding: bytes, as: UTF8.self)
    }
}
