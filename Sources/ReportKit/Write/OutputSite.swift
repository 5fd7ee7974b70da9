import Foundation

/// The published folder, treated as something people serve and upload.
///
/// `site` is a symbolic link to one of two generations beside it (`.site.gen-a`, `.site.gen-b`).
/// A build updates the generation that is not published: files whose bytes it already has are
/// left alone, files the published generation has are hard-linked (same inode, so the same
/// modification time for deploy tools), and only new bytes are written. The link is then
/// swapped atomically. An error, a kill or a full disk at any point leaves `site` on the old
/// generation, complete. reportgen only ever touches folders that carry its manifest.
public final class OutputSite: @unchecked Sendable {
    public let path: String
    let operations: FileOperations
    private let fileManager = FileManager.default
    private let lock = NSLock()
    private var createdFolders: Set<String> = []
    /// The open lock file while this build holds it, or -1.
    private var lockDescriptor: Int32 = -1

    private(set) var targetGeneration = ""
    private(set) var activeGeneration: String?
    /// What the published generation holds (nil on a first build).
    private(set) var active: SiteManifest?
    /// What the generation being updated held when its last build completed: its files only.
    private(set) var target: SiteManifest?
    /// Counters for the summary.
    private(set) var written = 0
    private(set) var linked = 0
    private(set) var kept = 0
    /// The generation being built existed before this build: any path in it may already be a
    /// hard link shared with the published generation, so it is unlinked before it is written.
    private var targetExisted = false
    /// Files found in the generation being built when it had no manifest (a killed build left
    /// them): listed before this build writes, so that a first build never lists what it wrote.
    private var suspectFiles: [String] = []

    public init(path: String, operations: FileOperations = .live) {
        // The path as given, without trailing slashes. Not standardizingPath: on Linux it resolves
        // the output's own link (relative to the working folder), so a rebuild would target a
        // generation instead of the link.
        var clean = path.isEmpty ? "." : path
        while clean.count > 1 && clean.hasSuffix("/") { clean.removeLast() }
        self.path = clean
        self.operations = operations
    }

    private var parent: String {
        let folder = (path as NSString).deletingLastPathComponent
        return folder.isEmpty ? "." : folder
    }
    private var name: String { (path as NSString).lastPathComponent }
    private func generationPath(_ letter: String) -> String { (parent as NSString).appendingPathComponent(".\(name).gen-\(letter)") }
    private var lockPath: String { (parent as NSString).appendingPathComponent(".\(name).lock") }
    private var pid: Int32 { ProcessInfo.processInfo.processIdentifier }

    /// Checks ownership, takes the lock, picks the generation to update and readies it.
    /// - Parameter useCache: false to rebuild every file (the unpublished generation is emptied).
    public func begin(useCache: Bool) throws(Diagnostic) {
        try claim(useCache: useCache, alongside: {})
        try prepareTarget(useCache: useCache)
    }

    /// Checks ownership, takes the lock, and reads what the two generations hold, running `work`
    /// meanwhile (the build makes its theme then). Neither generation's files change yet (an
    /// older layout is moved into the first generation, and links left by killed builds are
    /// removed), so the build can still stop without harm (`abandon`).
    func claim<Result>(useCache: Bool, alongside work: @escaping @Sendable () -> Result) throws(Diagnostic) -> Result {
        try checkOwnership()
        try acquireLock()
        do {
            try migrateFolderLayout()
            removeStaleLinks()
        } catch {
            releaseLock()
            throw .error(.writeFailed, file: path, "cannot prepare the output: \(error)",
                hint: "check that the folder containing \(path) is writable")
        }
        let current = (try? fileManager.destinationOfSymbolicLink(atPath: path)).map { ($0 as NSString).lastPathComponent }
        activeGeneration = current
        let letter = current == ".\(name).gen-a" ? "b" : "a"
        targetGeneration = generationPath(letter)
        guard useCache else { return work() }
        // The two manifests are read at once, and beside the work: on a large site each takes a
        // tenth of a rebuild. (Of the generation being rebuilt only the file digests are asked.)
        let activePath = current.map { (parent as NSString).appendingPathComponent($0) }
        let targetPath = targetGeneration
        let manifests = ResultSlots<SiteManifest?>(count: 2), result = ResultSlots<Result>(count: 1)
        ParallelLoop.run([
            { manifests.set(0, activePath.flatMap { Self.readManifest($0) }) },
            { result.set(0, work()) },
            { manifests.set(1, Self.readManifest(targetPath, filesOnly: true)) },
        ])
        active = manifests.values[0] ?? nil
        target = manifests.values[1] ?? nil
        return result.values[0]!
    }

