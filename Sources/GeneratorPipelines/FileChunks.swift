/// A file in fixed-size chunks of bytes: for binary formats and for
/// hashing or copying a file of any size in constant memory.
///
/// ```swift
/// var checksum: UInt64 = 0
/// for chunk in try FileChunks(path: "backup.tar.gz", size: 1 << 20) {
///     for byte in chunk { checksum = checksum &* 31 &+ UInt64(byte) }
/// }
/// ```
///
/// Every chunk holds `size` bytes but the last, which holds the rest (a file
/// of 0 bytes has no chunk). A gzip file is decompressed on the way, as in
/// ``ByteLines``: the chunks are of its content. The file is opened when the
/// sequence is made and closed when the chunks end, when the iterator is
/// closed or goes away.
///
/// - Complexity: O(*n*) for *n* bytes; one chunk is held at a time.
public final class FileChunks: Sequence {
    private let input: _FileInput
    /// The size of every chunk but the last.
    public let size: Int
    private var handedOut = false

    /// The error that ended the chunks early, if one did.
    public private(set) var readError: PipelineError?

    /// Opens `path`.
    ///
    /// - Parameters:
    ///   - path: The file.
    ///   - size: The size of every chunk but the last (at least 1).
    /// - Throws: ``PipelineError/cannotOpen(path:reason:)``.
    public init(path: String, size: Int) throws(PipelineError) {
        precondition(size >= 1, "a chunk holds at least one byte")
        input = try _FileInput(path: path)
        self.size = size
    }

    /// The chunks, once.
    public func makeIterator() -> Iterator {
        defer { handedOut = true }
        return Iterator(source: self, input: handedOut ? nil : input)
    }

    /// Reads one chunk per `next()`.
    public struct Iterator: IteratorProtocol, ClosableIterator {
        private let source: FileChunks
        private var input: _FileInput?

        fileprivate init(source: FileChunks, input: _FileInput?) {
            self.source = source
            self.input = input
        }

        /// The next chunk; `nil` at the end (or at an error: see
        /// ``FileChunks/readError``).
        public mutating func next() -> [UInt8]? {
            guard let input else { return nil }
            var chunk = [UInt8](repeating: 0, count: source.size)
            var filled = 0
            while filled < chunk.count {
                let result = chunk.withUnsafeMutableBytes { bytes in
                    Result { () throws(PipelineError) in
                        try input.read(into: UnsafeMutableRawBufferPointer(rebasing: bytes[filled...]))
                    }
                }
                switch result {
                case .success(0):
                    return finish(chunk, filled)
                case .success(let count):
                    filled += count
                case .failure(let error):
                    source.readError = error
                    // The bytes before the error are delivered, as lines are.
                    return finish(chunk, filled)
                }
            }
            return chunk
        }

        private mutating func finish(_ chunk: [UInt8], _ filled: Int) -> [UInt8]? {
            input?.finish()
            input = nil
            return filled > 0 ? Array(chunk[..<filled]) : nil
        }

        /// Closes the file now.
        public mutating func close() throws {
            input?.finish()
            input = nil
        }
    }
}
