extension TemplateSet {
    /// Markdown template `name` as HTML: the links the template writes itself are made by
    /// reportgen (`TemplateLinks`), everything else by libcmark. With `makesLinks` false, libcmark
    /// makes them all: the same HTML, more slowly (tests compare both).
    func html(_ name: String, _ values: TemplateModel, language: Language? = nil, figures: [String: [UInt8]] = [:],
              makesLinks: Bool = true) throws(Diagnostic) -> [UInt8] {
        let markdown = MarkdownToHTML()
        if makesLinks {
            let (body, links, anchorLinks) = try renderMarkdown(name, values, language: language)
            if let html = markdown.render(bytes: body, figures: figures, links: links, anchorLinks: anchorLinks) { return html }
        }
        // Marks out of place (see `TemplateLinks`), or none asked for: libcmark reads every link.
        return markdown.render(bytes: try renderBytes(name, values, language: language), figures: figures)
    }
}
