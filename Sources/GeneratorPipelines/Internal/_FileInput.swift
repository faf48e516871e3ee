import CZlib

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The bytes of one file: read in blocks from a descriptor, inflated on the
/// way when the file starts with gzip's magic bytes (`1f 8b`), whatever its
/// name. A class: the descriptor closes once, when it is finished or goes
/// away.
///
/// This is the package's one layer of raw memory for reading: the zlib
/// stream and its input block are allocated here and freed in `finish()`.
final class _FileInput {
    /// The path, as given (for messages).
    let path: String
    private var descriptor: Int32
    private let closes: Bool
    /// Bytes read from the file so far (compressed bytes for gzip).
    private(set) var consumed = 0
    /// Where `pread` reads next, and where it stops, for a byte range of a
    /// file; `nil` for plain `read`.
    private var position: Int?
    private var stop = Int.max

    private enum Mode {
        /// Nothing read yet: the first block decides.
        case unknown
        case plain
        /// `stream` holds the zlib state; `memberEnded` after a gzip
        /// member's end (another may follow: `cat a.gz b.gz` is one gzip
        /// file).
        case gzip(memberEnded: Bool)
    }
    private var mode = Mode.unknown
    /// The first block, when it is served as plain bytes.
    private var sniffed: [UInt8] = []
    private var sniffedStart = 0
    private var stream: UnsafeMutablePointer<z_stream>?
    private var compressed = UnsafeMutableRawBufferPointer(start: nil, count: 0)
    private var rawEnded = false

    /// The size of each read.
    static let blockSize = 64 * 1024

