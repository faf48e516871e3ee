/// RFC 4180 records from a file's bytes, one record per call, in a 64 KiB
/// buffer: Python's `csv.reader` (the `excel` dialect) as a state machine
/// over bytes. A quoted field may hold the delimiter, `""` for a quote, and
/// line breaks; a quote inside an unquoted field, or text after a closing
/// quote, is kept as it is (Python's non-strict reading). Records end at
/// `\n`, `\r\n` or a lone `\r`; blank lines are skipped.
struct _CSVParser {
    let input: _FileInput
    let delimiter: UInt8
    private var buffer = [UInt8](repeating: 0, count: _FileInput.blockSize)
    private var start = 0
    private var end = 0
    private var atEnd = false
    /// The line the next byte is on, from 1.
    private(set) var lineNumber = 1
    /// The line the last record started on.
    private(set) var recordLine = 1
    /// The error that ended the records, if one did.
    private(set) var error: PipelineError?

    private enum State {
        case startRecord, startField, inField, inQuoted, quoteInQuoted, afterCR
    }

    init(input: _FileInput, delimiter: UInt8) {
        self.input = input
        self.delimiter = delimiter
    }

    /// The next record: its fields, or `.unterminated` when the file ends
    /// inside a quoted field (the record is not delivered); `nil` at the
    /// end or at an error.
    enum Outcome {
        case record([String])
        case unterminated(text: String)
    }

    mutating func nextRecord() -> Outcome? {
        var fields: [String] = []
        var field: [UInt8] = []
        var state = State.startRecord
        let quote = UInt8(ascii: "\""), newline = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")
        let delimiter = self.delimiter
        func take(_ field: inout [UInt8]) -> String {
            defer { field.removeAll(keepingCapacity: true) }
            return String(decoding: field, as: UTF8.self)
        }
        while true {
            if start == end, !fill() {
                switch state {
                case .startRecord: return nil
                case .afterCR:
                    lineNumber += 1
                    return .record(fields)
                case .inQuoted:
                    // The file ends inside quotes: most likely a missing
                    // closing quote that swallowed the lines after it.
                    fields.append(take(&field))
                    return .unterminated(text: fields.joined(separator: String(UnicodeScalar(delimiter))))
                default:
                    fields.append(take(&field))
                    return .record(fields)
                }
            }
            // One pass over the buffered bytes, until a record ends.
            var done = false
            var lines = 0
            let (from, to) = (start, end)
            let consumed = buffer.withUnsafeBufferPointer { bytes -> Int in
                var index = from
                while index < to {
                    let byte = bytes[index]
                    switch state {
                    case .startRecord:
                        if byte == newline {
                            lines += 1
                            index += 1
                            continue
                        }
                        if byte == carriageReturn {
                            index += 1
                            continue
                        }
                        recordLine = lineNumber + lines
                        state = .startField
                        continue  // the same byte, as a field's first
                    case .startField:
                        if byte == quote {
                            state = .inQuoted
                        } else if byte == delimiter {
                            fields.append("")
                        } else if byte == newline {
                            fields.append("")
                            lines += 1
                            done = true
                        } else if byte == carriageReturn {
                            fields.append("")
                            state = .afterCR
                        } else {
                            state = .inField
                            continue
                        }
                        index += 1
                    case .inField:
                        // A run of ordinary bytes at once.
                        var run = index
                        while run < to, bytes[run] != delimiter, bytes[run] != newline, bytes[run] != carriageReturn {
                            run += 1
                        }
                        field.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<run]))
                        index = run
                        guard run < to else { continue }
                        fields.append(take(&field))
                        if bytes[run] == delimiter {
                            state = .startField
                        } else if bytes[run] == newline {
                            lines += 1
                            done = true
                        } else {
                            state = .afterCR
                        }
                        index += 1
                    case .inQuoted:
                        var run = index
                        while run < to, bytes[run] != quote {
                            if bytes[run] == newline { lines += 1 }
                            run += 1
                        }
                        field.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<run]))
                        index = run
                        guard run < to else { continue }
                        state = .quoteInQuoted
                        index += 1
                    case .quoteInQuoted:
                        if byte == quote {
                            field.append(quote)
                            state = .inQuoted
                        } else if byte == delimiter {
                            fields.append(take(&field))
                            state = .startField
                        } else if byte == newline {
                            fields.append(take(&field))
                            lines += 1
                            done = true
                        } else if byte == carriageReturn {
                            fields.append(take(&field))
                            state = .afterCR
                        } else {
                            state = .inField
                            continue
                        }
                        index += 1
                    case .afterCR:
                        if byte == newline {
                            lines += 1
                            index += 1
                        } else {
                            lines += 1  // a lone \r ends the line too
                        }
                        done = true
                    }
                    if done { break }
                }
                return index
            }
            start = consumed
            lineNumber += lines
            if done { return .record(fields) }
        }
    }

    /// Reads the next block; false at the end or an error.
    private mutating func fill() -> Bool {
        guard !atEnd else { return false }
        let result = buffer.withUnsafeMutableBytes { bytes in
            Result { () throws(PipelineError) in try input.read(into: bytes) }
        }
        switch result {
        case .success(let count) where count > 0:
            start = 0
            end = count
            return true
        case .success:
            break
        case .failure(let failure):
            error = failure
        }
        atEnd = true
        input.finish()
        return false
    }

    mutating func finish() {
        atEnd = true
        start = end
        input.finish()
    }
}
