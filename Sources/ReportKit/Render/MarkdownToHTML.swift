import CCmark
import Foundation

/// Converts Markdown to HTML with libcmark, in safe mode (raw HTML and dangerous URLs are
/// dropped by cmark itself), and turns the template convention `[text](anchor:ID)` into
/// `<span class="anchor" id="ID">text</span>` so that pages can link to any sentence or heading.
/// A paragraph made only of `[](figure:NAME)` is replaced by the figure (an SVG that reportgen
/// drew and escaped itself); article text never reaches a figure slot because it is escaped.
public struct MarkdownToHTML: Sendable {
    /// Both schemes are 7 bytes long: they are compared with `strncmp` on cmark's C strings.
    public static let anchorScheme = "anchor:"
    public static let figureScheme = "figure:"

    public init() {}

    public func render(_ markdown: String, figures: [String: String] = [:]) -> String {
        String(decoding: render(bytes: Array(markdown.utf8), figures: figures.mapValues { Array($0.utf8) }), as: UTF8.self)
    }

    /// The same on UTF-8 bytes: page bodies go from the template to cmark to the layout
    /// without becoming strings.
    func render(bytes markdown: [UInt8], figures: [String: [UInt8]] = [:]) -> [UInt8] {
        // Everything libcmark allocates for this page comes from the thread's arena and is
        // dropped at once when the HTML has been copied out (no tree walk to free it).
        let arena = CmarkArena.current
        defer { arena.reset() }
        guard let parser = cmark_parser_new_with_mem(CMARK_OPT_DEFAULT, CmarkArena.allocator) else { return [] }
        markdown.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in cmark_parser_feed(parser, chars.baseAddress, chars.count) }
        }
        guard let document = cmark_parser_finish(parser) else { return [] }
        convertAnchors(in: document)
        insertFigures(figures, in: document)
        guard let html = cmark_render_html(document, CMARK_OPT_DEFAULT) else { return [] }
        let length = strlen(html)
        return html.withMemoryRebound(to: UInt8.self, capacity: length) { Array(UnsafeBufferPointer(start: $0, count: length)) }
    }

    private func convertAnchors(in document: OpaquePointer) {
        var anchors: [(node: OpaquePointer, id: String?)] = []
        let iterator = cmark_iter_new(document)
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator),
                  cmark_node_get_type(node) == CMARK_NODE_LINK, let url = cmark_node_get_url(node),
                  strncmp(url, Self.anchorScheme, 7) == 0 else { continue }
            // Compared in C first: most links are evidence links, and a String per URL showed.
            let id = String(cString: url + 7)
            // Only ids made of safe characters become attributes; anything else becomes plain text.
            anchors.append((node, Self.isSafeIdentifier(id) ? id : nil))
        }
        for (link, id) in anchors {
            guard let id else {
                while let child = cmark_node_first_child(link) { cmark_node_insert_before(link, child) }
                cmark_node_free(link)
                continue
            }
            guard let span = cmark_node_new_with_mem(CMARK_NODE_CUSTOM_INLINE, CmarkArena.allocator) else { continue }
            cmark_node_set_on_enter(span, "<span class=\"anchor\" id=\"\(id)\">")
            cmark_node_set_on_exit(span, "</span>")
            while let child = cmark_node_first_child(link) { cmark_node_append_child(span, child) }
            cmark_node_replace(link, span)
            cmark_node_free(link)
        }
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
            figure.withUnsafeBufferPointer { bytes in
                bytes.withMemoryRebound(to: CChar.self) { cmark_node_set_on_enter(block, $0.baseAddress) }
            }
            cmark_node_set_on_exit(block, "")
            cmark_node_replace(paragraph, block)
            cmark_node_free(paragraph)
        }
    }

    static func isSafeIdentifier(_ id: String) -> Bool {
        !id.isEmpty && id.utf8.count <= 64 && id.utf8.allSatisfy { byte in
            (byte >= 97 && byte <= 122) || (byte >= 65 && byte <= 90) || (byte >= 48 && byte <= 57) || byte == 45 || byte == 95
        }
    }
}
