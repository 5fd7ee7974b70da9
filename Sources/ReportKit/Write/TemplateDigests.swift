/// What each file of a report folder depends on besides the article (its page template, the
/// layout, the strings, the partials), by file name: a file whose recorded digest differs was
/// made with other templates and is made again.
///
/// A handful of names, looked up seven times for every cached article of a rebuild: found by
/// length and bytes, where hashing each name into a dictionary cost about 400 instructions a
/// lookup (a tenth of the work a one-article rebuild does per unchanged article).
struct TemplateDigests: Sendable {
    private var entries: [(name: String, digest: Digest)] = []

    init() {}

    subscript(name: String) -> Digest? {
        get {
            let length = name.utf8.count
            // Through the buffer: iterating the array retained it, and with every thread doing so
            // for every file of every cached article, its shared reference count made them wait.
            return entries.withUnsafeBufferPointer { entries in
                for entry in entries where entry.name.utf8.count == length && entry.name == name { return entry.digest }
                return nil
            }
        }
        set {
            let index = entries.firstIndex { $0.name == name }
            switch (index, newValue) {
            case (let index?, let digest?): entries[index].digest = digest
            case (let index?, nil): entries.remove(at: index)
            case (nil, let digest?): entries.append((name, digest))
            case (nil, nil): break
            }
        }
    }
}
