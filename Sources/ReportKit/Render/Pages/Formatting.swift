/// How values read on a page, in the interface language (words come from `strings.yml`).
struct Formatting: Sendable {
    let strings: [String: String]
    let language: Language
    let monthNames: [String]

    init(strings: [String: String], language: Language) {
        self.strings = strings
        self.language = language
        // Split on UTF-8 commas: a `String.split` walks grapheme clusters, once per report.
        monthNames = (strings["month_names"] ?? "").utf8.split(separator: UInt8(ascii: ","))
            .map { String(decoding: $0, as: UTF8.self).trimmingWhitespace() }
    }

    func word(_ key: String) -> String { strings[key] ?? key }

    /// "2025", "janvier 2025", "3 février 2025", "2019 – 2023".
    func date(_ value: String) -> String {
        if let (first, second) = ISOValue.rangeEnds(value) { return "\(date(first)) – \(date(second))" }
        let fields = ISOValue.fields(value)
        let months = monthNames
        switch fields.count {
        case 2 where (1...12).contains(fields[1]) && months.count == 12:
            let month = months[fields[1] - 1]
            return "\(language == .english ? month.capitalizedFirst : month) \(fields[0])"
        case 3 where (1...12).contains(fields[1]) && months.count == 12:
            let month = months[fields[1] - 1]
            return language == .english
                ? "\(month.capitalizedFirst) \(fields[2]), \(fields[0])"
                : "\(fields[2] == 1 ? "1er" : String(fields[2])) \(month) \(fields[0])"
        default:
            return value
        }
    }

    func date(_ mention: DateMention) -> String {
        guard let value = mention.value else { return mention.text }
        var text = date(value)
        if let bound = mention.bound { text = "\(word(bound == .until ? "until" : "since")) \(text)" }
        if let qualifier = mention.qualifier { text += " (\(qualifier))" }
        return text
    }

    /// "plus de 10 Md USD" / "more than USD 10 billion": the value as a reader says it.
    func amount(_ amount: Amount) -> String {
        let (scaled, unit) = scale(amount.value, plural: amount.qualifier == .several)
        let number = number(scaled)
        let prefix: String
        switch amount.qualifier {
        case .exact: prefix = ""
        case .moreThan: prefix = word("more_than") + " "
        case .lessThan: prefix = word("less_than") + " "
        case .about: prefix = word("about") + " "
        case .several: prefix = word("several") + " "
        }
        let body = amount.qualifier == .several ? unit.trimmingWhitespace() : "\(number)\(unit)"
        return language == .english ? "\(prefix)\(amount.currency) \(body)" : "\(prefix)\(body) \(amount.currency)"
    }

    private static let units: [(Double, String, String)] = [
        (1e12, " trillion", " billions de"), (1e9, " billion", " milliards"), (1e6, " million", " millions"),
    ]

    private func scale(_ value: Double, plural: Bool) -> (Double, String) {
        for (size, english, french) in Self.units where value >= size {
            var frenchUnit = french
            if size == 1e12 { frenchUnit = " mille milliards" }
            if value / size < 2, language == .french, !plural { frenchUnit = String(frenchUnit.dropLast(frenchUnit.hasSuffix("s") ? 1 : 0)) }
            return (value / size, language == .english ? english : frenchUnit)
        }
        return (value, "")
    }

    func number(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        var text = rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
        if language == .french { text = text.replacingDot(with: ",") }
        return text
    }
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }

    /// Every "." replaced, found on UTF-8 bytes (a `split` walks grapheme clusters).
    func replacingDot(with replacement: String) -> String {
        guard utf8.contains(UInt8(ascii: ".")) else { return self }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count + replacement.utf8.count)
        for byte in utf8 {
            if byte == UInt8(ascii: ".") { bytes.append(contentsOf: replacement.utf8) } else { bytes.append(byte) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