    /// Readies the published manifest to be asked for the records of `inputs`, in their order.
    func prepareLookups(for inputs: [String]) {
        active?.indexSources(unlessOrderedAs: inputs)
    }

    /// Readies the generation being rebuilt: emptied without the cache, its manifest removed
    /// first (a build killed from then on leaves it marked unknown).
    func prepareTarget(useCache: Bool) throws(Diagnostic) {
        do {
            if !useCache { try? fileManager.removeItem(atPath: targetGeneration) }
            targetExisted = fileManager.fileExists(atPath: targetGeneration)
            suspectFiles = target == nil && targetExisted ? unknownFiles() : []
            try operations.createDirectory(targetGeneration)
            FolderPlacement.spreadSubfolders(of: targetGeneration)
            try operations.remove((targetGeneration as NSString).appendingPathComponent(SiteManifest.fileName))
            try operations.write((targetGeneration as NSString).appendingPathComponent(Self.ownerMarker),
                                 Array("reportgen \(ReportKitVersion.string)\n".utf8))
        } catch let diagnostic as Diagnostic {
            releaseLock()
            throw diagnostic
        } catch {
            releaseLock()
            throw .error(.writeFailed, file: targetGeneration, "cannot prepare the output: \(error)",
                hint: "check that the folder containing \(path) is writable")
        }
    }

    /// A small file that marks a generation as reportgen's even before its manifest exists.
    static let ownerMarker = ".reportgen-owner"

    /// The path of a file of the published generation.
    func publishedFile(_ relative: String) -> String {
        let generation = activeGeneration.map { (parent as NSString).appendingPathComponent($0) } ?? path
        return (generation as NSString).appendingPathComponent(relative)
    }

    /// What the two generations hold of one report's folder: looked up once per report, not
    /// once per file.
    struct ReportFolder {
        let slug: String
        fileprivate let built: [SiteManifest.Output]
        fileprivate let published: [SiteManifest.Output]
    }

    func folder(_ slug: String) -> ReportFolder {
        ReportFolder(slug: slug, built: target?.reportFiles[slug] ?? [], published: active?.reportFiles[slug] ?? [])
    }

    /// A file for a report's folder: its bytes, or nil when the published generation has it
    /// (a cached page, known by its digest).
    struct FolderFile {
        var name: String
        var bytes: [UInt8]?
        var digest: Digest
    }

    /// Puts a report's files in its folder of the generation being built, doing the least file
    /// work. The files already there are counted once per report: a lock taken for each of them
    /// was a tenth of what a rebuild does for an unchanged article.
    func place(_ files: [FolderFile], in folder: ReportFolder) throws(Diagnostic) {
        var kept = 0
        for file in files {
            // Most files of a rebuild are already there: decided before any path is built.
            if folder.built.digest(named: file.name) == file.digest {
                kept += 1
                continue
            }
            try store(folder.slug + "/" + file.name, file.bytes, linkable: folder.published.digest(named: file.name) == file.digest)
        }
        if kept > 0 {
            lock.lock(); self.kept += kept; lock.unlock()
        }
    }

    /// Puts a site-wide file (the index, the stylesheet…) in the generation being built.
    func place(siteFile path: String, _ bytes: [UInt8]?, digest: Digest) throws(Diagnostic) {
        if target?.siteFiles[path] == digest {
            count(\.kept)
            return
        }
        try store(path, bytes, linkable: active?.siteFiles[path] == digest)
    }

    /// Links the published generation's file when it has the same bytes (`linkable`), else writes.
    private func store(_ relative: String, _ bytes: [UInt8]?, linkable: Bool) throws(Diagnostic) {
        let full = targetGeneration + "/" + relative
        do {
            try ensureFolder((full as NSString).deletingLastPathComponent)
            if targetExisted { try operations.remove(full) }
            if linkable, let activeGeneration {
                let source = ((parent as NSString).appendingPathComponent(activeGeneration) as NSString).appendingPathComponent(relative)
                do {
                    try operations.link(source, full)
                    count(\.linked)
                    return
                } catch {
                    // Hard links can be refused (another file system, limits): write instead.
                    try? operations.remove(full)
                }
            }
            guard let bytes = bytes ?? FileOperations.readFile(publishedFile(relative)) else {
                throw FileOperations.SystemError(call: "read", path: publishedFile(relative), code: ENOENT)
            }
            try operations.write(full, bytes)
            count(\.written)
        } catch {
            throw .error(.writeFailed, file: full, "cannot write: \(error)",
                hint: "check free disk space and permissions; the published site was left as it was")
        }
    }

    private func count(_ counter: ReferenceWritableKeyPath<OutputSite, Int>) {
        lock.lock(); self[keyPath: counter] += 1; lock.unlock()
    }

