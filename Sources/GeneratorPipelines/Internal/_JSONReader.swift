#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A reader of JSON text, value by value, over bytes the caller holds: what a summary's fast
/// decoding (``AccessLogSummary/init(_jsonReader:)``) is made of. It checks the grammar of what
/// it reads (RFC 8259) and throws `DecodingError.dataCorrupted`, naming the byte offset, for
/// anything else.
///
/// `package`: `gen merge` reads its partial documents with it; it is not API.
package struct _JSONReader: ~Copyable {
    private let bytes: UnsafeBufferPointer<UInt8>
    /// The offset of the next byte to read.
    package private(set) var offset = 0

    package init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// An error at the current offset.
    package func error(_ what: String) -> DecodingError {
        DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "JSON, byte \(offset): \(what)"))
    }

    private mutating func skipWhitespace() {
        while offset < bytes.count {
            switch bytes[offset] {
            case 0x20, 0x0A, 0x0D, 0x09: offset += 1
            default: return
            }
        }
    }

    /// The next byte after whitespace, not consumed; `nil` at the end.
    package mutating func peek() -> UInt8? {
        skipWhitespace()
        return offset < bytes.count ? bytes[offset] : nil
    }

    private mutating func expect(_ byte: UInt8) throws {
        guard peek() == byte else { throw error("expected '\(Character(Unicode.Scalar(byte)))'") }
        offset += 1
    }

    /// Checks that only whitespace is left.
    package mutating func expectEnd() throws {
        guard peek() == nil else { throw error("text after the document") }
    }

    // MARK: - Containers

    /// Calls `member` with each key of an object (unescaped UTF-8); `member` must read the value.
    package mutating func readObject(
        _ member: (_ key: [UInt8], _ reader: inout _JSONReader) throws -> Void
    ) throws {
        try expect(UInt8(ascii: "{"))
        if peek() == UInt8(ascii: "}") {
            offset += 1
            return
        }
        var key: [UInt8] = []
        while true {
            key.removeAll(keepingCapacity: true)
            try readString(into: &key)
            try expect(UInt8(ascii: ":"))
            try member(key, &self)
            switch peek() {
            case UInt8(ascii: ","): offset += 1
            case UInt8(ascii: "}"):
                offset += 1
                return
            default: throw error("expected ',' or '}'")
            }
        }
    }

    /// Calls `element` for each element of an array; `element` must read it.
    package mutating func readArray(_ element: (_ reader: inout _JSONReader) throws -> Void) throws {
        try expect(UInt8(ascii: "["))
        if peek() == UInt8(ascii: "]") {
            offset += 1
            return
        }
        while true {
            try element(&self)
            switch peek() {
            case UInt8(ascii: ","): offset += 1
            case UInt8(ascii: "]"):
                offset += 1
                return
            default: throw error("expected ',' or ']'")
            }
        }
    }

    /// Reads a value of any kind and returns its bytes, for a decoder of its own.
    package mutating func skipValue() throws -> UnsafeBufferPointer<UInt8> {
        guard let first = peek() else { throw error("a value is missing") }
        let start = offset
        switch first {
        case UInt8(ascii: "{"):
            try readObject { _, reader in _ = try reader.skipValue() }
        case UInt8(ascii: "["):
            try readArray { reader in _ = try reader.skipValue() }
        case UInt8(ascii: "\""):
            var ignored: [UInt8] = []
            try readString(into: &ignored)
        case UInt8(ascii: "t"): try readWord("true")
        case UInt8(ascii: "f"): try readWord("false")
        case UInt8(ascii: "n"): try readWord("null")
        default: try readNumber()
        }
        return UnsafeBufferPointer(rebasing: bytes[start..<offset])
    }

    private mutating func readWord(_ word: StaticString) throws {
        let count = word.utf8CodeUnitCount
        guard offset + count <= bytes.count,
            memcmp(bytes.baseAddress! + offset, word.utf8Start, count) == 0
        else { throw error("expected \(word)") }
        offset += count
    }

    /// Reads `true` or `false`.
    package mutating func readBool() throws -> Bool {
        if peek() == UInt8(ascii: "t") {
            try readWord("true")
            return true
        }
        try readWord("false")
        return false
    }

    /// Reads `null` if it is next; `true` if it was.
    package mutating func readNull() throws -> Bool {
        guard peek() == UInt8(ascii: "n") else { return false }
        try readWord("null")
        return true
    }

    // MARK: - Numbers

    /// Any JSON number (checked, not converted).
    private mutating func readNumber() throws {
        _ = peek()
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "-") { offset += 1 }
        let digits = offset
        while offset < bytes.count, (0x30...0x39).contains(bytes[offset]) { offset += 1 }
        guard offset > digits else { throw error("expected a value") }
        guard bytes[digits] != 0x30 || offset == digits + 1 else { throw error("a number with a leading zero") }
        if offset < bytes.count, bytes[offset] == UInt8(ascii: ".") {
            offset += 1
            let fraction = offset
            while offset < bytes.count, (0x30...0x39).contains(bytes[offset]) { offset += 1 }
            guard offset > fraction else { throw error("a number without digits after its point") }
        }
        if offset < bytes.count, bytes[offset] | 0x20 == UInt8(ascii: "e") {
            offset += 1
            if offset < bytes.count, bytes[offset] == UInt8(ascii: "+") || bytes[offset] == UInt8(ascii: "-") {
                offset += 1
            }
            let exponent = offset
            while offset < bytes.count, (0x30...0x39).contains(bytes[offset]) { offset += 1 }
            guard offset > exponent else { throw error("a number without digits in its exponent") }
        }
    }

    /// Reads a whole number that fits an `Int` (no fraction, no exponent).
    package mutating func readInt() throws -> Int {
        _ = peek()
        var negative = false
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "-") {
            negative = true
            offset += 1
        }
        let digits = offset
        var value = 0
        while offset < bytes.count, case let digit = bytes[offset] &- 0x30, digit < 10 {
            let (times, overflow) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times.addingReportingOverflow(negative ? -Int(digit) : Int(digit))
            guard !overflow, !overflow2 else { throw error("a number too large for a count") }
            value = sum
            offset += 1
        }
        guard offset > digits else { throw error("expected a whole number") }
        guard bytes[digits] != 0x30 || offset == digits + 1 else { throw error("a number with a leading zero") }
        if offset < bytes.count, [UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E")].contains(bytes[offset]) {
            throw error("expected a whole number")
        }
        return value
    }

    // MARK: - Strings

    /// Reads a string, appending its UTF-8 (escapes resolved) to `text`.
    package mutating func readString(into text: inout [UInt8]) throws {
        try expect(UInt8(ascii: "\""))
        while true {
            // The run up to the next quote, backslash or control character, copied at once.
            let start = offset
            while offset < bytes.count, case let byte = bytes[offset], byte != 0x22, byte != 0x5C, byte >= 0x20 {
                offset += 1
            }
            if offset > start { text.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<offset])) }
            guard offset < bytes.count else { throw error("a string without its closing quote") }
            let byte = bytes[offset]
            offset += 1
            switch byte {
            case 0x22:
                return
            case 0x5C:
                guard offset < bytes.count else { throw error("a string without its closing quote") }
                let escaped = bytes[offset]
                offset += 1
                switch escaped {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): text.append(escaped)
                case UInt8(ascii: "b"): text.append(0x08)
                case UInt8(ascii: "f"): text.append(0x0C)
                case UInt8(ascii: "n"): text.append(0x0A)
                case UInt8(ascii: "r"): text.append(0x0D)
                case UInt8(ascii: "t"): text.append(0x09)
                case UInt8(ascii: "u"): try readUnicodeEscape(into: &text)
                default: throw error("an unknown escape")
                }
            default:
                throw error("a control character in a string")
            }
        }
    }

    private mutating func readHex4() throws -> UInt32 {
        guard offset + 4 <= bytes.count else { throw error("a short \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[offset]
            let digit: UInt8
            switch byte {
            case 0x30...0x39: digit = byte - 0x30
            case 0x41...0x46: digit = byte - 0x41 + 10
            case 0x61...0x66: digit = byte - 0x61 + 10
            default: throw error("a \\u escape that is not hexadecimal")
            }
            value = value << 4 | UInt32(digit)
            offset += 1
        }
        return value
    }

    /// After `\u`: one code point, or a surrogate pair; a lone surrogate is an error.
    private mutating func readUnicodeEscape(into text: inout [UInt8]) throws {
        var code = try readHex4()
        if (0xD800...0xDBFF).contains(code), offset + 6 <= bytes.count,
            bytes[offset] == UInt8(ascii: "\\"), bytes[offset + 1] == UInt8(ascii: "u")
        {
            let mark = offset
            offset += 2
            let low = try readHex4()
            if (0xDC00...0xDFFF).contains(low) {
                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
            } else {
                offset = mark
            }
        }
        guard let scalar = Unicode.Scalar(code), let encoded = UTF8.encode(scalar) else {
            throw error("a lone surrogate in a \\u escape")
        }
        text.append(contentsOf: encoded)
    }
}
