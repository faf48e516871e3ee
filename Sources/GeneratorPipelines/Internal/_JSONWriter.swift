/// Appends JSON text to a byte array: what a summary's fast encoding is made of.
///
/// `package`: `gen logs --partial` writes its documents with it; it is not API.
package enum _JSONWriter {
    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    /// `text` as a JSON string: quotes, backslashes and control characters escaped, the rest
    /// as it is. `text` must be UTF-8.
    package static func appendString(_ text: UnsafeBufferPointer<UInt8>, to json: inout [UInt8]) {
        json.append(UInt8(ascii: "\""))
        var start = 0
        for index in text.indices {
            let byte = text[index]
            guard byte < 0x20 || byte == 0x22 || byte == 0x5C else { continue }
            json.append(contentsOf: UnsafeBufferPointer(rebasing: text[start..<index]))
            start = index + 1
            switch byte {
            case 0x22: json += [0x5C, 0x22]
            case 0x5C: json += [0x5C, 0x5C]
            case 0x0A: json += [0x5C, UInt8(ascii: "n")]
            case 0x0D: json += [0x5C, UInt8(ascii: "r")]
            case 0x09: json += [0x5C, UInt8(ascii: "t")]
            default:
                json += [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            }
        }
        json.append(contentsOf: UnsafeBufferPointer(rebasing: text[start...]))
        json.append(UInt8(ascii: "\""))
    }

    /// `text` as a JSON string.
    package static func appendString(_ text: String, to json: inout [UInt8]) {
        var text = text
        text.withUTF8 { appendString($0, to: &json) }
    }

    /// `value` in decimal.
    package static func appendInt(_ value: Int, to json: inout [UInt8]) {
        if value < 0 { json.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // room for 20 digits
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[23 - count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            json.append(contentsOf: buffer[(24 - count)...])
        }
    }
}
