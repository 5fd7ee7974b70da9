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

    func field(_ name: StaticString, _ value: String) { key(staticName: name); string(value) }
    func field(_ name: StaticString, _ value: Int) { key(staticName: name); integer(value) }
    func field(_ name: StaticString, _ value: String?) { if let value { field(name, value) } }
    func field(_ name: StaticString, _ value: Bool) { key(staticName: name); flag(value) }
    func field(_ name: StaticString, _ value: Int?) { if let value { field(name, value) } }
    func field(_ name: StaticString, _ value: Double) throws { key(staticName: name); try double(value) }
    func field<R: RawRepresentable>(_ name: StaticString, _ value: R?) where R.RawValue == String {
        if let value { field(name, value.rawValue) }
    }
    func field(_ name: StaticString, _ values: [String]) {
        key(staticName: name)
        begin(object: false, at: depth)
        for value in values { element(); string(value) }
        closeContainers(downTo: depth - 1)
    }

    func field<T: JSONFastWritable>(_ name: StaticString, _ value: T?) {
        guard let value else { return }
        key(staticName: name)
        value.writeJSON(to: self)
    }
}

extension Array: JSONFastWritable where Element: JSONFastWritable {
    func writeJSON(to json: JSONWriterState) {
        json.begin(object: false, at: json.depth)
        // Elements read in place: a loop over the array copied each one, with its strings.
        withUnsafeBufferPointer { elements in
            for index in elements.indices {
                json.element()
                elements[index].writeJSON(to: json)
            }
        }
        json.closeContainers(downTo: json.depth - 1)
    }
}

extension SourceLocation: JSONFastWritable {
    func writeJSON(to json: JSONWriterState) {
        if json.pair("line", line, "column", column) { return }
        json.openObject()
        json.field("line", line)
        json.field("column", column)
        json.closeObject()
    }
}

extension TextRange: JSONFastWritable {
    func writeJSON(to json: JSONWriterState) {
        if json.pair("start", start, "end", end) { return }
        json.openObject()
        json.field("start", start)
        json.field("end", end)
        json.closeObject()
    }
}

extension Sentence: JSONFastWritable {
    func writeJSON(to json: JSONWriterState) {
        // A report's sentences are most of report.json: their fixed bytes go in three runs.
        if json.sentence(id: id, text: text, range: range, location: location) { return }
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
    /// All by hand: going through `Encoder` for the facts cost more than writing them.
    func writeJSON(to json: JSONWriterState) throws {
        json.openObject()
        json.field("schemaVersion", schemaVersion)
        json.field("generator", generator)
        json.field("metadata", metadata)
        json.field("headline", headline)
        json.field("sections", sections)
        json.field("wordCount", wordCount)
        json.field("truncation", truncation)
        json.field("entities", entities)
        json.field("dates", dates)
        json.key(staticName: "amounts"); json.begin(object: false, at: json.depth)
        for amount in amounts { json.element(); try amount.writeJSON(to: json) }
        json.closeContainers(downTo: json.depth - 1)
        json.field("quotes", quotes)
        json.field("claims", claims)
        json.field("events", events)
        json.field("relations", relations)
        json.closeObject()
    }
}

extension Metadata: JSONFastWritable {
    func writeJSON(to json: JSONWriterState) {
        json.openObject()
        json.field("sourcePath", sourcePath)
        json.field("slug", slug)
        json.field("title", title)
        json.field("source", source)
        json.field("url", url)
        json.field("published", published?.iso)
        json.field("language", language)
        json.field("languageWasDetected", languageWasDetected)
        json.field("author", author)
        json.field("entities", entities)
        json.closeObject()
    }
}

extension Headline: JSONFastWritable {
    func writeJSON(to json: JSONWriterState) {
        json.openObject()
        json.field("text", text)
        json.field("origin", origin)
        json.field("location", location)
        json.closeObject()
    }
}

extension Truncation: JSONFastWritable {
    func writeJSON(to json: JSONWriterState) {
        json.openObject()
        json.field("paywall", paywall)
        json.field("notice", notice)
        json.field("endsMidSentence", endsMidSentence)
        json.field("unfinishedSentence", unfinishedSentence)
        json.field("lastCompleteSentence", lastCompleteSentence)
        json.field("droppedEmbeds", droppedEmbeds)
        json.field("cutSection", cutSection)
        json.field("emptyTrailingSections", emptyTrailingSections)
        json.closeObject()
    }
}

extension PublisherNotice: JSONFastWritable {
    func writeJSON(to json: JSONWriterState) {
        json.openObject()
        json.field("text", text)
        json.field("location", location)
        json.field("remainingPercent", remainingPercent)
        json.field("matchedWording", matchedWording)
        json.closeObject()
    }
}

extension DroppedEmbed: JSONFastWritable {
    func writeJSON(to json: JSONWriterState) {
        json.openObject()
        json.field("sentence", sentence)
        json.field("text", text)
        json.field("location", location)
        json.field("section", section)
        json.field("reason", reason)
        json.closeObject()
    }
}

extension Entity: JSONFastWritable {
    func writeJSON(to json: JSONWriterState) {
        json.openObject()
        json.field("id", id)
        json.field("name", name)
        json.field("kind", kind)
        json.field("aliases", aliases)
        json.field("role", role)
        json.field("roleOrganization", roleOrganization)
        json.field("roleSentence", roleSentence)
        json.field("description", description)
        json.field("mentions", mentions)
        json.closeObject()
    }
}

extension Mention: JSONFastWritable {
    func writeJSON(to json: JSONWriterState) {
        if json.pair("sentence", sentence, "text", text) { return }
        json.openObject()
        json.field("sentence", sentence)
        json.field("text", text)
        json.closeObject()
    }
}

extension DateMention: JSONFastWritable {
    func writeJSON(to json: JSONWriterState) {
        json.openObject()
        json.field("text", text)
        json.field("value", value)
        json.field("precision", precision)
        json.field("relative", relative)
        json.field("sentence", sentence)
        json.field("qualifier", qualifier)
        json.field("bound", bound)
        json.field("anchor", anchor)
        json.closeObject()
    }
}

extension Amount {
    func writeJSON(to json: JSONWriterState) throws {
        json.openObject()
        json.field("text", text)
        try json.field("value", value)
        json.field("currency", currency)
        json.field("qualifier", qualifier)
        json.field("sentence", sentence)
        json.field("currencyInferred", currencyInferred)
        json.closeObject()
    }
}

extension Quote: JSONFastWritable {
    func writeJSON(to json: JSONWriterState) {
        json.openObject()
        json.field("text", text)
        json.field("speaker", speaker)
        json.field("attribution", attribution)
        json.field("sentence", sentence)
        json.closeObject()
    }
}

extension Claim: JSONFastWritable {
    func writeJSON(to json: JSONWriterState) {
        json.openObject()
        json.field("sentence", sentence)
        json.field("status", status)
        json.field("source", source)
        json.field("cues", cues)
        json.closeObject()
    }
}

extension Event: JSONFastWritable {
    func writeJSON(to json: JSONWriterState) {
        json.openObject()
        json.field("id", id)
        json.field("summary", summary)
        json.field("date", date)
        json.field("participants", participants)
        json.field("status", status)
        json.field("sentence", sentence)
        json.closeObject()
    }
}

extension Relation: JSONFastWritable {
    func writeJSON(to json: JSONWriterState) {
        json.openObject()
        json.field("source", source)
        json.field("target", target)
        json.field("kind", kind)
        json.field("status", status)
        json.field("sentence", sentence)
        json.field("cue", cue)
        json.closeObject()
    }
}
