/// The lines of a file as an async generator, read ahead on the producer's
/// side into a bounded buffer: `for try await line in ...` in a server or
/// any async code.
///
/// ```swift
/// for try await line in try asyncLines(path: "access.log") {
///     if line.contains(" 500 ") { await alert(line) }
/// }
/// ```
///
/// The file is read as ``FileLines`` reads it (64 KiB blocks, gzip by its
/// magic bytes, invalid UTF-8 replaced) by the generator's producer, which
/// runs up to `runAhead` lines ahead of the consumer and then waits: memory
/// stays bounded however slow the consumer is. A read error ends the lines
/// by throwing it from `next()`, after the lines before it.
///
/// - Parameters:
///   - path: The file.
///   - runAhead: The most lines read ahead of the consumer (at least 1).
/// - Throws: ``PipelineError/cannotOpen(path:reason:)`` at once, when the
///   file cannot be opened.
public func asyncLines(path: String, runAhead: Int = 1024) throws(PipelineError) -> AsyncGenerator<String> {
    // Opened here for the error; the producer opens it again for itself
    // (a FileLines belongs to one task).
    _ = try _FileInput(path: path)
    return AsyncGenerator(runAhead: max(runAhead, 1)) { generator in
        let lines = try FileLines(path: path)
        for line in lines {
            try await generator.yield(line)
        }
        if let error = lines.readError { throw error }
    }
}
