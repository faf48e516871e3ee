import Generators

/// The lines of a file as bytes, without a copy: the fastest line source,
/// for parsers that work on bytes.
///
/// ```swift
/// var count = 0
/// try ByteLines(path: "access.log").forEachLine { line in   // line: Span<UInt8>
///     if line.count > 0, line[0] == UInt8(ascii: "#") { return }
///     count += 1
/// }
/// print(count)   // 10000
/// ```
///
/// It reads the file in blocks of 64 KiB into one buffer and finds the line
/// breaks with `memchr`; a line is a part of that buffer. There are two ways
/// to receive one:
/// - ``forEachLine(_:)`` lends each line as a `Span<UInt8>`: valid only
///   during the call, free of any cost (no copy, no reference count).
/// - Iteration (`for line in lines`) yields each line as an
///   `ArraySlice<UInt8>` of the buffer: no copy, one reference count per
///   line. It stays valid for as long as you keep it: the buffer is
///   copy-on-write, so a kept line makes the next block read copy the block
///   first (64 KiB per kept block, never per line).
///
/// Like ``FileLines``: lines end at `\n`, a `\r` before it is dropped, a last
/// line without a newline is delivered, a line longer than the block is
/// assembled (up to ``maximumLineLength``), and a gzip file (known by its
/// first two bytes, not its name) is decompressed on the way. The file is
/// opened when the sequence is made and closed when the lines end, when the
/// iterator is closed (it is a `ClosableIterator`) or goes away.
///
/// - Complexity: O(*n*) for *n* bytes: one `read` per 64 KiB and no other
///   system call; memory is one block (and the longest line).
public final class ByteLines: Sequence {
    /// The path, as given (for messages); `-` for standard input.
    public var path: String { input.path }
    let input: _FileInput
    /// The longest line accepted, in bytes; a longer one ends the lines
    /// with ``PipelineError/lineTooLong(path:lineNumber:limit:)``.
    public let maximumLineLength: Int
    private var handedOut = false

    /// The size of each read: 64 KiB.
    public static let blockSize = _FileInput.blockSize

    /// The default ``maximumLineLength``: 64 MiB.
    public static let defaultMaximumLineLength = 64 << 20

    /// The error that ended the lines early, if one did: check it after an
    /// iteration (``forEachLine(_:)`` throws it instead).
    public internal(set) var readError: PipelineError?

    /// Opens `path` for reading.
    ///
    /// - Throws: ``PipelineError/cannotOpen(path:reason:)`` (a missing or
    ///   unreadable file, or a folder), naming it.
    public init(path: String, maximumLineLength: Int = ByteLines.defaultMaximumLineLength) throws(PipelineError) {
        input = try _FileInput(path: path)
        self.maximumLineLength = maximumLineLength
    }

    /// Opens `path` to read bytes `range` of it only, as plain bytes (a gzip
    /// file cannot be read from the middle): for parallel parts of one big
    /// file. A part that starts just after a `\n` and ends just after one
    /// holds whole lines.
    ///
    /// - Throws: ``PipelineError/cannotOpen(path:reason:)``.
    public init(
        path: String,
        range: Range<Int>,
        maximumLineLength: Int = ByteLines.defaultMaximumLineLength
    ) throws(PipelineError) {
        input = try _FileInput(path: path, range: range)
        self.maximumLineLength = maximumLineLength
    }

    init(input: _FileInput, maximumLineLength: Int = ByteLines.defaultMaximumLineLength) {
        self.input = input
        self.maximumLineLength = maximumLineLength
    }

    /// The lines of standard input (named `-`; it is not closed at the end).
    public static func standardInput() -> ByteLines {
        ByteLines(input: _FileInput(descriptor: 0, path: "-"))
    }

    /// Bytes read from the file so far (compressed bytes for a gzip file):
    /// with ``fileSize``, the progress of a run.
    public var bytesRead: Int { input.consumed }

    /// The file's size, when it is a regular file (not a pipe).
    public var fileSize: Int? { input.fileSize }

    /// Whether the file starts with gzip's magic bytes (read without
    /// consuming them; `false` for standard input, which is not looked at).
    public static func isGzip(path: String) -> Bool {
        guard let input = try? _FileInput(path: path) else { return false }
        return input.startsWithGzipMagic
    }

    /// Lends each line to `body`, without its line ending.
    ///
    /// - Parameter body: Called once per line; the `Span` is valid only
    ///   during the call. An error it throws stops the reading (the file is
    ///   closed) and is rethrown.
    /// - Throws: What `body` throws, or the ``PipelineError`` that ended the
    ///   reading (after the lines before it were lent).
    public func forEachLine(_ body: (_ line: Span<UInt8>) throws -> Void) throws {
        guard !handedOut else { return }
        handedOut = true
        var splitter = _LineSplitter(input: input, maximumLineLength: maximumLineLength)
        defer { splitter.finish() }
        try splitter.forEachLine(body)
        if let error = splitter.error {
            readError = error
            throw error
        }
    }

    /// The lines, once: a file is read once (iterating a second time gives
    /// nothing).
    public func makeIterator() -> Iterator {
        guard !handedOut else { return Iterator(source: self, splitter: nil) }
        handedOut = true
        return Iterator(source: self, splitter: _LineSplitter(input: input, maximumLineLength: maximumLineLength))
    }

    /// Reads blocks and splits them into lines.
    public struct Iterator: IteratorProtocol, ClosableIterator {
        private let source: ByteLines
        private var splitter: _LineSplitter?

        fileprivate init(source: ByteLines, splitter: _LineSplitter?) {
            self.source = source
            self.splitter = splitter
        }

        /// The number of the line `next()` returned last, from 1.
        public var lineNumber: Int { splitter?.lineNumber ?? 0 }

        /// The next line, without its line ending; `nil` at the end.
        ///
        /// - Important: A read error ends the lines early; check
        ///   ``ByteLines/readError`` after the loop.
        public mutating func next() -> ArraySlice<UInt8>? {
            guard let range = splitter?.nextLine() else {
                if let error = splitter?.error { source.readError = error }
                splitter = nil
                return nil
            }
            return splitter!.buffer[range]
        }

        /// Closes the file now.
        public mutating func close() throws {
            splitter?.finish()
            splitter = nil
        }
    }
}
