import Foundation
import GeneratorPipelines

/// How `gen logs` prints a summary: text tables for people, JSON for
/// machines (the shape `Benchmarks/python/log_pipeline.py` prints too).
struct LogReport {
    var summary: AccessLogSummary
    var top: Int
    var sources: [String]
    /// The run stopped early (an error, Ctrl-C): the summary covers what was
    /// read.
    var partial: Bool
    /// The paths, hosts and referrers as bounded sketches (a merge of `--max-keys` partials):
    /// their top lists come from these, with each count's error.
    var sketches: KeySketches? = nil

    /// The `top` entries of `field`, busiest first (ties by key), each with how far its count
    /// may be above the true one (0 when exact).
    private func entries(_ field: AccessLogSummary.Field) -> [(key: String, count: Int, error: Int)] {
        guard let sketch = sketches?[field] else { return summary.top(field, top).map { ($0.key, $0.count, 0) } }
        return sketch.top(sketch.capacity)
            .sorted { a, b in a.count != b.count ? a.count > b.count : a.key.utf8.lexicographicallyPrecedes(b.key.utf8)
            }
            .prefix(top).map { ($0.key, $0.count, $0.error) }
    }

    func text() -> String {
        var out: [String] = []
        out.append(
            "access log summary: \(sources.joined(separator: ", "))\(partial ? "  (PARTIAL: stopped early)" : "")"
        )
        out.append("")
        out.append(row("lines", summary.lines))
        out.append(row("requests", summary.requests))
        out.append(row("bytes sent", summary.bytesSent))
        out.append(row("malformed lines", summary.malformedLines))
        if summary.linesWithInvalidUTF8 > 0 { out.append(row("invalid UTF-8", summary.linesWithInvalidUTF8)) }
        out.append("")
        out.append("status   requests")
        for (status, count) in summary.statuses.sorted(by: { $0.key < $1.key }) {
            out.append("\(status)      \(String(count).leftPadded(to: 8))")
        }
        // Per hour for up to two days, per day beyond (JSON has every hour).
        var periods = summary.requestsPerHour
        var period = "hour"
        if periods.count > 48 {
            period = "day"
            var days: [(hour: String, count: Int)] = []
            for (hour, count) in periods {
                // `yyyy-mm-dd HH:00 +zzzz` becomes `yyyy-mm-dd +zzzz`.
                let day = hour == "-" ? hour : String(hour.prefix(10)) + String(hour.suffix(6))
                if days.last?.hour == day { days[days.count - 1].count += count } else { days.append((day, count)) }
            }
            periods = days
        }
        if !periods.isEmpty {
            out.append("")
            out.append("requests per \(period)")
            let widest = periods.map(\.count).max() ?? 1
            for (name, count) in periods {
                let bar = String(repeating: "#", count: max(1, count * 40 / max(widest, 1)))
                out.append(
                    "  \(name.padding(toLength: 22, withPad: " ", startingAt: 0))  \(String(count).leftPadded(to: 8))  \(bar)"
                )
            }
        }
        for field in AccessLogSummary.Field.allCases {
            out.append("")
            if let sketch = sketches?[field] {
                out.append(
                    "top \(field) (from the \(sketch.capacity) most counted of each part: counts are at most the error above the truth)"
                )
                for entry in entries(field) {
                    out.append("  \(String(entry.count).leftPadded(to: 8))  \(entry.key)  (error ≤ \(entry.error))")
                }
            } else {
                out.append("top \(field)")
                for entry in entries(field) {
                    out.append("  \(String(entry.count).leftPadded(to: 8))  \(entry.key)")
                }
            }
        }
        if !summary.malformedExamples.isEmpty {
            out.append("")
            out.append("malformed lines (the first \(summary.malformedExamples.count))")
            for example in summary.malformedExamples {
                out.append(
                    "  \(example.path):\(example.lineNumber): \(example.text.isEmpty ? "(empty)" : example.text)"
                )
            }
        }
        return out.joined(separator: "\n")
    }

    private func row(_ label: String, _ value: Int) -> String {
        label.padding(toLength: 17, withPad: " ", startingAt: 0) + String(value)
    }

    func json() throws -> String {
        func entries(_ field: AccessLogSummary.Field) -> [[String: Any]] {
            self.entries(field).map { entry in
                // A bounded merge says how far each count may be above the truth.
                sketches == nil
                    ? ["key": entry.key, "count": entry.count]
                    : ["key": entry.key, "count": entry.count, "error": entry.error]
            }
        }
        let object: [String: Any] = [
            "lines": summary.lines,
            "requests": summary.requests,
            "bytes_sent": summary.bytesSent,
            "malformed_lines": summary.malformedLines,
            "invalid_utf8_lines": summary.linesWithInvalidUTF8,
            "statuses": Dictionary(uniqueKeysWithValues: summary.statuses.map { (String($0.key), $0.value) }),
            "requests_per_hour": Dictionary(uniqueKeysWithValues: summary.requestsPerHour.map { ($0.hour, $0.count) }),
            "top_paths": entries(.paths),
            "top_hosts": entries(.hosts),
            "top_referrers": entries(.referrers),
            "malformed_examples": summary.malformedExamples.map {
                ["file": $0.path, "line": $0.lineNumber, "text": $0.text] as [String: Any]
            },
            "partial": partial,
        ]
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }
}
