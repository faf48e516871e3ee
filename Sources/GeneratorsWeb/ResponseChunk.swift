/// A value that a streamed response body can carry: its bytes are sent as they are.
///
/// `String`, `Substring`, `[UInt8]`, `ArraySlice<UInt8>` and `ContiguousArray<UInt8>` conform; a
/// framework's own buffer type conforms in its adapter (`ByteBuffer` in `GeneratorsHummingbird`).
///
/// ```swift
/// var body: [UInt8] = []
/// "id,name\n".appendBytes(to: &body)
/// print(body.count)   // 8
/// ```
public protocol ResponseChunk {
    /// Appends the chunk's bytes to `bytes`.
    ///
    /// - Complexity: O(*n*) in the chunk's length.
    func appendBytes(to bytes: inout [UInt8])
}

extension String: ResponseChunk {
    public func appendBytes(to bytes: inout [UInt8]) { bytes.append(contentsOf: utf8) }
}

extension Substring: ResponseChunk {
    public func appendBytes(to bytes: inout [UInt8]) { bytes.append(contentsOf: utf8) }
}

extension Array: ResponseChunk where Element == UInt8 {
    public func appendBytes(to bytes: inout [UInt8]) { bytes.append(contentsOf: self) }
}

extension ArraySlice: ResponseChunk where Element == UInt8 {
    public func appendBytes(to bytes: inout [UInt8]) { bytes.append(contentsOf: self) }
}

extension ContiguousArray: ResponseChunk where Element == UInt8 {
    public func appendBytes(to bytes: inout [UInt8]) { bytes.append(contentsOf: self) }
}
