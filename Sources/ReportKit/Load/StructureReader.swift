/// Reads normalised article text into an `Article`: headline, sections, paragraphs and
/// sentences with ids and source ranges, with the publisher's notice and the cut text described
/// in `Truncation` instead of being mixed into the body.
struct StructureReader {
    let path: String
    let format: BlockReader.Format
    let splitter = SentenceSplitter()

    /// `sentenceScalars` receives each sentence's scalars in reading order: understanding needs
    /// them, and copying them out of the block costs a tenth of decoding the sentence's text again.
    func read(text: String, frontMatter: FrontMatter, bodyText: Substring, slug: String,
              sentenceScalars: inout [[Unicode.Scalar]]) throws(Diagnostic) -> Article {
        let scalars = text.scalarArray
        let bodyStart = text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: bodyText.startIndex)
        let lines = LineTable(scalars)
        var slicer = SourceSlicer(text: text, scalars: scalars)
        var blocks = BlockReader(format: format).blocks(of: scalars, from: bodyStart)
        guard !blocks.isEmpty else {
            throw .error(.emptyArticle, file: path, location: lines.location(of: bodyStart),
                "the article has front matter but no text", hint: "add the article text after the closing '---'")
        }
        let language = frontMatter.language ?? LanguageDetector.detect(bodyText)

        // Headline: a Markdown `#` heading or a title-like first line; else front matter; else the file.
        let headline: Headline
        if case .heading = blocks[0].kind {
            headline = Headline(text: blocks[0].text, origin: format == .markdown ? .markdownHeading : .firstLine,
                                location: lines.location(of: blocks[0].firstOffset))
            blocks.removeFirst()
        } else if format == .plainText, blocks.count > 1, isTitleLike(blocks[0]) {
            headline = Headline(text: blocks[0].text, origin: .firstLine, location: lines.location(of: blocks[0].firstOffset))
            blocks.removeFirst()
        } else if let title = frontMatter.title {
            headline = Headline(text: title, origin: .frontMatter, location: nil)
        } else if let range = splitter.split(blocks[0].scalars).first {
            // No title line: the text opens with prose, whose first sentence says what it is about.
            let sentence = String(scalars: blocks[0].scalars[range])
            headline = Headline(text: sentence.truncated(to: 110), origin: .firstSentence,
                                location: lines.location(of: blocks[0].firstOffset))
        } else {
            headline = Headline(text: Self.title(fromFileName: path), origin: .fileName, location: nil)
        }

        // A byline under the headline is metadata, not body text.
        var byline: BylineReader.Byline?
        if let first = blocks.first, blocks.count > 1, let found = BylineReader().read(first) {
            byline = found
            blocks.removeFirst()
        }

        guard !blocks.isEmpty else {
            throw .error(.emptyArticle, file: path, location: headline.location,
                "the article has a headline but no text", hint: "add the article's paragraphs after the headline")
        }

        // Publisher notice: everything from it on is kept apart.
        let detector = TruncationDetector(language: language)
        var notice: PublisherNotice?
        if let start = detector.findNotice(in: blocks, splitter: splitter) {
            let noticeBlocks = blocks[start.block...]
            var parts = [String(scalars: noticeBlocks.first!.scalars[start.scalar...])]
            parts += noticeBlocks.dropFirst().map(\.text)
            let noticeText = parts.joined(separator: "\n")
            let offset = noticeBlocks.first!.sourceOffsets[start.scalar]
            notice = PublisherNotice(text: noticeText, location: lines.location(of: offset),
                                     remainingPercent: detector.remainingPercent(in: noticeText),
                                     matchedWording: start.wording)
            var kept = Array(blocks[..<start.block])
            if start.scalar > 0 {
                var head = blocks[start.block]
                head.scalars = Array(head.scalars[..<start.scalar])
                head.sourceOffsets = Array(head.sourceOffsets[..<start.scalar])
                while let last = head.scalars.last, last.isSpace { head.scalars.removeLast(); head.sourceOffsets.removeLast() }
                if !head.scalars.isEmpty { kept.append(head) }
            }
            blocks = kept
        }