    private func ensureFolder(_ folder: String) throws {
        lock.lock()
        let known = createdFolders.contains(folder)
        lock.unlock()
        guard !known else { return }
        try operations.createDirectory(folder)
        lock.lock(); createdFolders.insert(folder); lock.unlock()
    }

    /// Removes what the new site no longer has, records the manifest and publishes the generation.
    func commit(_ manifest: SiteManifest) throws(Diagnostic) {
        defer { releaseLock() }
        do {
            // Files this generation had that the new site has not (from the build before last),
            // asked report by report.
            // (Suspects are listed only when the generation had no manifest: the two never overlap.)
            var emptied: Set<String> = []
            func remove(_ relative: String) throws {
                let full = (targetGeneration as NSString).appendingPathComponent(relative)
                try operations.remove(full)
                emptied.insert((full as NSString).deletingLastPathComponent)
            }
            if let target {
                for (slug, outputs) in target.reportFiles {
                    let kept = manifest.reportFiles[slug] ?? []
                    // Usually the same names in the same order: nothing to look for.
                    if kept.count == outputs.count, zip(kept, outputs).allSatisfy({ $0.name == $1.name }) { continue }
                    for output in outputs where kept.digest(named: output.name) == nil { try remove(slug + "/" + output.name) }
                }
                for path in target.siteFileOrder where manifest.siteFiles[path] == nil { try remove(path) }
            }
            for path in suspectFiles where !manifest.contains(path: path) { try remove(path) }
            removeEmptyFolders(emptied)
            try operations.write((targetGeneration as NSString).appendingPathComponent(SiteManifest.fileName), manifest.encoded())
            // Publish: a new link, renamed over the old one (rename is atomic).
            let temporary = (parent as NSString).appendingPathComponent(".\(name).link-\(pid)")
            unlink(temporary)
            guard symlink((targetGeneration as NSString).lastPathComponent, temporary) == 0 else {
                throw FileOperations.SystemError(call: "symlink", path: temporary, code: errno)
            }
            guard rename(temporary, path) == 0 else {
                let code = errno
                unlink(temporary)
                throw FileOperations.SystemError(call: "rename", path: path, code: code)
            }
        } catch let diagnostic as Diagnostic {
            throw diagnostic
        } catch {
            throw .error(.writeFailed, file: path, "cannot publish the new site: \(error)",
                hint: "the previous site is still published")
        }
    }

    /// Ends a failed build: the published generation was never touched.
    func abandon() { releaseLock() }

    /// Without a manifest (a build of it was killed), every file in the generation is suspect.
    private func unknownFiles() -> [String] {
        var result: [String] = []
        let enumerator = fileManager.enumerator(atPath: targetGeneration)
        while let relative = enumerator?.nextObject() as? String {
            let full = (targetGeneration as NSString).appendingPathComponent(relative)
            var isDirectory: ObjCBool = false
            if fileManager.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue,
               relative != Self.ownerMarker {
                result.append(relative)
            }
        }
        return result
    }

    /// Removes the folders that lost their last file, and their parents when they empty too.
    /// Only the folders of removed files are visited: a build never walks the whole site.
    private func removeEmptyFolders(_ folders: Set<String>) {
        for folder in folders.sorted(by: { $0.count > $1.count }) {
            var current = folder
            // rmdir fails on a folder that still has entries, which ends the climb.
            while current.count > targetGeneration.count, current.hasPrefix(targetGeneration), rmdir(current) == 0 {
                current = (current as NSString).deletingLastPathComponent
            }
        }
    }

    static func readManifest(_ generation: String, filesOnly: Bool = false) -> SiteManifest? {
        guard let bytes = FileOperations.readFile((generation as NSString).appendingPathComponent(SiteManifest.fileName))
        else { return nil }
        return SiteManifest(decoding: bytes, filesOnly: filesOnly)
    }

    // MARK: Ownership and locking

    private func isOurs(_ folder: String) -> Bool {
        fileManager.fileExists(atPath: (folder as NSString).appendingPathComponent(Self.ownerMarker))
            || fileManager.fileExists(atPath: (folder as NSString).appendingPathComponent(SiteManifest.fileName))
    }

