import ArgumentParser
import Foundation
import GeneratorPipelines

/// `gen logs`: the summary of web-server access logs.
struct Logs: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Summarize web-server access logs (Common or Combined Log Format).",
        discussion: """
            Reads each file line by line, in constant memory, and prints the requests, the bytes \
            sent, the statuses, the requests per hour, and the busiest paths, hosts and referrers. \
            Lines that are not log records are counted and the first few are shown with their file \
            and line number. Without files, it reads a small sample log that ships with the tool.

            A file named - is standard input; a folder means the files under it; a pattern such as \
            'logs/*.log' is expanded when the shell did not. Gzip files are read as they are (known \
            by their first bytes, whatever their name).

            While it reads, a progress bar shows on standard error when that is a terminal. Ctrl-C \
            stops the reading and prints the summary of what was read, marked partial.

            With --follow, after reading the file it waits for appended lines (following the file \
            through rotation and truncation, as tail -F does) and prints the summary again every \
            --interval seconds when it has changed (with --json, one document per line); Ctrl-C \
            prints the last one and ends.

            Exit status: 0; 1 when --strict finds a line that is not a record; 2 for a usage error \
            or a file that cannot be read; 130 after Ctrl-C. The summary of what was read is \
            printed in every case.

            Examples:
              gen logs                                 the built-in sample
              gen logs /var/log/nginx/access.log       one file
              gen logs /var/log/nginx                  the files under a folder
              gen logs --top 5 --json a.log b.log.gz   JSON, for machines
              gen logs --jobs 2 big.log                two parts of one file at once
              zcat old.log.gz | gen logs -             standard input
              gen logs --partial --name access.log - < part1   one part, for gen merge
              gen logs --follow --interval 10 access.log
                                                       the summary again every 10 s as lines arrive
            """
    )

    @Argument(help: "Log files, folders or patterns (standard input for -). None: the built-in sample.")
    var files: [String] = []

    @Option(help: "How many of the busiest paths, hosts and referrers to show.")
    var top = 10

    @Flag(help: "Print the summary as JSON.")
    var json = false

    @Flag(help: "Stop at the first line that is not a record (exit status 1).")
    var strict = false

    @Option(help: "Read a big plain file in this many parts at once (not gzip, standard input or --strict).")
    var jobs = 1

    @Flag(help: "Print a partial summary for `gen merge` (one JSON line with every exact count).")
    var partial = false

    @Option(
        help: """
            With --partial: keep only the K most counted paths, hosts and referrers (a bounded partial for huge \
            key sets; gen merge then reports each top count with its error bound).
            """
    )
    var maxKeys: Int?

    @Option(help: "The name malformed lines of standard input are reported under (instead of -).")
    var name: String?

    @Flag(help: "Draw no progress bar, even on a terminal.")
    var noProgress = false

    @Flag(help: "After reading the file, follow it (tail -F) and reprint the summary; Ctrl-C ends.")
    var follow = false

    @Option(help: "Seconds between summaries with --follow (printed only when something changed).")
    var interval = 5.0

    func validate() throws {
        guard top >= 0 else { throw ValidationError("--top needs a count of at least 0") }
        guard (1...256).contains(jobs) else { throw ValidationError("--jobs needs a count from 1 to 256") }
        if partial, follow { throw ValidationError("--partial and --follow do not go together") }
        if let maxKeys {
            guard partial else { throw ValidationError("--max-keys goes with --partial") }
            guard maxKeys >= 1 else { throw ValidationError("--max-keys needs a count of at least 1") }
        }
        if follow {
            guard files.count == 1, files[0] != "-" else { throw ValidationError("--follow needs exactly one file") }
            guard interval > 0 else { throw ValidationError("--interval needs a positive number of seconds") }
        }
    }

    func run() async throws {
        var summary = AccessLogSummary()
        var stop: Stop?
        var bytesRead = 0
        let sources: [String]
        if files.isEmpty {
            sources = ["(built-in sample)"]
            summary.beginFile("(built-in sample)")
            for line in sampleAccessLog.split(separator: "\n", omittingEmptySubsequences: false) {
                summary.add(line: String(line))
            }
        } else {
            sources = files
            Interruption.install()
            do {
                let paths = try expand(files)
                let sizes = paths.map {
                    $0 == "-" ? nil : (try? FileManager.default.attributesOfItem(atPath: $0))?[.size] as? Int
                }
                let total = sizes.contains(where: { $0 == nil }) ? nil : sizes.reduce(0) { $0 + ($1 ?? 0) }
                let progress = Progress(total: total, enabled: !noProgress && Progress.standardErrorIsTerminal)
                for path in paths {
                    let outcome = try await summarize(path, progress: progress)
                    summary.merge(outcome.summary)
                    bytesRead = outcome.bytesRead
                    if let failure = outcome.stop {
                        stop = failure
                        break
                    }
                }
                progress.finish()
            } catch {
                stop = .failed(error)
            }
        }
        if partial {
            // One line for gen merge; a stopped run still prints what it read.
            let source = files.count == 1 ? (files[0] == "-" ? name ?? "-" : files[0]) : nil
            let sketches = maxKeys.map { KeySketches(of: summary, capacity: $0) }
            print(PartialDocument(source: source, stopped: stop != nil, summary: summary, sketches: sketches).line())
        } else {
            let report = LogReport(summary: summary, top: top, sources: sources, partial: stop != nil)
            print(json ? try report.json() : report.text())
        }
        switch stop {
        case nil:
            if follow { try await followAndReport(files[0], summary: summary, from: bytesRead) }
            return
        case .interrupted:
            printError("gen logs: interrupted: the summary covers what was read")
            throw ExitCode(130)
        case .failed(let error):
            printError("gen logs: \(error)")
            if case .malformedRecord = error { throw ExitCode(1) }
            throw ExitCode(2)
        }
    }

    /// Why a file's reading stopped early.
    enum Stop: Error {
        case failed(PipelineError)
        case interrupted
    }

    /// One file's (or part's) summary, and why it stopped if it did.
    struct Outcome: Sendable {
        var summary = AccessLogSummary()
        var stop: Stop?
        /// Bytes of the file read (compressed bytes for gzip).
        var bytesRead = 0
    }

    /// Follows `path` from `offset` (where the first reading ended) and
    /// prints the summary every `interval` seconds when it changed, until
    /// Ctrl-C.
    private func followAndReport(_ path: String, summary: AccessLogSummary, from offset: Int) async throws {
        guard !ByteLines.isGzip(path: path) else {
            printError("gen logs: --follow reads plain files only; \(path) is gzip")
            throw ExitCode(2)
        }
        let box = FollowedSummary(summary, path: path)
        let (top, json, interval) = (top, json, interval)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                for try await batch in followLines(path: path, startingAt: offset) { await box.add(batch) }
            }
            group.addTask {
                var last = ContinuousClock.now
                while !Interruption.isRequested {
                    try await Task.sleep(for: .milliseconds(100))
                    guard ContinuousClock.now - last >= .seconds(interval) else { continue }
                    last = ContinuousClock.now
                    if let changed = await box.takeIfChanged() {
                        let report = LogReport(summary: changed, top: top, sources: [path], partial: false)
                        print(json ? try report.json() : "\n--- following \(path) (Ctrl-C ends)\n" + report.text())
                        fflush(nil)  // a pipe gets each summary as it is made
                    }
                }
            }
            // The reporter ends at Ctrl-C; then the follower is cancelled.
            try await group.next()
            group.cancelAll()
        }
        if let last = await box.takeIfChanged() {
            let report = LogReport(summary: last, top: top, sources: [path], partial: false)
            print(json ? try report.json() : "\n" + report.text())
        }
    }

    /// The summary of one file: in `jobs` parts at once when it is a big
    /// plain file.
    private func summarize(_ path: String, progress: Progress) async throws(PipelineError) -> Outcome {
        if path == "-" {
            return summarizeLines(ByteLines.standardInput(), path: name ?? path, progress: progress, strict: strict)
        }
        let lines = try ByteLines(path: path)
        let size = lines.fileSize ?? 0
        guard jobs > 1, !strict, size >= jobs << 20, !ByteLines.isGzip(path: path) else {
            return summarizeLines(lines, path: path, progress: progress, strict: strict)
        }
        let ranges = splitAtLineBreaks(path, size: size, parts: jobs)
        let strict = strict
        let parts = await withTaskGroup(of: (Int, Outcome).self) { group in
            for (index, range) in ranges.enumerated() {
                group.addTask {
                    do {
                        let part = try ByteLines(path: path, range: range)
                        return (index, summarizeLines(part, path: path, progress: progress, strict: strict))
                    } catch {
                        return (index, Outcome(stop: .failed(error as! PipelineError)))
                    }
                }
            }
            var parts = [Outcome](repeating: Outcome(), count: ranges.count)
            for await (index, outcome) in group { parts[index] = outcome }
            return parts
        }
        // In file order, each part's line numbers after those before it.
        var whole = Outcome()
        whole.summary.beginFile(path)
        for part in parts {
            whole.summary.merge(part.summary, lineOffset: whole.summary.lines)
            if whole.stop == nil { whole.stop = part.stop }
        }
        return whole
    }
}