        let headings = HeadingClassifier().headingIndices(blocks, splitter: splitter)
        var sections: [Section] = [Section(id: "sec-0", heading: nil, headingLocation: nil, paragraphs: [])]
        var sentenceNumber = 0, paragraphNumber = 0
        // For each paragraph: its block index, for truncation analysis.
        var paragraphBlocks: [(section: Int, paragraph: Int, block: Int)] = []
        var wordCount = 0
        for (index, block) in blocks.enumerated() {
            if headings.contains(index) {
                sections.append(Section(id: .identifier("sec-", sections.count), heading: block.text,
                                        headingLocation: lines.location(of: block.firstOffset), paragraphs: []))
                continue
            }
            paragraphNumber += 1
            var sentences: [Sentence] = []
            let ranges = splitter.split(block.scalars)
            sentences.reserveCapacity(ranges.count)
            for range in ranges {
                sentenceNumber += 1
                let sourceRange = block.sourceRange(range)
                let text = slicer.string(block.scalars[range], offsets: block.sourceOffsets[range])
                sentenceScalars.append(Array(block.scalars[range]))
                wordCount += countWords(scalars: block.scalars[range])
                sentences.append(Sentence(id: .identifier("s", sentenceNumber), text: text, range: sourceRange,
                                          location: lines.location(of: sourceRange.start)))
            }
            guard !sentences.isEmpty else { continue }
            sections[sections.count - 1].paragraphs.append(
                Paragraph(id: .identifier("p", paragraphNumber), location: lines.location(of: block.firstOffset), sentences: sentences))
            paragraphBlocks.append((sections.count - 1, sections[sections.count - 1].paragraphs.count - 1, index))
        }
        if sections[0].paragraphs.isEmpty && sections.count > 1 {
            // No lead: the text starts with a heading. Paragraph positions move with the sections.
            sections.removeFirst()
            paragraphBlocks = paragraphBlocks.map { ($0.section - 1, $0.paragraph, $0.block) }
        }

        var truncation = Truncation(paywall: notice != nil, notice: notice)
        analyseEnding(&truncation, sections: sections, blocks: blocks, headings: headings,
                      paragraphBlocks: paragraphBlocks, detector: detector, lines: lines)

        let metadata = Metadata(
            sourcePath: path, slug: slug, title: frontMatter.title ?? headline.text, source: frontMatter.source,
            url: frontMatter.url, published: frontMatter.published ?? byline?.date, language: language,
            languageWasDetected: frontMatter.language == nil, author: frontMatter.author ?? byline?.author,
            entities: frontMatter.entities)
        return Article(metadata: metadata, headline: headline, sections: sections, truncation: truncation, wordCount: wordCount)
    }

    private func analyseEnding(
        _ truncation: inout Truncation, sections: [Section], blocks: [Block], headings: Set<Int>,
        paragraphBlocks: [(section: Int, paragraph: Int, block: Int)], detector: TruncationDetector, lines: LineTable
    ) {
        // Trailing headings with nothing under them: sections announced but cut away.
        truncation.emptyTrailingSections = sections.reversed().prefix(while: { $0.paragraphs.isEmpty }).compactMap(\.heading).reversed()
        let sentences = Section.sentences(of: sections)
        if let last = sentences.last {
            let lastScalars = Array(last.text.unicodeScalars)
            let endsWithColon = lastScalars.last(where: { !$0.isSpace }) == ":"
            if !endsWithColon && detector.isUnfinished(lastScalars[...]) {
                truncation.endsMidSentence = true
                truncation.unfinishedSentence = last
                truncation.lastCompleteSentence = sentences.dropLast().last
            } else {
                truncation.lastCompleteSentence = last
            }
            if truncation.isTruncated || truncation.paywall {
                truncation.cutSection = sections.last(where: { !$0.paragraphs.isEmpty })?.heading
            }
        }

        // Dropped embeds: a paragraph ending in ":" whose announced content is not there.
        let gaps = blocks.dropFirst().map(\.blankLinesBefore).sorted()
        let usualGap = gaps.isEmpty ? 0 : gaps[gaps.count / 2]
        for entry in paragraphBlocks {
            let paragraph = sections[entry.section].paragraphs[entry.paragraph]
            guard let sentence = paragraph.sentences.last,
                  sentence.text.unicodeScalars.last(where: { !$0.isSpace }) == ":" else { continue }
            let nextIndex = entry.block + 1
            let reason: DroppedEmbed.Reason?
            if nextIndex >= blocks.count {
                reason = .endOfText
            } else if headings.contains(nextIndex) {
                reason = .followedByHeading
            } else if blocks[nextIndex].blankLinesBefore > usualGap && !detector.looksLikeAnnouncedContent(blocks[nextIndex]) {
                reason = .followedByUnrelatedParagraph
            } else {
                reason = nil
            }
            if let reason {
                truncation.droppedEmbeds.append(DroppedEmbed(
                    sentence: sentence.id, text: sentence.text, location: sentence.location,
                    section: sections[entry.section].heading, reason: reason))
            }
        }
    }

    /// A first line that reads as a title: short, one sentence, no final full stop.
    private func isTitleLike(_ block: Block) -> Bool {
        guard block.scalars.count <= 250, let last = block.lastScalar else { return false }
        if last == "." && !(block.scalars.suffix(3).elementsEqual(["."] + [".", "."])) { return false }
        if [",", ";", ":"].contains(last) { return false }
        return splitter.split(block.scalars).count <= 2
    }

    static func title(fromFileName path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let stem = name.split(separator: ".").dropLast().joined(separator: ".")
        let words = (stem.isEmpty ? name : stem).split(whereSeparator: { $0 == "-" || $0 == "_" || $0 == " " })
        guard let first = words.first else { return name }
        return ([first.prefix(1).uppercased() + first.dropFirst()] + words.dropFirst().map(String.init)).joined(separator: " ")
    }
}
