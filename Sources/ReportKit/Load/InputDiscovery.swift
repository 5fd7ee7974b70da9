import Foundation

/// Expands the inputs of a build (files and folders) into the article files to read, in a
/// stable order, following folders recursively without looping on symbolic links.
public enum InputDiscovery {
    public static let articleExtensions: Set<String> = ["txt", "md", "markdown"]

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
            files += found.sorted()
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
        let fileManager = FileManager.default
        let names = ((try? fileManager.contentsOfDirectory(atPath: folder)) ?? []).sorted()
        for name in names where !name.hasPrefix(".") {
            let path = (folder as NSString).appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            guard fileManager.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                collect(path, into: &files, visited: &visited)
            } else if articleExtensions.contains((name as NSString).pathExtension.lowercased()),
                      !name.uppercased().hasPrefix("README") {
                files.append(path)
            }
        }
    }
}
