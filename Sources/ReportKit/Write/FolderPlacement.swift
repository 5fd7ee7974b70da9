import Glibc

/// Marks a generation folder as the top of unrelated folder trees (`chattr +T`), so that ext4's
/// allocator spreads the report folders over the disk's block groups instead of packing them,
/// and their files, next to the generation folder.
///
/// Why: on an ext4 without a journal, every new inode is first checked against each inode its
/// block group freed in the last 30 seconds, one at a time. After `reportgen clean` or
/// `rm -rf site`, a packed rebuild lands in the very groups the old site just freed, and each of
/// its 80,000 file creations (at N = 10000) walks thousands of them. Creating 10,000 folders of 7
/// files right after deleting the same tree took 25-34 s packed and 3.5-5.6 s spread on this
/// project's machine. The flag changes where inodes go, never what the files hold.
///
/// It is a hint: a file system without the flag refuses it and nothing else changes.
enum FolderPlacement {
    /// `FS_IOC_GETFLAGS`, `FS_IOC_SETFLAGS` and `FS_TOPDIR_FL` from <linux/fs.h>.
    static let getFlags: UInt = 0x8008_6601
    static let setFlags: UInt = 0x4008_6602
    static let topDirectoryFlag: CInt = 0x0002_0000

    enum Outcome: Equatable, Sendable {
        case spread
        /// The file system has no such flag (tmpfs, XFS, a network file system…).
        case unsupported
    }

    /// Sets the flag on `path` (a folder reportgen owns), keeping its other flags.
    @discardableResult
    static func spreadSubfolders(of path: String) -> Outcome {
        withFolder(path) { descriptor in
            var flags: CInt = 0
            guard ioctl(descriptor, getFlags, &flags) == 0 else { return .unsupported }
            if flags & topDirectoryFlag != 0 { return .spread }
            flags |= topDirectoryFlag
            return ioctl(descriptor, setFlags, &flags) == 0 ? .spread : .unsupported
        } ?? .unsupported
    }

    /// Whether `path` carries the flag (false where the file system has none).
    static func spreadsSubfolders(_ path: String) -> Bool {
        flags(of: path).map { $0 & topDirectoryFlag != 0 } ?? false
    }

    /// The folder's inode flags, or nil where the file system has none.
    static func flags(of path: String) -> CInt? {
        withFolder(path) { descriptor in
            var flags: CInt = 0
            return ioctl(descriptor, getFlags, &flags) == 0 ? flags : nil
        } ?? nil
    }

    private static func withFolder<Result>(_ path: String, _ body: (CInt) -> Result) -> Result? {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        return body(descriptor)
    }
}
