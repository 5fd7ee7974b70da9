import CCmark
import Foundation

/// Converts Markdown to HTML with libcmark, in safe mode (raw HTML and dangerous URLs are
/// dropped by cmark itself), and turns the template convention `[text](anchor:ID)` into
/// `<span class="anchor" id="ID">text</span>` so that pages can link to any sentence or heading.
/// A paragraph made only of `[](figure:NAME)` is replaced by the figure (an SVG that reportgen
/// drew and escaped itself); article text never reaches a figure slot because it is escaped.
public struct MarkdownToHTML: Sendable {
    /// The figure scheme is compared with `strncmp` on cmark's C strings (7 bytes); anchors are
    /// found in the rendered HTML.
    public static let anchorScheme = "anchor:"
    public static let figureScheme = "figure:"

    public init() {}

    public func render(_ markdown: String, figures: [String: String] = [:]) -> String {
        String(decoding: render(bytes: Array(markdown.utf8), figures: figures.mapValues { Array($0.utf8) }), as: UTF8.self)
    }

    /// The same on UTF-8 bytes: page bodies go from the template to cmark to the layout
    /// without becoming strings.
    func render(bytes markdown: [UInt8], figures: [String: [UInt8]] = [:]) -> [UInt8] {
        render(bytes: markdown, figures: figures, links: TemplateLinks.Targets(), anchorLinks: true) ?? []
    }

