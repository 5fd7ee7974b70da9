/// Reads a byline under the headline ("Par Nadia Barbier, à Lyon — 26 août 2024", "By Jane Roe |
/// March 3, 2025"): the author and the publication date, when front matter does not give them.
/// The date anchors relative expressions such as "le mois dernier".
struct BylineReader {
    struct Byline {
        var text: String
        var author: String?
        var date: CalendarDay?
    }

    static let openers: [String] = ["Par ", "By ", "Publié le ", "Published "]

    func read(_ block: Block) -> Byline? {
        let text = block.text
        guard block.kind == .text, text.count <= 200, let opener = Self.openers.first(where: { text.hasPrefix($0) }) else { return nil }
        let rest = text.dropFirst(opener.count)
        var author: String?
        if opener == "Par " || opener == "By " {
            let stops: Set<Character> = [",", "—", "–", "|", "(", "·"]
            let name = rest.prefix { !stops.contains($0) }.trimmingWhitespace()
            if !name.isEmpty, name.count <= 60, name.first?.isUppercase == true { author = name }
        }
        return Byline(text: text, author: author, date: Self.date(in: text))
    }

    /// "26 août 2024", "1er mars 2025", "March 3, 2025", "3 March 2025" or "2025-03-03".
    static func date(in text: String) -> CalendarDay? {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "—" || $0 == "|" || $0 == "·" }).map(String.init)
        for (index, word) in words.enumerated() {
            if let day = CalendarDay(iso: word) { return day }
            let folded = foldForMatching(word).trimmingCharactersIn(".")
            guard let month = MonthNames.french[folded] ?? MonthNames.english[folded] else { continue }
            func number(_ position: Int) -> Int? {
                guard words.indices.contains(position) else { return nil }
                var digits = words[position]
                for suffix in ["er", "st", "nd", "rd", "th"] where digits.hasSuffix(suffix) { digits = String(digits.dropLast(suffix.count)) }
                return Int(digits)
            }
            if let day = number(index - 1), let year = number(index + 1), let date = CalendarDay(year: year, month: month, day: day) {
                return date
            }
            if let day = number(index + 1), let year = number(index + 2), let date = CalendarDay(year: year, month: month, day: day) {
                return date
            }
        }
        return nil
    }
}
