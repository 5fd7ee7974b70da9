import ReportKit

nonisolated(unsafe) let understanding = try! Understanding(extraGazetteer: nil)

/// Bytes → article → every recogniser → Markdown escaping and libcmark: no crash, no hang, and
/// escaped text never becomes markup.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzUnderstanding(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let loaded = try? ArticleLoader().load(bytes: bytes, path: "fuzz.txt") else { return 0 }
    _ = try? understanding.facts(for: loaded, fallbackPublished: CalendarDay(year: 2025, month: 2, day: 12))
    let text = String(decoding: bytes, as: UTF8.self)
    let html = MarkdownToHTML().render("Text: " + MarkdownEscaping.escape(text))
    if html.contains("<script") || html.contains("<a ") || html.contains("<img") { fatalError("escaped text became markup") }
    return 0
}
