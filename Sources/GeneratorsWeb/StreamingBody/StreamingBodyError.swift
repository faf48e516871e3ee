/// Why a streamed body ended early, as ``StreamingBody/write(shutdown:disconnect:_:)`` throws it.
///
/// ```swift
/// do { _ = try await body.write { bytes in try await socket.send(bytes) } }
/// catch StreamingBodyError.sourceFailed(let error) { log("the generator failed: \(error)") }
/// ```
public enum StreamingBodyError: Error, CustomStringConvertible {
    /// The generator (or sequence) threw; the bytes it made before were written.
    case sourceFailed(any Error)
    /// A write made no progress for this long: the client stopped reading.
    case sendTimedOut(Duration)
    /// The server shut down while the body was being sent, and the format has no way to say
    /// so in-band (chunks, JSON Lines): the client should see an incomplete body.
    case shutDown

    public var description: String {
        switch self {
        case .sourceFailed(let error): "the stream's source failed: \(error)"
        case .sendTimedOut(let timeout): "the client read nothing for \(timeout)"
        case .shutDown: "the server shut down before the body was complete"
        }
    }
}
