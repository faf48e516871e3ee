/// The lines of several files, one file after the other, as a generator:
/// Beazley's `gen_cat(gen_open(paths))`.
///
/// ```swift
/// let lines = concatenatedLines(of: try findFiles(under: "logs", matching: "access*"))
/// while let line = try lines.next() { print(line) }
/// ```
///
/// Each file is opened when the reading gets to it (``FileLines``: gzip by
/// its magic bytes) and closed after its last line; closing the generator
/// early closes the file it was reading. A file that cannot be opened or
/// read ends the lines with its ``PipelineError``, thrown from `next()`.
///
/// - Complexity: One file open at a time, one block and one line held.
public func concatenatedLines<Paths: Sequence<String>>(of paths: Paths) -> ThrowingGenerator<String> {
    ThrowingGenerator { generator in
        for path in paths {
            let lines = try FileLines(path: path)
            try generator.yield(from: lines)
            if let error = lines.readError { throw error }
        }
    }
}
