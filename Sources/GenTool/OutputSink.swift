import ArgumentParser
import CZlib
import Foundation

/// Where `gen make-log` writes: a descriptor, through gzip or not.
final class OutputSink {
    private let descriptor: Int32
    /// The deflate state; its address must not change (zlib keeps it).
    private let stream: UnsafeMutablePointer<z_stream>?
    private var compressed = [UInt8](repeating: 0, count: 1 << 16)

    init(descriptor: Int32, gzip: Bool) throws {
        self.descriptor = descriptor
        guard gzip else {
            stream = nil
            return
        }
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        // 15 + 16: a gzip header and trailer; level 6, zlib's default.
        guard
            deflateInit2_(
                stream,
                6,
                Z_DEFLATED,
                15 + 16,
                8,
                Z_DEFAULT_STRATEGY,
                zlibVersion(),
                Int32(MemoryLayout<z_stream>.size)
            )
                == Z_OK
        else {
            stream.deallocate()
            throw ExitCode(2)
        }
        self.stream = stream
    }

    deinit {
        if let stream {
            deflateEnd(stream)
            stream.deallocate()
        }
    }

    func write(_ bytes: [UInt8]) throws {
        guard let stream else { return try writeAll(bytes[...]) }
        try bytes.withUnsafeBufferPointer { input in
            stream.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
            stream.pointee.avail_in = uInt(input.count)
            try deflateAvailable(flush: Z_NO_FLUSH)
        }
    }

    func finish() throws {
        guard stream != nil else { return }
        try deflateAvailable(flush: Z_FINISH)
    }

    private func deflateAvailable(flush: Int32) throws {
        guard let stream else { return }
        while true {
            let produced = compressed.withUnsafeMutableBufferPointer { output -> Int in
                stream.pointee.next_out = output.baseAddress
                stream.pointee.avail_out = uInt(output.count)
                deflate(stream, flush)
                return output.count - Int(stream.pointee.avail_out)
            }
            try writeAll(compressed[..<produced])
            if flush == Z_FINISH ? produced == 0 : stream.pointee.avail_in == 0 && produced < compressed.count {
                return
            }
        }
    }

    private func writeAll(_ bytes: ArraySlice<UInt8>) throws {
        var done = 0
        try bytes.withUnsafeBytes { raw in
            while done < raw.count {
                let count = Foundation.write(descriptor, raw.baseAddress! + done, raw.count - done)
                if count < 0, errno == EINTR { continue }
                guard count > 0 else {
                    printError("gen make-log: cannot write: \(String(cString: strerror(errno)))")
                    throw ExitCode(2)
                }
                done += count
            }
        }
    }
}