    /// Opens `path`.
    init(path: String) throws(PipelineError) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .cannotOpen(path: path, reason: Self.systemMessage()) }
        var status = stat()
        if fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR {
            close(descriptor)
            throw .cannotOpen(path: path, reason: "Is a directory")
        }
        self.path = path
        self.descriptor = descriptor
        self.closes = true
        _ = fileSize
    }

    /// Reads a descriptor it does not own (standard input).
    init(descriptor: Int32, path: String) {
        self.path = path
        self.descriptor = descriptor
        self.closes = false
    }

    /// Reads bytes `range` of `path` only, as plain bytes (for parallel
    /// chunks of one file; gzip cannot be split).
    convenience init(path: String, range: Range<Int>) throws(PipelineError) {
        try self.init(path: path)
        position = range.lowerBound
        stop = range.upperBound
        mode = .plain
    }

    deinit { finish() }

    /// Closes the file and frees the buffers; reads return 0 after it.
    func finish() {
        if closes, descriptor >= 0 { close(descriptor) }
        descriptor = -1
        rawEnded = true
        if let stream {
            inflateEnd(stream)
            stream.deallocate()
            self.stream = nil
        }
        compressed.deallocate()
        compressed = UnsafeMutableRawBufferPointer(start: nil, count: 0)
        sniffed = []
    }

    /// The size of the file when it was opened, if it is a regular file.
    private(set) lazy var fileSize: Int? = {
        var status = stat()
        guard descriptor >= 0, fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else {
            return nil
        }
        return Int(status.st_size)
    }()

    /// Whether the file's first two bytes are gzip's (with `pread`: the
    /// position does not move).
    var startsWithGzipMagic: Bool {
        var magic: (UInt8, UInt8) = (0, 0)
        let count = withUnsafeMutableBytes(of: &magic) { pread(descriptor, $0.baseAddress!, 2, 0) }
        return count == 2 && magic.0 == 0x1F && magic.1 == 0x8B
    }

    /// Reads up to `buffer.count` bytes of content into `buffer`; 0 at the
    /// end.
    ///
    /// - Throws: ``PipelineError/cannotRead(path:offset:reason:)``,
    ///   ``PipelineError/truncatedGzip(path:offset:)`` or
    ///   ``PipelineError/invalidGzip(path:offset:reason:)``.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(PipelineError) -> Int {
        switch mode {
        case .plain:
            if sniffedStart < sniffed.count {
                let count = min(buffer.count, sniffed.count - sniffedStart)
                sniffed.withUnsafeBytes { bytes in
                    buffer.baseAddress!.copyMemory(from: bytes.baseAddress! + sniffedStart, byteCount: count)
                }
                sniffedStart += count
                if sniffedStart == sniffed.count { sniffed = [] }
                return count
            }
            return try readRaw(into: buffer)
        case .gzip(let memberEnded):
            return try inflate(into: buffer, memberEnded: memberEnded)
        case .unknown:
            var first = [UInt8](repeating: 0, count: Self.blockSize)
            var count = 0
            // Two bytes decide; a short read (a pipe) may give fewer.
            while count < 2 {
                let got = try first.withUnsafeMutableBytes { bytes in
                    Result { () throws(PipelineError) in
                        try readRaw(into: UnsafeMutableRawBufferPointer(rebasing: bytes[count...]))
                    }
                }.get()
                if got == 0 { break }
                count += got
            }
            first.removeSubrange(count...)
            if count >= 2, first[0] == 0x1F, first[1] == 0x8B {
                try startGzip(with: first)
                return try inflate(into: buffer, memberEnded: false)
            }
            mode = .plain
            sniffed = first
            sniffedStart = 0
            return try read(into: buffer)
        }
    }

    /// One `read` (or `pread` in a range), retried on `EINTR`.
    private func readRaw(into buffer: UnsafeMutableRawBufferPointer) throws(PipelineError) -> Int {
        guard !rawEnded, descriptor >= 0, buffer.count > 0 else { return 0 }
        while true {
            let count: Int
            if let position {
                let wanted = min(buffer.count, stop - position)
                guard wanted > 0 else {
                    rawEnded = true
                    return 0
                }
                count = pread(descriptor, buffer.baseAddress!, wanted, off_t(position))
                if count > 0 { self.position = position + count }
            } else {
                count = readDescriptor(descriptor, buffer.baseAddress!, buffer.count)
            }
            if count > 0 {
                consumed += count
                return count
            }
            if count == 0 {
                rawEnded = true
                return 0
            }
            if errno == EINTR { continue }
            rawEnded = true
            throw .cannotRead(path: path, offset: consumed, reason: Self.systemMessage())
        }
    }

    private func startGzip(with first: [UInt8]) throws(PipelineError) {
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        // 15 + 16: a gzip header and trailer, the largest window.
        guard inflateInit2_(stream, 15 + 16, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            stream.deallocate()
            throw .invalidGzip(path: path, offset: 0, reason: "zlib could not start")
        }
        self.stream = stream
        compressed = .allocate(byteCount: Self.blockSize, alignment: 16)
        first.withUnsafeBytes { bytes in
            compressed.baseAddress!.copyMemory(from: bytes.baseAddress!, byteCount: bytes.count)
        }
        stream.pointee.next_in = compressed.baseAddress!.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_in = uInt(first.count)
        mode = .gzip(memberEnded: false)
    }

    private func inflate(into buffer: UnsafeMutableRawBufferPointer, memberEnded: Bool) throws(PipelineError) -> Int {
        guard let stream else { return 0 }
        var memberEnded = memberEnded
        while true {
            if stream.pointee.avail_in == 0, !rawEnded {
                let count = try readRaw(into: compressed)
                stream.pointee.next_in = compressed.baseAddress!.assumingMemoryBound(to: Bytef.self)
                stream.pointee.avail_in = uInt(count)
            }
            if stream.pointee.avail_in == 0 {
                // No more input: the end, unless a member is cut short.
                guard memberEnded else { throw .truncatedGzip(path: path, offset: consumed) }
                return 0
            }
            if memberEnded {
                // Another member follows.
                inflateReset(stream)
                memberEnded = false
                mode = .gzip(memberEnded: false)
            }
            stream.pointee.next_out = buffer.baseAddress!.assumingMemoryBound(to: Bytef.self)
            stream.pointee.avail_out = uInt(buffer.count)
            let status = CZlib.inflate(stream, Z_NO_FLUSH)
            let produced = buffer.count - Int(stream.pointee.avail_out)
            switch status {
            case Z_STREAM_END:
                memberEnded = true
                mode = .gzip(memberEnded: true)
                if produced > 0 { return produced }
            case Z_OK, Z_BUF_ERROR:
                if produced > 0 { return produced }
            default:
                let reason = stream.pointee.msg.map { String(cString: $0) } ?? "zlib error \(status)"
                let offset = consumed - Int(stream.pointee.avail_in)
                rawEnded = true
                throw .invalidGzip(path: path, offset: offset, reason: reason)
            }
        }
    }

    static func systemMessage() -> String {
        String(cString: strerror(errno))
    }
}

/// `read(2)` (a free function: inside `_FileInput`, `read` names its method).
private func readDescriptor(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}
