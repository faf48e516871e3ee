import Generators

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The lines of a file, read in blocks of 64 KiB: Beazley's `gen_open`
/// and `for line in f` as a source that holds one block and one line at a
/// time, whatever the file's size.
///
/// ```swift
/// for line in try FileLines(path: "access.log") {
///     if line.contains(" 404 ") { print(line) }
/// }
/// ```
///
/// Lines end at `\n`; a `\r` before it is dropped too, so `\r\n` files read
/// the same. A last line without a newline is delivered; an empty file has
/// no lines. A line longer than the block is assembled across blocks.
/// Invalid UTF-8 is replaced with U+FFFD, and the lines where that happened
/// are counted in ``linesWithInvalidUTF8``.
///
/// The file is opened when the sequence is made (so a missing file is an
/// error at once, naming it) and closed when its iterator ends, is closed
/// (it is a `ClosableIterator`), or goes away.
///
/// - Complexity: O(*n*) for *n* bytes, one `read` call per 64 KiB and no
///   other system call.
public final class FileLines: Sequence {
    /// The path, as given (for messages).
    public let path: String
    private let descriptor: Int32
    private let ownsDescriptor: Bool
    private var handedOut = false
    /// How many lines held invalid UTF-8 (replaced with U+FFFD).
    public private(set) var linesWithInvalidUTF8 = 0
    /// Bytes delivered so far.
    public private(set) var bytesRead = 0

    /// The size of each read.
    public static let blockSize = 64 * 1024

    /// Opens `path` for reading.
    ///
    /// - Throws: ``PipelineError/cannotOpen(path:reason:)``.
    public init(path: String) throws {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw PipelineError.cannotOpen(path: path, reason: String(cString: strerror(errno)))
        }
        self.path = path
        self.descriptor = descriptor
        self.ownsDescriptor = true
    }

    private init(descriptor: Int32, path: String) {
        self.path = path
        self.descriptor = descriptor
        self.ownsDescriptor = false
    }

    /// The lines of standard input (named `-`; it is not closed at the end).
    public static func standardInput() -> FileLines {
        FileLines(descriptor: STDIN_FILENO, path: "-")
    }

    deinit {
        if ownsDescriptor, !handedOut { close(descriptor) }
    }

    /// The lines, once: a file is read once (iterating a second time gives
    /// nothing).
    public func makeIterator() -> Iterator {
        guard !handedOut else { return Iterator(source: self, descriptor: nil) }
        handedOut = true
        return Iterator(source: self, descriptor: descriptor)
    }

    /// Reads blocks and splits them into lines.
    public struct Iterator: IteratorProtocol, ClosableIterator {
        fileprivate let source: FileLines
        private let reader: Reader?

        fileprivate init(source: FileLines, descriptor: Int32?) {
            self.source = source
            self.reader = descriptor.map { Reader(descriptor: $0, closes: source.ownsDescriptor) }
        }

        /// The next line, without its line ending; `nil` at the end.
        ///
        /// - Important: A read error ends the lines early; check
        ///   ``FileLines/readError`` after the loop.
        public mutating func next() -> String? {
            reader?.nextLine(source)
        }

        /// Closes the file now.
        public mutating func close() throws {
            reader?.finish()
        }
    }

    /// The error that ended the lines early, if one did.
    public private(set) var readError: PipelineError?

    /// The buffer and the descriptor: a class, so that copies of an
    /// iterator share one position and the file closes once.
    private final class Reader {
        private var descriptor: Int32
        private let closes: Bool
        private var buffer: [UInt8]
        private var start = 0
        private var end = 0
        private var atEnd = false

        init(descriptor: Int32, closes: Bool) {
            self.descriptor = descriptor
            self.closes = closes
            self.buffer = [UInt8](repeating: 0, count: FileLines.blockSize)
        }

        deinit { finish() }

        func finish() {
            if closes, descriptor >= 0 { close(descriptor) }
            descriptor = -1
            atEnd = true
            start = 0
            end = 0
        }

        /// Fills the buffer after the unread bytes; false at the end.
        private func fill(_ source: FileLines) -> Bool {
            guard !atEnd, descriptor >= 0 else { return false }
            if start > 0 {
                // Move the unread part of a line to the front.
                let count = end - start
                if count > 0 {
                    buffer.withUnsafeMutableBytes { bytes in
                        _ = memmove(bytes.baseAddress!, bytes.baseAddress! + start, count)
                    }
                }
                start = 0
                end = count
            }
            if end == buffer.count {
                // A line longer than the buffer: make room for more of it.
                buffer.append(contentsOf: repeatElement(0, count: buffer.count))
            }
            while true {
                let count = buffer.withUnsafeMutableBytes { bytes in
                    read(descriptor, bytes.baseAddress! + end, bytes.count - end)
                }
                if count > 0 {
                    end += count
                    source.bytesRead += count
                    return true
                }
                if count < 0, errno == EINTR { continue }
                if count < 0 {
                    source.readError = .cannotRead(
                        path: source.path,
                        offset: source.bytesRead,
                        reason: String(cString: strerror(errno))
                    )
                }
                atEnd = true
                return false
            }
        }

        func nextLine(_ source: FileLines) -> String? {
            // Bytes after `start` already searched for a newline.
            var searched = 0
            while true {
                let newline = buffer.withUnsafeBytes { bytes -> Int? in
                    let from = start + searched
                    guard from < end, let found = memchr(bytes.baseAddress! + from, 0x0A, end - from) else {
                        return nil
                    }
                    return UnsafeRawPointer(found) - UnsafeRawPointer(bytes.baseAddress!)
                }
                if let newline {
                    let line = makeString(start, newline, source)
                    start = newline + 1
                    return line
                }
                searched = end - start
                if !fill(source) {
                    // The last line, if it has no newline.
                    guard start < end else {
                        finish()
                        return nil
                    }
                    let line = makeString(start, end, source)
                    start = end
                    return line
                }
            }
        }

        /// The line in `from..<to`, without a `\r` before its end.
        private func makeString(_ from: Int, _ to: Int, _ source: FileLines) -> String {
            var to = to
            if to > from, buffer[to - 1] == 0x0D { to -= 1 }
            return buffer.withUnsafeBufferPointer { bytes in
                let slice = UnsafeBufferPointer(rebasing: bytes[from..<to])
                if let string = String(validating: slice, as: UTF8.self) { return string }
                source.linesWithInvalidUTF8 += 1
                return String(decoding: slice, as: UTF8.self)
            }
        }
    }
}