/// Counts the lines of one source (a file, a part of one, standard input),
/// looking every 4,096 lines for Ctrl-C and drawing the progress bar.
private func summarizeLines(_ lines: ByteLines, path: String, progress: Progress, strict: Bool) -> Logs.Outcome {
    var outcome = Logs.Outcome()
    outcome.summary.beginFile(path)
    var seen = 0
    var reported = 0
    do {
        try lines.forEachLine { line in
            if !outcome.summary.add(line: line), strict, let bad = outcome.summary.malformedExamples.last {
                throw Logs.Stop.failed(.malformedRecord(path: bad.path, lineNumber: bad.lineNumber, line: bad.text))
            }
            seen &+= 1
            if seen & 4095 == 0 {
                if Interruption.isRequested { throw Logs.Stop.interrupted }
                let read = lines.bytesRead
                progress.advance(by: read - reported)
                reported = read
            }
        }
    } catch let stop as Logs.Stop {
        outcome.stop = stop
    } catch let error as PipelineError {
        outcome.stop = .failed(error)
    } catch {
        preconditionFailure("the loop throws only Logs.Stop and PipelineError, not \(error)")
    }
    progress.advance(by: lines.bytesRead - reported)
    outcome.bytesRead = lines.bytesRead
    return outcome
}

/// The summary that `--follow` keeps up to date, shared by the task that
/// reads the appended lines and the one that prints.
actor FollowedSummary {
    private var summary: AccessLogSummary
    private let path: String
    private var changed = false

    init(_ summary: AccessLogSummary, path: String) {
        self.summary = summary
        self.path = path
    }

    func add(_ batch: AppendedLines) {
        // After a rotation or a truncation, line numbers start again.
        if batch.startsNewFile { summary.beginFile(path) }
        for line in batch.lines { summary.add(line: line) }
        changed = true
    }

    /// The summary, if it changed since the last call.
    func takeIfChanged() -> AccessLogSummary? {
        guard changed else { return nil }
        changed = false
        return summary
    }
}

