import Foundation

/// Writes files into the staging folder. File I/O is a small set of closures so that tests can
/// make a write fail (full disk, permissions) and check that the output stays intact.
public struct FileOperations: Sendable {
    public var write: @Sendable (_ path: String, _ bytes: [UInt8]) throws -> Void
    public var createDirectory: @Sendable (_ path: String) throws -> Void

    public init(write: @escaping @Sendable (String, [UInt8]) throws -> Void,
                createDirectory: @escaping @Sendable (String) throws -> Void) {
        self.write = write
        self.createDirectory = createDirectory
    }

    public static let live = FileOperations(
        write: { path, bytes in
            guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
            }
        },
        createDirectory: { path in
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        })
}

struct SiteWriter {
    let root: String
    let operations: FileOperations
    private var created: Set<String> = []

    init(root: String, operations: FileOperations) {
        self.root = root
        self.operations = operations
    }

    /// Writes `bytes` at `relativePath` (made of slugs and fixed names only).
    mutating func write(_ relativePath: String, _ bytes: [UInt8]) throws(Diagnostic) {
        let full = (root as NSString).appendingPathComponent(relativePath)
        let folder = (full as NSString).deletingLastPathComponent
        do {
            if !created.contains(folder) {
                try operations.createDirectory(folder)
                created.insert(folder)
            }
            try operations.write(full, bytes)
        } catch {
            throw .error(.writeFailed, file: full, "cannot write: \(error.localizedDescription)",
                hint: "check free disk space and permissions; the previous site was left as it was")
        }
    }

    mutating func write(_ relativePath: String, _ text: String) throws(Diagnostic) {
        try write(relativePath, Array(text.utf8))
    }
}
