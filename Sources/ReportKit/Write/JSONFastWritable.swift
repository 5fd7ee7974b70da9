/// Types that write themselves to JSON without going through `Encoder`: the article text
/// (sections, paragraphs, sentences, places) is most of report.json, and Codable's generic
/// containers cost more than the bytes. The keys and order are those the synthesized
/// `Codable` conformances use, so `JSONDecoder` reads the result back (tested).
protocol JSONFastWritable {
    func writeJSON(to json: JSONWriterState)
}

extension JSONWriterState {
    func openObject() { begin(object: true, at: depth) }
    func closeObject() { closeContainers(downTo: depth - 1) }

    func field(_ name: String, _ value: String) { key(name); string(value) }
    func field(_ name: String, _ value: Int) { key(name); integer(value) }
    func field(_ name: String, _ value: String?) { if let value { field(name, value) } }
    func field<T: JSONFastWritable>(_ name: String, _ value: T?) {
        guard let value else { return }
        key(name)
        value.writeJSON(to: self)
    }
}

extension Array: JSONFastWritable where Element: JSONFastWritable {
    func writeJSON(to json: JSONWriterState) {
        json.begin(object: false, at: json.depth)
        for element in self {
            json.element()
            element.writeJSON(to: json)
        }
        json.closeContainers(downTo: json.depth - 1)
    }
}

extension SourceLocation: JSONFastWritable {
    func writeJSON(to json: JSONWriterState) {
        json.openObject()
        json.field("line", line)
        json.field("column", column)
        json.closeObject()
    }
}

extension TextRange: JSONFastWritable {
    func writeJSON(to json: JSONWriterState) {
        json.openObject()
        json.field("start", start)
        json.field("end", end)
        json.closeObject()
    }
}

extension Sentence: JSONFastWritable {
    func writeJSON(to json: JSONWriterState) {
        json.openObject()
        json.field("id", id)
        json.field("text", text)
        json.field("range", range)
        json.field("location", location)
        json.closeObject()
    }
}

extension Paragraph: JSONFastWritable {
    func writeJSON(to json: JSONWriterState) {
        json.openObject()
        json.field("id", id)
        json.field("location", location)
        json.field("sentences", sentences)
        json.closeObject()
    }
}

extension Section: JSONFastWritable {
    func writeJSON(to json: JSONWriterState) {
        json.openObject()
        json.field("id", id)
        json.field("heading", heading)
        json.field("headingLocation", headingLocation)
        json.field("paragraphs", paragraphs)
        json.closeObject()
    }
}

extension Report {
    /// The article text by hand, the facts through `Codable`.
    func writeJSON(to json: JSONWriterState) throws {
        json.openObject()
        json.field("schemaVersion", schemaVersion)
        json.field("generator", generator)
        json.key("metadata"); try json.encodeValue(metadata)
        json.key("headline"); try json.encodeValue(headline)
        json.field("sections", sections)
        json.field("wordCount", wordCount)
        json.key("truncation"); try json.encodeValue(truncation)
        json.key("entities"); try json.encodeValue(entities)
        json.key("dates"); try json.encodeValue(dates)
        json.key("amounts"); try json.encodeValue(amounts)
        json.key("quotes"); try json.encodeValue(quotes)
        json.key("claims"); try json.encodeValue(claims)
        json.key("events"); try json.encodeValue(events)
        json.key("relations"); try json.encodeValue(relations)
        json.closeObject()
    }
}
