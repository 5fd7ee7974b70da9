import Foundation
import Testing
@testable import ReportKit

/// The repository root, found from this file's path, so tests run from any working directory.
let repositoryRoot: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The user's article, read (never copied) from the shared folder beside the repository.
let seedPath = repositoryRoot.appendingPathComponent("../shared/seed/000_6ce7a8b7e7fc24bb.txt").standardizedFileURL.path
let evalArticlesPath = repositoryRoot.appendingPathComponent("../shared/eval/dev/articles").standardizedFileURL.path

/// One folder per test process holds every test's scratch folder, so a single removal at exit
/// cleans up after the whole run (a leftover per test added up to thousands of folders a day).
private let testRunFolder: String = {
    let path = FileManager.default.temporaryDirectory
        .appendingPathComponent("reportgen-tests-\(getpid())-\(UUID().uuidString)").path
    atexit { try? FileManager.default.removeItem(atPath: testRunFolder) }
    return path
}()

func temporaryFolder() throws -> String {
    let path = (testRunFolder as NSString).appendingPathComponent(UUID().uuidString)
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

@discardableResult
func writeFile(_ folder: String, _ name: String, _ text: String) throws -> String {
    let path = (folder as NSString).appendingPathComponent(name)
    try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    return path
}

func read(_ path: String) throws -> String {
    try String(contentsOfFile: path, encoding: .utf8)
}

func loadArticle(_ text: String, name: String = "article.txt") throws -> Article {
    try ArticleLoader().load(bytes: Array(text.utf8), path: name).article
}

/// Every file under `folder` with its bytes, for comparing whole sites.
func snapshot(_ folder: String) throws -> [String: Data] {
    // The output is a link to its published generation: read what it points to.
    let folder = realPath(folder)
    var result: [String: Data] = [:]
    let enumerator = FileManager.default.enumerator(atPath: folder)
    while let relative = enumerator?.nextObject() as? String {
        let full = (folder as NSString).appendingPathComponent(relative)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory) else { continue }
        if !isDirectory.boolValue && !relative.hasPrefix(".reportgen") { result[relative] = FileManager.default.contents(atPath: full) }
    }
    return result
}
typealias Place = ReportKit.SourceLocation

func realPath(_ path: String) -> String {
    guard let resolved = realpath(path, nil) else { return path }
    defer { free(resolved) }
    return String(cString: resolved)
}

/// Runs `body`, which must fail with a diagnostic: returns it, or records an issue when
/// `body` succeeds.
func expectDiagnostic(_ body: () throws(Diagnostic) -> Void,
                      sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Diagnostic? {
    do {
        try body()
    } catch {
        return error
    }
    Issue.record("expected an error", sourceLocation: sourceLocation)
    return nil
}

/// The most recently built reportgen binary (release or debug), for tests that run the real
/// command; nil when none is built.
func builtBinary() -> String? {
    ["release", "debug"].map { repositoryRoot.appendingPathComponent(".build/\($0)/reportgen").path }
        .filter { FileManager.default.isExecutableFile(atPath: $0) }
        .max { modified($0) < modified($1) }
}

private func modified(_ path: String) -> Date {
    (try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date) ?? .distantPast
}

/// A small fixed-seed generator (SplitMix64), so that randomised tests are the same on every run.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
