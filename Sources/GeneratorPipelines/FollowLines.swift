import Generators

/// The lines appended to a file, as an async generator: `tail -F`.
///
/// ```swift
/// for try await batch in followLines(path: "/var/log/nginx/access.log") {
///     for line in batch.lines { print(line) }   // each line as it is written
/// }
/// ```
///
/// It reads what the file holds from `offset` (by default its end when this
/// function is called; 0 for the whole file; a file that does not exist yet
/// is read from its start when it appears), then looks every `pollInterval` for more, and yields each
/// read's complete lines as one ``AppendedLines`` batch; a line still being
/// written waits for its `\n`. Like `tail -F` it survives log rotation: when
/// the path names another file (renamed away and created anew) it finishes
/// the old file and goes on from the start of the new one; when the file
/// shrinks (truncated in place) it starts again from its start. Either way
/// the batch says ``AppendedLines/startsNewFile``. A path that does not
/// exist yet is waited for.
///
/// It never ends by itself: stop it with `break`, `close()`, or by
/// cancelling its task; the file is closed then (a `defer` in its body).
///
/// - Parameters:
///   - path: The file to follow.
///   - offset: Where to start in the file as it is now: 0 delivers the lines
///     already there first; `nil` (the default) only what is appended, as
///     `tail -F -n 0`. A program that has just read the file to its end
///     passes the bytes it read, so that nothing appended since is missed.
///   - pollInterval: How long to wait at the end of the file before looking
///     again.
/// - Complexity: One `read` per 64 KiB and one `stat` per poll; memory is
///   one block and the line being written.
public func followLines(
    path: String,
    startingAt offset: Int? = nil,
    pollInterval: Duration = .milliseconds(250)
) -> AsyncGenerator<AppendedLines> {
    // The file and the place, now, when the call is made (the body runs
    // only at the first `next()`).
    var now = _Follower.Position(path: path)
    if let offset { now?.offset = max(0, offset) }
    let start = now
    return AsyncGenerator { generator in
        var follower = _Follower(path: path, start: start)
        defer { follower.closeFile() }
        while true {
            if let batch = follower.readAvailable() {
                try await generator.yield(batch)
                continue
            }
            try await Task.sleep(for: pollInterval)
        }
    }
}
