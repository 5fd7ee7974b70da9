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
    /// What ends the author's name after "Par " or "By ".
    private static let nameStops: Set<Character> = [",", "—", "–", "|", "(", "·"]

    func read(_ block: Block) -> Byline? {
        let text = block.text
        // The opener first: counting characters walks the whole block, and most first blocks
        // are not bylines.
        guard block.kind == .text, let opener = Self.openers.first(where: { text.hasPrefix($0) }),
              text.utf8.count <= 200 || text.count <= 200 else { return nil }
        let rest = text.dropFirst(opener.count)
        var author: String?
        if opener == "Par " || opener == "By " {
            let name = rest.prefix { !Self.nameStops.contains($0) }.trimmingWhitespace()
            if !name.isEmpty, name.count <= 60, name.first?.isUppercase == true { author = name }
        }
        return Byline(text: text, author: author, date: Self.date(in: text))
    }

    /// "26 août 2024", "1er mars 2025", "March 3, 2025", "3 March 2025" or "2025-03-03".
    static func date(in text: String) -> CalendarDay? {
        // Every form holds a digit. Words are cut at separator scalars, not characters (a
        // grapheme walk), and only those with a letter can name a month.
        guard text.utf8.contains(where: { $0 >= 48 && $0 <= 57 }) else { return nil }
        let words = text.unicodeScalars.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "—" || $0 == "|" || $0 == "·" })
            .map { String(Substring($0)) }
        for (index, word) in words.enumerated() {
            if word.utf8.count >= 10, let day = CalendarDay(iso: word) { return day }
            guard word.unicodeScalars.contains(where: \.isLetter) else { continue }
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