    /// The same for Markdown whose template wrote links as marks (`TemplateLinks`), with their
    /// targets in order; nil when the HTML does not hold exactly those marks, and the page must be
    /// rendered again without them. `anchorLinks`: whether libcmark may also have written links to
    /// `anchor:` addresses, to be converted as the template convention says.
    func render(bytes markdown: [UInt8], figures: [String: [UInt8]], links: TemplateLinks.Targets, anchorLinks: Bool) -> [UInt8]? {
        // Everything libcmark allocates for this page comes from the thread's arena and is
        // dropped at once when the HTML has been copied out (no tree walk to free it).
        defer { CmarkArena.reset() }
        guard let parser = cmark_parser_new_with_mem(CMARK_OPT_DEFAULT, CmarkArena.allocator) else { return [] }
        markdown.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in cmark_parser_feed(parser, chars.baseAddress, chars.count) }
        }
        guard let document = cmark_parser_finish(parser) else { return [] }
        insertFigures(figures, in: document)
        guard let html = cmark_render_html(document, CMARK_OPT_DEFAULT) else { return [] }
        let length = strlen(html)
        return html.withMemoryRebound(to: UInt8.self, capacity: length) { html -> [UInt8]? in
            let rendered = UnsafeBufferPointer(start: html, count: length)
            guard links.count > 0 else { return anchorLinks ? Self.convertingAnchors(rendered) : Array(rendered) }
            guard let resolved = TemplateLinks.resolve(rendered, targets: links) else { return nil }
            return anchorLinks ? resolved.withUnsafeBufferPointer { Self.convertingAnchors($0) } : resolved
        }
    }

    private static let anchorOpening = Array("<a href=\"\(anchorScheme)".utf8)
    static let anchorSchemeBytes = Array(anchorScheme.utf8)
    private static let linkClosing = Array("</a>".utf8)
    private static let quoteMark = [UInt8(ascii: "\"")], tagCloser = [UInt8(ascii: ">")]

    /// Turns the links libcmark rendered for `anchor:` URLs into spans, in the HTML itself:
    /// walking every page's node tree to find them cost more (libcmark's part of 29 articles went
    /// from 44.3 M to 40.5 M instructions). Only libcmark writes `<a href="anchor:`: inserted
    /// text is escaped (its `<` is `&lt;`) and the figures link to `#` targets only. Links never
    /// nest, so the next `</a>` closes it, and libcmark's escaping of an `href` leaves the
    /// characters an identifier may hold unchanged.
    static func convertingAnchors(_ html: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        // A link (`<a href="anchor:` 16 bytes, `">` 2, `</a>` 4, around its text and an identifier
        // of one byte at least) becomes a span 12 bytes longer (`<span class="anchor" id="` 25,
        // `">` 2, `</span>` 7): the output is under 1.6 times the input, and twice is room enough.
        SizedWriter.bytes(capacity: 2 * html.count + 16) { (out: inout SizedWriter) in
            var position = 0
            while let start = find(anchorOpening, in: html, from: position) {
                out.copy(UnsafeBufferPointer(rebasing: html[position..<start]))
                let idStart = start + anchorOpening.count
                guard let quote = find(quoteMark, in: html, from: idStart),
                      let tagEnd = find(tagCloser, in: html, from: quote),
                      let close = find(linkClosing, in: html, from: tagEnd) else {
                    position = start
                    break
                }
                let id = UnsafeBufferPointer(rebasing: html[idStart..<quote])
                let safe = isSafeIdentifier(id)
                // An identifier that could not be an attribute leaves the text, without the link.
                if safe {
                    out.copy(#"<span class="anchor" id=""#)
                    out.copy(id)
                    out.copy(#"">"#)
                }
                out.copy(UnsafeBufferPointer(rebasing: html[(tagEnd + 1)..<close]))
                if safe { out.copy("</span>") }
                position = close + linkClosing.count
            }
            out.copy(UnsafeBufferPointer(rebasing: html[position...]))
        }
    }

    /// The offset of `pattern` in `bytes` at or after `start`: `memchr` finds each candidate
    /// first byte (memmem is a GNU extension Swift's Glibc module does not show).
    static func find(_ pattern: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, from start: Int = 0) -> Int? {
        guard let base = bytes.baseAddress, let first = pattern.first else { return nil }
        var offset = start
        while offset + pattern.count <= bytes.count {
            guard let hit = memchr(base + offset, Int32(first), bytes.count - offset) else { return nil }
            let candidate = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            guard candidate + pattern.count <= bytes.count else { return nil }
            // Most `<` open other tags: the second byte rules them out without a call.
            if pattern.count == 1 || (base[candidate + 1] == pattern[1] && memcmp(base + candidate, pattern, pattern.count) == 0) {
                return candidate
            }
            offset = candidate + 1
        }
        return nil
    }

    /// Figures are bytes (the article HTML is made as bytes: a `String` of it was validated
    /// once more for nothing); libcmark copies each into its node.
    private func insertFigures(_ figures: [String: [UInt8]], in document: OpaquePointer) {
        var slots: [(paragraph: OpaquePointer, name: String)] = []
        var child = cmark_node_first_child(document)
        while let node = child {
            child = cmark_node_next(node)
            guard cmark_node_get_type(node) == CMARK_NODE_PARAGRAPH, let link = cmark_node_first_child(node),
                  cmark_node_next(link) == nil, cmark_node_get_type(link) == CMARK_NODE_LINK,
                  let url = cmark_node_get_url(link), strncmp(url, Self.figureScheme, 7) == 0 else { continue }
            slots.append((node, String(cString: url + 7)))
        }
        for (paragraph, name) in slots {
            guard let block = cmark_node_new_with_mem(CMARK_NODE_CUSTOM_BLOCK, CmarkArena.allocator) else { continue }
            var figure = figures[name] ?? []
            figure.append(0)
            _ = figure.withUnsafeBufferPointer { bytes in
                bytes.withMemoryRebound(to: CChar.self) { cmark_node_set_on_enter(block, $0.baseAddress) }
            }
            cmark_node_set_on_exit(block, "")
            cmark_node_replace(paragraph, block)
            cmark_node_free(paragraph)
        }
    }

    static func isSafeIdentifier(_ id: String) -> Bool {
        var id = id
        return id.withUTF8 { isSafeIdentifier($0) }
    }

    static func isSafeIdentifier(_ id: UnsafeBufferPointer<UInt8>) -> Bool {
        !id.isEmpty && id.count <= 64 && id.allSatisfy { byte in
            (byte >= 97 && byte <= 122) || (byte >= 65 && byte <= 90) || (byte >= 48 && byte <= 57) || byte == 45 || byte == 95
        }
    }
}