/// `parts` ranges of a file of `size` bytes that cover it, each ending just
/// after a line break (or at the end), so that each holds whole lines.
func splitAtLineBreaks(_ path: String, size: Int, parts: Int) -> [Range<Int>] {
    var bounds = [0]
    for part in 1..<parts {
        let guess = max(size * part / parts, bounds.last! + 1)
        bounds.append(guess >= size ? size : lineBreakEnd(path, from: guess - 1, size: size) ?? size)
    }
    bounds.append(size)
    return zip(bounds, bounds.dropFirst()).compactMap { $0 < $1 ? $0..<$1 : nil }
}

/// The offset just after the first `\n` at or after `from`.
private func lineBreakEnd(_ path: String, from: Int, size: Int) -> Int? {
    guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
    defer { try? handle.close() }
    var offset = from
    while offset < size {
        try? handle.seek(toOffset: UInt64(offset))
        guard let data = try? handle.read(upToCount: 1 << 16), !data.isEmpty else { return nil }
        if let index = data.firstIndex(of: 0x0A) { return offset + (index - data.startIndex) + 1 }
        offset += data.count
    }
    return nil
}

/// The files named on the command line: `-` as it is, a folder as the
/// files under it, a pattern the shell left alone as its matches.
func expand(_ arguments: [String]) throws(PipelineError) -> [String] {
    var paths: [String] = []
    for argument in arguments {
        var isFolder: ObjCBool = false
        if argument == "-" {
            paths.append(argument)
        } else if FileManager.default.fileExists(atPath: argument, isDirectory: &isFolder) {
            if isFolder.boolValue {
                paths += Array(try findFiles(under: argument))
            } else {
                paths.append(argument)
            }
        } else if argument.contains(where: { "*?[".contains($0) }) {
            let matches = globMatches(argument)
            guard !matches.isEmpty else { throw .cannotOpen(path: argument, reason: "no file matches the pattern") }
            paths += matches
        } else {
            paths.append(argument)  // Opening it names the error.
        }
    }
    return paths
}

/// `glob(3)`'s matches, sorted.
private func globMatches(_ pattern: String) -> [String] {
    var matches = glob_t()
    defer { globfree(&matches) }
    guard glob(pattern, 0, nil, &matches) == 0 else { return [] }
    return (0..<Int(matches.gl_pathc)).compactMap { index in
        matches.gl_pathv[index].map { String(cString: $0) }
    }
}
