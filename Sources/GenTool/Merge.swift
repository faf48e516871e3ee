import ArgumentParser
import Foundation
import GeneratorPipelines

/// One line of `gen logs --partial`: a summary with every exact count, and
/// the name of what it read when that was one file (or named input).
///
/// `{"format":"gen-logs-partial/1","source":…,"stopped":false,"summary":{…}}`,
/// the document `JSONEncoder` would write for it (keys sorted, compact), written
/// and read without it: Foundation's coders took 13 s to merge the 29 partials
/// of a 1 GB log.
struct PartialDocument {
    static let currentFormat = "gen-logs-partial/1"
    var format = PartialDocument.currentFormat
    var source: String?
    /// The run that made it stopped early (an error, Ctrl-C): it covers
    /// what was read, and so does any merge of it.
    var stopped: Bool
    var summary: AccessLogSummary
    /// With `--max-keys`: the paths, hosts and referrers as bounded sketches (the summary's own
    /// tables are then empty).
    var sketches: KeySketches?

    init(source: String?, stopped: Bool, summary: AccessLogSummary, sketches: KeySketches? = nil) {
        self.source = source
        self.stopped = stopped
        self.summary = summary
        self.sketches = sketches
    }

    /// The document as one line of JSON.
    func line() -> String {
        var json: [UInt8] = []
        json += Array(#"{"format":"#.utf8)
        _JSONWriter.appendString(format, to: &json)
        if let source {
            json += Array(#","source":"#.utf8)
            _JSONWriter.appendString(source, to: &json)
        }
        if let sketches, let data = try? JSONEncoder().encode(sketches) {
            json += Array(#","sketches":"#.utf8)
            json += data
        }
        json += Array((stopped ? #","stopped":true,"summary":"# : #","stopped":false,"summary":"#).utf8)
        summary._appendJSON(to: &json, keyTables: sketches == nil)
        json.append(UInt8(ascii: "}"))
        return String(decoding: json, as: UTF8.self)
    }

    /// Reads a document of any version's format field (the caller checks it).
    ///
    /// - Throws: `DecodingError.dataCorrupted` for anything but such a document.
    init(line: String) throws {
        var line = line
        self = try line.withUTF8 { bytes in
            var reader = _JSONReader(bytes)
            var format: String?
            var source: String?
            var stopped: Bool?
            var summary: AccessLogSummary?
            var sketches: KeySketches?
            var text: [UInt8] = []
            try reader.readObject { key, reader in
                switch String(decoding: key, as: UTF8.self) {
                case "format":
                    text.removeAll(keepingCapacity: true)
                    try reader.readString(into: &text)
                    format = String(decoding: text, as: UTF8.self)
                case "source":
                    if try reader.readNull() { return }
                    text.removeAll(keepingCapacity: true)
                    try reader.readString(into: &text)
                    source = String(decoding: text, as: UTF8.self)
                case "stopped":
                    stopped = try reader.readBool()
                case "summary":
                    summary = try AccessLogSummary(_jsonReader: &reader)
                case "sketches":
                    let bytes = try reader.skipValue()
                    sketches = try JSONDecoder().decode(KeySketches.self, from: Data(buffer: bytes))
                default:
                    _ = try reader.skipValue()
                }
            }
            try reader.expectEnd()
            guard let format, let stopped, let summary else { throw reader.error("not a partial summary") }
            var document = PartialDocument(source: source, stopped: stopped, summary: summary, sketches: sketches)
            document.format = format
            return document
        }
    }
}

/// The paths, hosts and referrers of a bounded partial (`gen logs --partial --max-keys K`): the K
/// most counted of each, as mergeable heavy-hitters sketches.
struct KeySketches: Codable {
    var paths: HeavyHitters<String>
    var hosts: HeavyHitters<String>
    var referrers: HeavyHitters<String>

    /// The sketches of a summary's exact tables.
    init(of summary: AccessLogSummary, capacity: Int) {
        paths = HeavyHitters(exactCounts: summary.paths, capacity: capacity)
        hosts = HeavyHitters(exactCounts: summary.hosts, capacity: capacity)
        referrers = HeavyHitters(exactCounts: summary.referrers, capacity: capacity)
    }

    mutating func merge(_ other: KeySketches) {
        paths.merge(other.paths)
        hosts.merge(other.hosts)
        referrers.merge(other.referrers)
    }

    subscript(field: AccessLogSummary.Field) -> HeavyHitters<String> {
        switch field {
        case .paths: paths
        case .hosts: hosts
        case .referrers: referrers
        }
    }
}

/// `gen merge`: partial summaries into one.
struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Merge partial summaries (gen logs --partial) into the summary of the whole.",
        discussion: """
            Reads partial summaries, one JSON document per line, from the files (standard input \
            when there are none) and prints the summary of everything they counted, as gen logs \
            prints it (--json too). Every count is exact, so the merge of the partials of the \
            parts of a log is the summary of the whole log, in any order. Malformed lines are \
            listed in the order of the partials, and when consecutive partials name the same \
            source their line numbers continue from the partials before: merged in the order of \
            the log (as Spark's collect returns them), they read as gen logs on the whole file. \
            Partials written with --max-keys hold only their parts' most counted paths, hosts and \
            referrers: the merge then prints each top count with how far it may be above the truth.

            Exit status: 0; 2 for a line that is not a partial summary or a file that cannot be read.

            Examples:
              gen logs --partial --name big.log - < part1 >  partials
              gen logs --partial --name big.log - < part2 >> partials
              gen merge partials
            """
    )

    @Argument(help: "Files of partial summaries, one per line (standard input when none).")
    var files: [String] = []

    @Option(help: "How many of the busiest paths, hosts and referrers to show.")
    var top = 10

    @Flag(help: "Print the summary as JSON.")
    var json = false

    func validate() throws {
        guard top >= 0 else { throw ValidationError("--top needs a count of at least 0") }
    }

    func run() throws {
        var merged = AccessLogSummary()
        var linesBySource: [String: Int] = [:]
        var sources: [String] = []
        var stopped = false
        // The bounded partials' sketches; the exact partials' tables are in `merged`.
        var sketches: KeySketches?
        for path in files.isEmpty ? ["-"] : files {
            let lines: FileLines
            do {
                lines = path == "-" ? FileLines.standardInput() : try FileLines(path: path)
            } catch {
                printError("gen merge: \(error)")
                throw ExitCode(2)
            }
            var iterator = lines.makeIterator()
            while let line = iterator.next() {
                guard !line.allSatisfy(\.isWhitespace) else { continue }
                let part: PartialDocument
                do {
                    part = try PartialDocument(line: line)
                    guard part.format == PartialDocument.currentFormat else {
                        throw CocoaError(.coderReadCorrupt)
                    }
                } catch {
                    printError(
                        "gen merge: \(path), line \(iterator.lineNumber): not a partial summary of gen logs --partial"
                    )
                    throw ExitCode(2)
                }
                var offset = 0
                if let source = part.source {
                    offset = linesBySource[source, default: 0]
                    linesBySource[source] = offset + part.summary.lines
                    if !sources.contains(source) { sources.append(source) }
                }
                merged.merge(part.summary, lineOffset: offset)
                if let partSketches = part.sketches {
                    if sketches == nil { sketches = partSketches } else { sketches!.merge(partSketches) }
                }
                stopped = stopped || part.stopped
            }
            if let error = lines.readError {
                printError("gen merge: \(error)")
                throw ExitCode(2)
            }
        }
        // With a bounded partial among them, every partial's keys are: the exact ones as the
        // sketch of their exact counts.
        if var bounded = sketches {
            bounded.merge(KeySketches(of: merged, capacity: bounded.paths.capacity))
            sketches = bounded
        }
        let report = LogReport(
            summary: merged,
            top: top,
            sources: sources.isEmpty ? ["(partials)"] : sources,
            partial: stopped,
            sketches: sketches
        )
        print(json ? try report.json() : report.text())
    }
}
