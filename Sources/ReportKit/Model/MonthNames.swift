/// Month names and abbreviations, folded (lowercase, no accents), as the loader (bylines) and
/// the date recogniser read them.
public enum MonthNames {
    public static let french: [String: Int] = [
        "janvier": 1, "janv": 1, "fevrier": 2, "fevr": 2, "mars": 3, "avril": 4, "avr": 4, "mai": 5, "juin": 6,
        "juillet": 7, "juil": 7, "aout": 8, "septembre": 9, "octobre": 10, "oct": 10, "novembre": 11,
        "nov": 11, "decembre": 12, "dec": 12,
    ]
    public static let english: [String: Int] = [
        "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "april": 4, "apr": 4, "may": 5, "june": 6,
        "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9, "october": 10,
        "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
    ]
}
