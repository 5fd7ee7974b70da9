import Foundation

/// The file-system calls the writer makes, as closures so that tests can make one fail (a full
/// disk, a permission error at the Nth write) and check that the published site stays intact.
public struct FileOperations: Sendable {
    public var write: @Sendable (_ path: String, _ bytes: [UInt8]) throws -> Void
    public var link: @Sendable (_ existing: String, _ new: String) throws -> Void
    public var remove: @Sendable (_ path: String) throws -> Void
    public var createDirectory: @Sendable (_ path: String) throws -> Void

    public init(write: @escaping @Sendable (String, [UInt8]) throws -> Void,
                link: @escaping @Sendable (String, String) throws -> Void = FileOperations.live.link,
                remove: @escaping @Sendable (String) throws -> Void = FileOperations.live.remove,
                createDirectory: @escaping @Sendable (String) throws -> Void) {
        self.write = write
        self.link = link
        self.remove = remove
        self.createDirectory = createDirectory
    }

    public struct SystemError: Error, CustomStringConvertible {
        public var call: String
        public var path: String
        public var code: Int32
        public var description: String { "\(call) \(path): \(String(cString: strerror(code)))" }
    }

    /// POSIX calls without Foundation's extra work: on these machines creating files is the cost.
    public static let live = FileOperations(
        write: { path, bytes in
            let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else { throw SystemError(call: "open", path: path, code: errno) }
            defer { close(descriptor) }
            var offset = 0
            while offset < bytes.count {
                let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + offset, bytes.count - offset) }
                if written < 0 {
                    if errno == EINTR { continue }
                    throw SystemError(call: "write", path: path, code: errno)
                }
                offset += written
            }
        },
        link: { existing, new in
            guard Glibc.link(existing, new) == 0 else { throw SystemError(call: "link", path: new, code: errno) }
        },
        remove: { path in
            guard unlink(path) == 0 || errno == ENOENT else { throw SystemError(call: "unlink", path: path, code: errno) }
        },
        createDirectory: { path in
            // mkdir first (the parent usually exists); FileManager only for the missing parents.
            if mkdir(path, 0o755) == 0 || errno == EEXIST { return }
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        })

    /// A file's bytes, read straight into the array (nil when it cannot be opened or read):
    /// Foundation's `Data` and the copy out of it doubled the memory touched by every read.
    public static func readFile(_ path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return nil }
        // Reads into uninitialised room: `size` bytes first, then whatever the file grew by
        // (or all of it, for files that report no size).
        var bytes: [UInt8] = []
        var room = max(Int(info.st_size), 0) + 1
        while true {
            var failed = false
            var ended = false
            let chunk = [UInt8](unsafeUninitializedCapacity: room) { buffer, count in
                count = 0
                while count < room {
                    let read = Glibc.read(descriptor, buffer.baseAddress! + count, room - count)
                    if read < 0 {
                        if errno == EINTR { continue }
                        failed = true
                        return
                    }
                    if read == 0 { ended = true; return }
                    count += read
                }
            }
            if failed { return nil }
            if bytes.isEmpty { bytes = chunk } else { bytes += chunk }
            if ended { return bytes }
            room = 1 << 16
        }
    }
}
