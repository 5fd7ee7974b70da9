import Foundation

/// Expands the inputs of a build (files and folders) into the article files to read, in a
/// stable order, following folders recursively without looping on symbolic links.
public enum InputDiscovery {
    /// What an article's file name ends with, after a dot, in any case.
    static let articleExtensions: [StaticString] = ["txt", "md", "markdown"]

    public static func articleFiles(in inputs: [String]) throws(DiagnosticList) -> [String] {
        var files: [String] = []
        var problems: [Diagnostic] = []
        let fileManager = FileManager.default
        for input in inputs {
            var isDirectory: ObjCBool = false
            guard fileManager.fileExists(atPath: input, isDirectory: &isDirectory) else {
                problems.append(.error(.fileNotFound, file: input, "no such file or folder",
                    hint: "give article files (.txt, .md) or folders that contain them"))
                continue
            }
            if !isDirectory.boolValue {
                files.append(input)
                continue
            }
            var found: [String] = []
            var visited: Set<String> = []
            collect(input, into: &found, visited: &visited)
            if found.isEmpty {
                problems.append(.error(.noArticles, file: input, "the folder holds no article (.txt or .md file)",
                    hint: "put one article per file in it"))
            }
            // A flat folder's paths come out in order already (its entries are sorted, and they
            // share their folder): checking costs one comparison a file, sorting a dozen.
            files += found.isSortedAscending(by: { $0 }) ? found : found.sorted()
        }
        if !problems.isEmpty { throw DiagnosticList(problems) }
        return files
    }

    private static func collect(_ folder: String, into files: inout [String], visited: inout Set<String>) {
        // realpath(3): Foundation's resolvingSymlinksInPath leaves relative links unresolved here.
        guard let resolved = realpath(folder, nil) else { return }
        let real = String(cString: resolved)
        free(resolved)
        guard !visited.contains(real) else { return }
        visited.insert(real)
        // readdir's entry types say which entries are files and folders: Foundation's listing
        // and a stat per entry were a tenth of a one-article rebuild of 10,000 articles.
        guard let directory = opendir(folder) else { return }
        var entries: [Entry] = []
        while let entry = readdir(directory) {
            let type = entry.pointee.d_type
            // Names are judged on their bytes: a regular file that is no article makes no string.
            let found: Entry? = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                let bytes = UnsafeBufferPointer(start: raw.baseAddress!.assumingMemoryBound(to: UInt8.self),
                                                count: strnlen(raw.baseAddress!.assumingMemoryBound(to: CChar.self), raw.count))
                guard bytes.first != UInt8(ascii: "."), type != DT_REG || isArticleName(bytes) else { return nil }
                return Entry(bytes, type: type)
            }
            if let found { entries.append(found) }
        }
        closedir(directory)
        // Sorted by their first bytes as numbers, which is the order of `<` for the usual names
        // (sorting 10,000 strings with `<` was a fifth of finding them); any other order is sorted again.
        entries.sort { $0.precedes($1) }
        if !entries.isSortedAscending(by: \.name) {
            entries.sort { $0.name < $1.name }
        }
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        for entry in entries {
            let name = entry.name, type = entry.type
            let path = prefix + name
            let isDirectory: Bool
            switch Int(type) {
            case Int(DT_DIR): isDirectory = true
            case Int(DT_REG): isDirectory = false
            default:
                // A link or an unknown type: ask the file system, following links.
                var folderFlag: ObjCBool = false
                guard FileManager.default.fileExists(atPath: path, isDirectory: &folderFlag) else { continue }
                isDirectory = folderFlag.boolValue
            }
            if isDirectory {
                collect(path, into: &files, visited: &visited)
            } else if type == DT_REG || isArticleName(name) {
                files.append(path)
            }
        }
    }

    /// A folder entry, with its first sixteen bytes as two big-endian numbers to sort on.
    private struct Entry {
        let name: String
        let type: UInt8
        let high: UInt64, low: UInt64

        init(_ bytes: UnsafeBufferPointer<UInt8>, type: UInt8) {
            name = String(decoding: bytes, as: UTF8.self)
            self.type = type
            var high: UInt64 = 0, low: UInt64 = 0
            for index in 0..<8 { high = high << 8 | UInt64(index < bytes.count ? bytes[index] : 0) }
            for index in 8..<16 { low = low << 8 | UInt64(index < bytes.count ? bytes[index] : 0) }
            self.high = high
            self.low = low
        }

        /// Byte order (a shorter name first when it is the other's start).
        func precedes(_ other: Entry) -> Bool {
            if high != other.high { return high < other.high }
            if low != other.low { return low < other.low }
            return SiteManifest.precedes(name, other.name)
        }
    }

    /// An article's file name: one of `articleExtensions` in any case, and not a README.
    static func isArticleName(_ name: String) -> Bool {
        var name = name
        return name.withUTF8 { isArticleName($0) }
    }

    private static func isArticleName(_ name: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let dot = name.lastIndex(of: UInt8(ascii: ".")), dot != 0 else { return false }
        func hasASCII(_ word: StaticString, at start: Int, count: Int) -> Bool {
            guard count == word.utf8CodeUnitCount else { return false }
            for offset in 0..<count where name[start + offset] | 32 != word.utf8Start[offset] | 32 { return false }
            return true
        }
        let extensionCount = name.count - dot - 1
        for known in articleExtensions where hasASCII(known, at: dot + 1, count: extensionCount) {
            return !(name.count >= 6 && hasASCII("readme", at: 0, count: 6))
        }
        return false
    }
}

extension Array {
    /// Whether each element's key is at most the next one's (`<`), in one pass.
    func isSortedAscending<Key: Comparable>(by key: (Element) -> Key) -> Bool {
        indices.dropFirst().allSatisfy { !(key(self[$0]) < key(self[$0 - 1])) }
    }
}
