import Foundation

/// The output folder, treated as something people publish: a build writes into a staging folder
/// beside it and swaps it in only when everything succeeded, so a failed build leaves the
/// previous site as it was. reportgen only replaces folders that carry its marker file.
public struct OutputFolder {
    public static let markerName = ".reportgen-site"

    public let path: String
    let fileManager = FileManager.default

    public init(path: String) {
        self.path = (path as NSString).standardizingPath
    }

    private var parent: String { (path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent }
    private var name: String { (path as NSString).lastPathComponent }
    private var pid: Int32 { ProcessInfo.processInfo.processIdentifier }
    var stagingPath: String { (parent as NSString).appendingPathComponent(".\(name).staging-\(pid)") }
    private var retiredPath: String { (parent as NSString).appendingPathComponent(".\(name).old-\(pid)") }
    private var lockPath: String { (parent as NSString).appendingPathComponent(".\(name).lock") }

    /// Checks that the output may be replaced, takes the lock and creates an empty staging folder.
    public func beginBuild() throws(Diagnostic) -> String {
        var isDirectory: ObjCBool = false
        if fileManager.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw .error(.outputNotOwned, file: path, "the output path is a file, not a folder",
                    hint: "choose another --output")
            }
            let contents = (try? fileManager.contentsOfDirectory(atPath: path)) ?? []
            if !contents.isEmpty && !contents.contains(Self.markerName) {
                throw .error(.outputNotOwned, file: path,
                    "refusing to replace a non-empty folder that reportgen did not create",
                    hint: "choose an empty or new --output folder, or move its files away")
            }
        }
        try acquireLock()
        removeStaleSiblings()
        do {
            try fileManager.createDirectory(atPath: stagingPath, withIntermediateDirectories: true)
            try Data("reportgen \(ReportKitVersion.string)\n".utf8).write(to: URL(fileURLWithPath: (stagingPath as NSString).appendingPathComponent(Self.markerName)))
        } catch {
            releaseLock()
            throw .error(.writeFailed, file: stagingPath, "cannot create the staging folder: \(error.localizedDescription)",
                hint: "check that the folder containing the output is writable")
        }
        return stagingPath
    }

    /// Swaps the finished staging folder in place of the output.
    public func commit() throws(Diagnostic) {
        defer { releaseLock() }
        let hadOutput = fileManager.fileExists(atPath: path)
        do {
            if hadOutput { try fileManager.moveItem(atPath: path, toPath: retiredPath) }
            do {
                try fileManager.moveItem(atPath: stagingPath, toPath: path)
            } catch {
                if hadOutput { try? fileManager.moveItem(atPath: retiredPath, toPath: path) }
                throw error
            }
        } catch {
            try? fileManager.removeItem(atPath: stagingPath)
            throw .error(.writeFailed, file: path, "cannot move the new site into place: \(error.localizedDescription)")
        }
        if hadOutput { try? fileManager.removeItem(atPath: retiredPath) }
    }

    /// Throws away the staging folder; the previous output is untouched.
    public func abandon() {
        try? fileManager.removeItem(atPath: stagingPath)
        releaseLock()
    }

    private func acquireLock() throws(Diagnostic) {
        for _ in 0..<2 {
            let descriptor = open(lockPath, O_CREAT | O_EXCL | O_WRONLY, 0o644)
            if descriptor >= 0 {
                let text = "\(pid)\n"
                _ = text.withCString { write(descriptor, $0, strlen($0)) }
                close(descriptor)
                return
            }
            // A lock left by a build that no longer runs is stale.
            if let text = try? String(contentsOfFile: lockPath, encoding: .utf8),
               let owner = Int32(text.trimmingWhitespace()), owner != pid, kill(owner, 0) != 0 {
                unlink(lockPath)
                continue
            }
            break
        }
        throw .error(.outputLocked, file: path, "another reportgen build is writing this output (lock \(lockPath))",
            hint: "wait for it to finish; if no build is running, delete the lock file")
    }

    private func releaseLock() { unlink(lockPath) }

    /// Staging and retired folders left by builds that were killed.
    private func removeStaleSiblings() {
        let names = (try? fileManager.contentsOfDirectory(atPath: parent)) ?? []
        for entry in names where entry.hasPrefix(".\(name).staging-") || entry.hasPrefix(".\(name).old-") {
            guard let owner = Int32(entry.split(separator: "-").last ?? ""), owner != pid, kill(owner, 0) != 0 else { continue }
            let full = (parent as NSString).appendingPathComponent(entry)
            // Only folders that carry our marker, so nothing else is ever deleted.
            if fileManager.fileExists(atPath: (full as NSString).appendingPathComponent(Self.markerName)) {
                try? fileManager.removeItem(atPath: full)
            }
        }
    }
}
