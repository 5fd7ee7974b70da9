import Foundation
import Testing
@testable import ReportKit

@Suite("Finding the articles of a folder")
struct InputDiscoveryTests {
    @Test("articles are the .txt, .md and .markdown files in any case, not READMEs, hidden files or others, in path order")
    func articleFiles() throws {
        let folder = try temporaryFolder() + "/in"
        for name in ["a.txt", "B.MD", "c.Markdown", "README.md", "readme.txt", "Readme2.md", ".hidden.txt", "notes.doc",
                     "d.txt.bak", "noext", "sub/e.txt", "sub/README.txt", "a/z.txt", "z.txt", "\u{E9}.txt", "e\u{301}x.txt"] {
            _ = try writeFile(folder, name, "Titre\n\nUn texte.\n")
        }
        // A link to an article counts as one; a link back to the folder is not followed twice.
        try FileManager.default.createSymbolicLink(atPath: folder + "/link.txt", withDestinationPath: folder + "/a.txt")
        try FileManager.default.createSymbolicLink(atPath: folder + "/self", withDestinationPath: folder)
        let files = try InputDiscovery.articleFiles(in: [folder])
        // "a/z.txt" is found before "a.txt" (the folder sorts first) but ordered after it.
        // Names beyond ASCII in `<` order, a decomposed accent (bytes "e", U+0301) as its composed form.
        #expect(files == ["B.MD", "a.txt", "a/z.txt", "c.Markdown", "link.txt", "sub/e.txt", "z.txt", "\u{E9}.txt", "e\u{301}x.txt"]
            .map { folder + "/" + $0 })
        #expect(InputDiscovery.isArticleName("x.TxT") && !InputDiscovery.isArticleName("ReadMe.md") && !InputDiscovery.isArticleName(".md"))
        #expect(!InputDiscovery.isArticleName("x.txtx") && !InputDiscovery.isArticleName("x.") && !InputDiscovery.isArticleName("x"))
    }
}
