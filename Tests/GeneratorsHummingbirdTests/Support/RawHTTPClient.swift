#if Hummingbird
    import NIOCore
    import NIOPosix

    /// A raw HTTP/1.1 client over a real TCP connection: it sends the request bytes as
    /// written and decodes the response by hand, so the tests see the framing byte for byte
    /// (each chunk as the server sent it), can stop reading (a slow client) and can leave.
    enum RawHTTPClient {
        struct Failure: Error, CustomStringConvertible {
            var description: String
        }

        /// Connects to 127.0.0.1:`port`, sends `request`, and hands the response to `body`;
        /// the connection closes when `body` returns.
        static func withResponse<Result: Sendable>(
            port: Int,
            request: String,
            _ body: (inout ResponseReader) async throws -> Result
        ) async throws -> Result {
            let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connect(host: "127.0.0.1", port: port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                    }
                }
            return try await channel.executeThenClose { inbound, outbound in
                try await outbound.write(ByteBuffer(string: request))
                var reader = ResponseReader(iterator: inbound.makeAsyncIterator())
                return try await body(&reader)
            }
        }

        /// A GET (or other method) request with the given extra header lines.
        static func request(_ path: String, method: String = "GET", headers: [String] = []) -> String {
            ([method + " " + path + " HTTP/1.1", "Host: 127.0.0.1"] + headers).joined(separator: "\r\n") + "\r\n\r\n"
        }

        struct ResponseReader {
            var iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
            var pending: [UInt8] = []

            /// Reads more bytes from the socket; `false` at the end of the stream.
            private mutating func fill() async throws -> Bool {
                guard let buffer = try await iterator.next() else { return false }
                pending.append(contentsOf: buffer.readableBytesView)
                return true
            }

            private mutating func line() async throws -> String {
                while true {
                    if let end = pending.firstIndex(of: 0x0A), end > 0, pending[end - 1] == 0x0D {
                        let line = String(decoding: pending[..<(end - 1)], as: UTF8.self)
                        pending.removeFirst(end + 1)
                        return line
                    }
                    guard try await fill() else { throw Failure(description: "the connection ended mid-line") }
                }
            }

            /// The status code and the header fields (names lowercased).
            mutating func head() async throws -> (status: Int, headers: [String: String]) {
                let statusLine = try await line()
                let parts = statusLine.split(separator: " ")
                guard parts.count >= 2, let status = Int(parts[1]) else {
                    throw Failure(description: "bad status line \(statusLine.debugDescription)")
                }
                var headers: [String: String] = [:]
                while true {
                    let field = try await line()
                    if field.isEmpty { break }
                    guard let colon = field.firstIndex(of: ":") else { continue }
                    let name = field[..<colon].lowercased()
                    let value = field[field.index(after: colon)...].trimmingPrefix(" ")
                    headers[name] = headers[name].map { $0 + ", " + value } ?? String(value)
                }
                return (status, headers)
            }

            /// The next chunk of a chunked body, as the server framed it; `nil` after the last
            /// chunk. Throws when the connection ends before the last chunk.
            mutating func chunk() async throws -> [UInt8]? {
                let sizeLine = try await line()
                guard let size = Int(sizeLine.split(separator: ";")[0], radix: 16) else {
                    throw Failure(description: "bad chunk size \(sizeLine.debugDescription)")
                }
                while pending.count < size + 2 {
                    guard try await fill() else { throw Failure(description: "the connection ended mid-chunk") }
                }
                let chunk = Array(pending[..<size])
                pending.removeFirst(size + 2)
                if size == 0 { return nil }
                return chunk
            }

            /// The whole chunked body, chunk by chunk.
            mutating func chunks() async throws -> [[UInt8]] {
                var chunks: [[UInt8]] = []
                while let chunk = try await chunk() { chunks.append(chunk) }
                return chunks
            }

            /// Whatever follows, up to the end of the connection.
            mutating func rest() async throws -> [UInt8] {
                while try await fill() {}
                defer { pending = [] }
                return pending
            }
        }
    }
#endif
