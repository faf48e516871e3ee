#if Hummingbird
    public import GeneratorsWeb
    public import NIOCore

    /// A `ByteBuffer` is a chunk of a streamed body: its readable bytes are sent.
    extension ByteBuffer: ResponseChunk {
        public func appendBytes(to bytes: inout [UInt8]) {
            bytes.append(contentsOf: readableBytesView)
        }
    }
#endif
