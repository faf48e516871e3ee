/// The summary's JSON document (the one its `Codable` conformance reads and writes), written and
/// read without Foundation's coders: `gen logs --partial` and `gen merge` move summaries of
/// hundreds of thousands of keys, which Foundation's coders take about 150 ns a byte for (13 s
/// to merge the 29 partials of a 1 GB log, measured); these write the tables straight from the
/// counts' bytes and read them straight into them.
extension AccessLogSummary {
    /// The document's keys, in the order `JSONEncoder`'s `.sortedKeys` writes them.
    private enum Key: String, CaseIterable {
        case bytesSent = "bytes_sent"
        case hosts, hours
        case invalidUTF8Lines = "invalid_utf8_lines"
        case lines
        case malformedExamples = "malformed_examples"
        case malformedLines = "malformed_lines"
        case paths, referrers, requests, statuses
    }

    /// Appends the summary as one compact JSON object, the document `JSONEncoder` writes for it
    /// (keys sorted; table entries in no particular order); with `keyTables` false, the paths,
    /// hosts and referrers are written empty (they travel as sketches instead).
    ///
    /// - Complexity: O(*k*) for *k* distinct keys.
    package func _appendJSON(to json: inout [UInt8], keyTables: Bool = true) {
        func key(_ key: Key, first: Bool = false) {
            if !first { json.append(UInt8(ascii: ",")) }
            _JSONWriter.appendString(key.rawValue, to: &json)
            json.append(UInt8(ascii: ":"))
        }
        func table(_ counts: _ByteCounts, always: Bool = false) {
            guard keyTables || always else { return json += Array("{}".utf8) }
            json.append(UInt8(ascii: "{"))
            var first = true
            var valid = true
            counts.forEachKey { text, count in
                guard valid else { return }
                if text.contains(where: { $0 >= 0x80 }), String(validating: text, as: UTF8.self) == nil {
                    valid = false
                    return
                }
                if !first { json.append(UInt8(ascii: ",")) }
                first = false
                _JSONWriter.appendString(text, to: &json)
                json.append(UInt8(ascii: ":"))
                _JSONWriter.appendInt(count, to: &json)
            }
            guard !valid else { return json.append(UInt8(ascii: "}")) }
            // A key that is not UTF-8 is written as Codable writes it: decoded with U+FFFD,
            // and summed with any key it then equals.
            while json.last != UInt8(ascii: "{") { json.removeLast() }
            first = true
            for (text, count) in counts.strings() {
                if !first { json.append(UInt8(ascii: ",")) }
                first = false
                _JSONWriter.appendString(text, to: &json)
                json.append(UInt8(ascii: ":"))
                _JSONWriter.appendInt(count, to: &json)
            }
            json.append(UInt8(ascii: "}"))
        }
        json.append(UInt8(ascii: "{"))
        key(.bytesSent, first: true)
        _JSONWriter.appendInt(bytesSent, to: &json)
        key(.hosts)
        table(hostCounts)
        key(.hours)
        table(hourCounts, always: true)
        key(.invalidUTF8Lines)
        _JSONWriter.appendInt(linesWithInvalidUTF8, to: &json)
        key(.lines)
        _JSONWriter.appendInt(lines, to: &json)
        key(.malformedExamples)
        json.append(UInt8(ascii: "["))
        for (index, example) in malformedExamples.enumerated() {
            if index > 0 { json.append(UInt8(ascii: ",")) }
            json += Array(#"{"file":"#.utf8)
            _JSONWriter.appendString(example.path, to: &json)
            json += Array(#","line":"#.utf8)
            _JSONWriter.appendInt(example.lineNumber, to: &json)
            if let reason = example.reason {
                json += Array(#","reason":"#.utf8)
                _JSONWriter.appendString(reason, to: &json)
            }
            json += Array(#","text":"#.utf8)
            _JSONWriter.appendString(example.text, to: &json)
            json.append(UInt8(ascii: "}"))
        }
        json.append(UInt8(ascii: "]"))
        key(.malformedLines)
        _JSONWriter.appendInt(malformedLines, to: &json)
        key(.paths)
        table(pathCounts)
        key(.referrers)
        table(referrerCounts)
        key(.requests)
        _JSONWriter.appendInt(requests, to: &json)
        key(.statuses)
        json.append(UInt8(ascii: "{"))
        var first = true
        for (status, count) in statusCounts.enumerated() where count > 0 {
            if !first { json.append(UInt8(ascii: ",")) }
            first = false
            _JSONWriter.appendString(String(status), to: &json)
            json.append(UInt8(ascii: ":"))
            _JSONWriter.appendInt(count, to: &json)
        }
        json.append(UInt8(ascii: "}"))
        json.append(UInt8(ascii: "}"))
    }

    /// Reads the summary's JSON object from `reader`, with the checks of its `Codable`
    /// conformance: every key present, counts not negative, statuses 100–999; unknown keys
    /// are skipped.
    ///
    /// - Throws: `DecodingError.dataCorrupted` for anything else.
    /// - Complexity: O(*n*) for *n* bytes.
    package init(_jsonReader reader: inout _JSONReader) throws {
        self.init()
        var seen = Set<Key>()
        var text: [UInt8] = []
        func count(_ reader: inout _JSONReader) throws -> Int {
            let value = try reader.readInt()
            guard value >= 0 else { throw reader.error("a negative count") }
            return value
        }
        func table(_ counts: inout _ByteCounts, _ reader: inout _JSONReader) throws {
            try reader.readObject { key, reader in
                let value = try count(&reader)
                key.withUnsafeBufferPointer { _ = counts.add($0, amount: value) }
            }
        }
        try reader.readObject { name, reader in
            guard let key = Key(rawValue: String(decoding: name, as: UTF8.self)) else {
                _ = try reader.skipValue()
                return
            }
            seen.insert(key)
            switch key {
            case .bytesSent: bytesSent = try count(&reader)
            case .invalidUTF8Lines: linesWithInvalidUTF8 = try count(&reader)
            case .lines: lines = try count(&reader)
            case .malformedLines: malformedLines = try count(&reader)
            case .requests: requests = try count(&reader)
            case .hosts: try table(&hostCounts, &reader)
            case .hours: try table(&hourCounts, &reader)
            case .paths: try table(&pathCounts, &reader)
            case .referrers: try table(&referrerCounts, &reader)
            case .statuses:
                try reader.readObject { status, reader in
                    let value = try count(&reader)
                    guard let code = Int(String(decoding: status, as: UTF8.self)), (100...999).contains(code) else {
                        throw reader.error("status \(String(decoding: status, as: UTF8.self))")
                    }
                    statusCounts[code] += value
                }
            case .malformedExamples:
                var examples: [MalformedLine] = []
                try reader.readArray { reader in
                    var path: String?
                    var line: Int?
                    var lineText: String?
                    var reason: String?
                    try reader.readObject { field, reader in
                        switch String(decoding: field, as: UTF8.self) {
                        case "file":
                            text.removeAll(keepingCapacity: true)
                            try reader.readString(into: &text)
                            path = String(decoding: text, as: UTF8.self)
                        case "line":
                            line = try reader.readInt()
                        case "text":
                            text.removeAll(keepingCapacity: true)
                            try reader.readString(into: &text)
                            lineText = String(decoding: text, as: UTF8.self)
                        case "reason":
                            if try reader.readNull() { return }
                            text.removeAll(keepingCapacity: true)
                            try reader.readString(into: &text)
                            reason = String(decoding: text, as: UTF8.self)
                        default:
                            _ = try reader.skipValue()
                        }
                    }
                    guard let path, let line, let lineText else { throw reader.error("an incomplete malformed line") }
                    examples.append(MalformedLine(path: path, lineNumber: line, text: lineText, reason: reason))
                }
                malformedExamples = Array(examples.prefix(Self.malformedExampleLimit))
            }
        }
        guard seen.count == Key.allCases.count else {
            let missing = Key.allCases.filter { !seen.contains($0) }.map(\.rawValue)
            throw reader.error("a summary without \(missing.joined(separator: ", "))")
        }
    }
}
