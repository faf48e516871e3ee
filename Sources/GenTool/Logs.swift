import ArgumentParser
import Foundation
import GeneratorPipelines

/// `gen logs`: the summary of web-server access logs.
struct Logs: ParsableCommand {
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

            Exit status: 0; 1 when --strict finds a line that is not a record; 2 for a usage error \
            or a file that cannot be read (the summary of what was read is printed first).

            Examples:
              gen logs                                 the built-in sample
              gen logs /var/log/nginx/access.log       one file
              gen logs /var/log/nginx                  the files under a folder
              gen logs --top 5 --json a.log b.log.gz   JSON, for machines
              zcat old.log.gz | gen logs -             standard input
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

    func validate() throws {
        guard top >= 0 else { throw ValidationError("--top needs a count of at least 0") }
    }

    func run() throws {
        var summary = AccessLogSummary()
        var failure: (error: PipelineError, status: Int32)?
        let sources: [String]
        if files.isEmpty {
            sources = ["(built-in sample)"]
            summary.beginFile("(built-in sample)")
            for line in sampleAccessLog.split(separator: "\n", omittingEmptySubsequences: false) {
                summary.add(line: String(line))
            }
        } else {
            sources = files
            do {
                for path in try expand(files) {
                    try read(path, into: &summary)
                }
            } catch {
                if case .malformedRecord = error { failure = (error, 1) } else { failure = (error, 2) }
            }
        }
        let report = LogReport(summary: summary, top: top, sources: sources, partial: failure != nil)
        print(json ? try report.json() : report.text())
        if let failure {
            printError("gen logs: \(failure.error)")
            throw ExitCode(failure.status)
        }
    }

    /// Counts the lines of one file (or standard input).
    private func read(_ path: String, into summary: inout AccessLogSummary) throws(PipelineError) {
        let lines = path == "-" ? ByteLines.standardInput() : try ByteLines(path: path)
        summary.beginFile(path)
        do {
            try lines.forEachLine { line in
                if !summary.add(line: line), strict, let bad = summary.malformedExamples.last {
                    throw PipelineError.malformedRecord(path: bad.path, lineNumber: bad.lineNumber, line: bad.text)
                }
            }
        } catch let error as PipelineError {
            throw error
        } catch {
            fatalError("unreachable: the loop throws only PipelineError (\(error))")
        }
    }
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