    private func checkOwnership() throws(Diagnostic) {
        if let destination = try? fileManager.destinationOfSymbolicLink(atPath: path) {
            let name = (destination as NSString).lastPathComponent
            guard name == ".\(self.name).gen-a" || name == ".\(self.name).gen-b" else {
                throw .error(.outputNotOwned, file: path, "the output is a symbolic link reportgen did not make (to \(destination))",
                    hint: "choose another --output, or remove the link")
            }
            return
        }
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: path, isDirectory: &isDirectory) else { return }
        guard isDirectory.boolValue else {
            throw .error(.outputNotOwned, file: path, "the output path is a file, not a folder", hint: "choose another --output")
        }
        let contents = (try? fileManager.contentsOfDirectory(atPath: path)) ?? []
        if !contents.isEmpty && !isOurs(path) && !contents.contains(".reportgen-site") {
            throw .error(.outputNotOwned, file: path, "refusing to replace a non-empty folder that reportgen did not create",
                hint: "choose an empty or new --output folder, or move its files away")
        }
    }

    /// An empty folder, or a plain folder from an older reportgen, becomes the first generation.
    private func migrateFolderLayout() throws {
        var isDirectory: ObjCBool = false
        guard (try? fileManager.destinationOfSymbolicLink(atPath: path)) == nil,
              fileManager.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else { return }
        let first = generationPath("a")
        try? fileManager.removeItem(atPath: first)
        try fileManager.moveItem(atPath: path, toPath: first)
        guard symlink((first as NSString).lastPathComponent, path) == 0 else {
            throw FileOperations.SystemError(call: "symlink", path: path, code: errno)
        }
    }

    /// The build's lock: a file beside the output, held with `flock` while the build runs. The
    /// kernel lets go of it when the process ends, however it ends, so a killed build never
    /// leaves a lock behind (a lock made with `O_EXCL` and a PID inside was stuck for good when
    /// the kill came between creating the file and writing the PID).
    private func acquireLock() throws(Diagnostic) {
        func openLockFile() -> Int32 { open(lockPath, O_CREAT | O_RDWR | O_CLOEXEC, 0o644) }
        for _ in 0..<3 {
            var descriptor = openLockFile()
            if descriptor < 0 && errno == ENOENT {
                // `--output public/briefings` with no `public/` yet: made, as `mkdir -p` would.
                try? fileManager.createDirectory(atPath: parent, withIntermediateDirectories: true)
                descriptor = openLockFile()
            }
            guard descriptor >= 0 else {
                throw .error(.writeFailed, file: lockPath, "cannot create the build's lock: \(String(cString: strerror(errno)))",
                    hint: "check that the folder holding the output is writable")
            }
            if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
                guard errno != EWOULDBLOCK else { close(descriptor); break }
                // A file system without locks (some network mounts) refuses flock: building
                // unlocked there beats never building.
            }
            // The build that held it may have removed the file before letting go: then this is a
            // lock on a file nobody else will open, and the one at the path is taken instead.
            var held = stat(), current = stat()
            if fstat(descriptor, &held) == 0, stat(lockPath, &current) == 0,
               held.st_dev == current.st_dev, held.st_ino == current.st_ino {
                // The PID is for people wondering which process holds it.
                _ = ftruncate(descriptor, 0)
                let text = "\(pid)\n"
                _ = text.withCString { Glibc.write(descriptor, $0, strlen($0)) }
                lockDescriptor = descriptor
                return
            }
            close(descriptor)
        }
        throw .error(.outputLocked, file: path, "another reportgen build is writing this output (lock \(lockPath))",
            hint: "wait for it to finish")
    }

    /// Removes the lock file while still holding it, then lets go: a build waiting for it sees
    /// the file gone and takes a new one.
    private func releaseLock() {
        guard lockDescriptor >= 0 else { return }
        unlink(lockPath)
        close(lockDescriptor)
        lockDescriptor = -1
    }

    /// Temporary links left by builds killed while publishing.
    private func removeStaleLinks() {
        let prefix = ".\(name).link-"
        for entry in (try? fileManager.contentsOfDirectory(atPath: parent)) ?? [] where entry.hasPrefix(prefix) {
            guard let owner = Int32(entry.dropFirst(prefix.count)), owner != pid, kill(owner, 0) != 0 else { continue }
            unlink((parent as NSString).appendingPathComponent(entry))
        }
    }

    /// Deletes the site and its generations (`reportgen clean`), if they are reportgen's. It takes
    /// the build's lock first: deleting a generation under a running build would break it.
    public func clean() throws(Diagnostic) {
        try checkOwnership()
        guard fileManager.fileExists(atPath: parent) else { return }
        try acquireLock()
        defer { releaseLock() }
        if (try? fileManager.destinationOfSymbolicLink(atPath: path)) != nil { unlink(path) } else if isOurs(path) {
            try? fileManager.removeItem(atPath: path)
        }
        for letter in ["a", "b"] where isOurs(generationPath(letter)) { try? fileManager.removeItem(atPath: generationPath(letter)) }
    }
}
