/// Text and attribute escaping for the SVG reportgen draws itself. Article text becomes
/// character data only; control, bidi and zero-width characters are dropped so that a label
/// cannot reorder or hide what it says.
enum SVGText {
    static func escape(_ text: String) -> String {
        var writer = SVGWriter(capacity: text.utf8.count + 16)
        writer.text(text)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    static func truncate(_ text: String, to limit: Int) -> String { text.truncated(to: limit) }

    /// A width estimate for a label in a sans-serif font: generous, so that real text never
    /// overflows the box the layout reserves for it.
    static func width(_ text: String, fontSize: Double) -> Double {
        var units = 0.0
        for scalar in text.unicodeScalars {
            switch scalar {
            case "i", "l", "j", "'", "’", ".", ",", ":", ";", "!", "|", "I", " ": units += 0.36
            case "m", "w", "M", "W", "@": units += 0.95
            default: units += scalar.isUppercaseLetter || scalar.isDigit ? 0.72 : 0.62
            }
        }
        return units * fontSize
    }

    /// One decimal at most ("12", "12.3", "-0.5"): see `SVGWriter.number`.
    static func number(_ value: Double) -> String {
        var writer = SVGWriter(capacity: 16)
        writer.number(value)
        return String(decoding: writer.bytes, as: UTF8.self)
    }
}

/// An axis-aligned box, for layout and the overlap checks in tests.
public struct Box: Sendable, Equatable {
    public var x: Double
    public var y: Double
    public var width: Double
    public var height: Double

    public func intersects(_ other: Box) -> Bool {
        x < other.x + other.width && other.x < x + width && y < other.y + other.height && other.y < y + height
    }
}

/// Builds SVG markup as UTF-8 bytes: the figures were strings made by interpolation, a new
/// string per attribute, which cost more than drawing them. The bytes go into a `ByteBuffer`
/// (a figure is a thousand small pieces), which the writer frees when it ends: it cannot be
/// copied, so that only one owner ever frees it.
struct SVGWriter: ~Copyable {
    private var buffer: ByteBuffer

    init(capacity: Int = 8192) { buffer = ByteBuffer(capacity: capacity) }

    deinit { buffer.free() }

    var bytes: [UInt8] { buffer.bytes }

    /// Markup reportgen wrote (never article text).
    mutating func raw(_ markup: StaticString) { buffer.append(markup) }

    /// Markup made of known-safe values (identifiers, colours, years). Named apart from
    /// `raw(_:)`: a literal would pick the `String` overload, and each became a string first.
    mutating func rawString(_ markup: String) { buffer.append(contentsOf: markup.utf8) }

    /// Text or an attribute value: character data only (see `SVGText`). Walks the UTF-8 and
    /// copies runs that need nothing at once (a scalar at a time cost most of drawing a label).
    mutating func text(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            var index = 0, runStart = 0
            while index < utf8.count {
                let byte = utf8[index]
                if byte < 128 {
                    // Control characters are dropped; markup characters become HTML's entities.
                    let entity: StaticString? = byte < 32 || byte == 127 ? "" : HTMLEscaping.entity(for: byte)
                    if let entity {
                        buffer.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                        raw(entity)
                        runStart = index + 1
                    }
                    index += 1
                    continue
                }
                let (value, length) = UTF8Scalar.decode(utf8, at: index)
                if value < 160 || BlockReader.isInvisibleFormatting(Unicode.Scalar(value)!) {
                    buffer.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                    runStart = index + length
                }
                index += length
            }
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<utf8.count]))
        }
    }

    /// A number with one decimal at most ("12", "12.3", "-0.5"), written from the integer count
    /// of tenths: the digits `String(Double)` gives for such values, without its general algorithm.
    mutating func number(_ value: Double) {
        let scaled = (value * 10).rounded()
        guard abs(scaled) < 1e15 else { rawString(String(scaled / 10)); return }
        let tenths = Int(scaled)
        if tenths < 0 { buffer.append(UInt8(ascii: "-")) }
        let magnitude = abs(tenths)
        integer(magnitude / 10)
        if magnitude % 10 != 0 {
            buffer.append(UInt8(ascii: "."))
            buffer.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
        }
    }

    mutating func integer(_ value: Int) {
        guard value >= 10 else { buffer.append(UInt8(ascii: "0") + UInt8(value)); return }
        integer(value / 10)
        buffer.append(UInt8(ascii: "0") + UInt8(value % 10))
    }

    /// ` name="value"` with a number value.
    mutating func attribute(_ name: StaticString, _ value: Double) {
        raw(" "); raw(name); raw("=\""); number(value); raw("\"")
    }
}
