import ArgumentParser
import Foundation
import GeneratorPipelines

/// `gen`: generator pipelines at work on the command line.
@main
struct Gen: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gen",
        abstract: "Generator pipelines over large files, in constant memory.",
        subcommands: [Logs.self]
    )

    /// Runs the command; a usage error exits with 2 (ArgumentParser's
    /// default is 64), as unreadable files do.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                printError(fullMessage(for: error))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}

/// `gen logs`: the summary of web-server access logs.
struct Logs: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Summarize web-server access logs (Common or Combined Log Format).",
        discussion: """
            Reads each file line by line, in constant memory, and prints the requests, the bytes \
            sent, the statuses, and the busiest paths, hosts and referrers. Lines that are not log \
            records are counted and the first few are shown. Without files, it reads a small \
            sample log that ships with the tool. A file named - is standard input.

            Examples:
              gen logs                          the built-in sample
              gen logs /var/log/nginx/access.log
              gen logs --top 5 --json a.log b.log
            """
    )

    @Argument(help: "The log files to read (standard input for -). None: the built-in sample.")
    var files: [String] = []

    @Option(help: "How many of the busiest paths, hosts and referrers to show.")
    var top = 10

    @Flag(help: "Print the summary as JSON.")
    var json = false

    func validate() throws {
        guard top >= 0 else { throw ValidationError("--top needs a count of at least 0") }
    }

    func run() throws {
        var summary = AccessLogSummary()
        let sources: [String]
        if files.isEmpty {
            sources = ["(built-in sample)"]
            for line in sampleAccessLog.split(separator: "\n", omittingEmptySubsequences: false) {
                summary.add(line: String(line))
            }
        } else {
            sources = files
            for path in files {
                let lines: FileLines
                do {
                    lines = path == "-" ? FileLines.standardInput() : try FileLines(path: path)
                } catch {
                    printError("gen logs: \(error)")
                    throw ExitCode(2)
                }
                for line in lines { summary.add(line: line) }
                if let error = lines.readError {
                    printError("gen logs: \(error)")
                    throw ExitCode(2)
                }
            }
        }
        if json {
            print(try jsonReport(summary))
        } else {
            print(textReport(summary, sources: sources))
        }
    }

    func textReport(_ summary: AccessLogSummary, sources: [String]) -> String {
        var out: [String] = []
        out.append("access log summary: \(sources.joined(separator: ", "))")
        out.append("")
        out.append(row("requests", summary.requests))
        out.append(row("bytes sent", summary.bytesSent))
        out.append(row("malformed lines", summary.malformedLines))
        out.append("")
        out.append("status   requests")
        for (status, count) in summary.statuses.sorted(by: { $0.key < $1.key }) {
            out.append("\(status)      \(String(count).leftPadded(to: 8))")
        }
        for (title, keyPath) in [
            ("paths", \AccessLogSummary.paths), ("hosts", \.hosts), ("referrers", \.referrers),
        ] {
            out.append("")
            out.append("top \(title)")
            for entry in summary.top(keyPath, top) {
                out.append("  \(String(entry.count).leftPadded(to: 8))  \(entry.key)")
            }
        }
        if !summary.malformedExamples.isEmpty {
            out.append("")
            out.append("malformed lines (the first \(summary.malformedExamples.count))")
            for example in summary.malformedExamples {
                out.append("  line \(example.lineNumber): \(example.line.isEmpty ? "(empty)" : example.line)")
            }
        }
        return out.joined(separator: "\n")
    }

    func row(_ label: String, _ value: Int) -> String {
        label.padding(toLength: 17, withPad: " ", startingAt: 0) + String(value)
    }

    func jsonReport(_ summary: AccessLogSummary) throws -> String {
        func entries(_ keyPath: KeyPath<AccessLogSummary, [String: Int]>) -> [[String: Any]] {
            summary.top(keyPath, top).map { ["key": $0.key, "count": $0.count] }
        }
        let object: [String: Any] = [
            "requests": summary.requests,
            "bytes_sent": summary.bytesSent,
            "malformed_lines": summary.malformedLines,
            "statuses": Dictionary(uniqueKeysWithValues: summary.statuses.map { (String($0.key), $0.value) }),
            "top_paths": entries(\.paths),
            "top_hosts": entries(\.hosts),
            "top_referrers": entries(\.referrers),
        ]
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }
}

func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
