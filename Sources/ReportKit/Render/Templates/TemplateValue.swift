/// What a page model hands to a template: a typed tree, so that rendering never casts `Any`
/// (casting at every lookup was a fifth of the build time with a general Mustache library).
public enum TemplateValue: Sendable, Equatable {
    case text(String)
    /// Text already in its final form (a page body made by libcmark): inserted as it is by
    /// `{{{ }}}`, escaped like text by `{{ }}`. Bytes, so that large bodies are not turned into
    /// a `String` and back.
    case bytes([UInt8])
    case number(Int)
    case flag(Bool)
    case list([TemplateValue])
    case object(TemplateObject)
    /// An absent optional: the key exists (so the strictness check knows the name) and is falsy.
    case null

    /// `.text` or `.null`: the usual shape of an optional field.
    static func optional(_ value: String?) -> TemplateValue { value.map(TemplateValue.text) ?? .null }

    static func optional(_ value: Int?) -> TemplateValue { value.map(TemplateValue.number) ?? .null }

    static func optional(_ value: TemplateObject?) -> TemplateValue { value.map(TemplateValue.object) ?? .null }

    static func texts(_ values: [String]) -> TemplateValue { .list(values.map(TemplateValue.text)) }

    static func objects(_ values: [TemplateObject]) -> TemplateValue { .list(values.map(TemplateValue.object)) }

    /// Mustache truthiness: false, null and the empty list hide a section; anything else shows it.
    var isTruthy: Bool {
        switch self {
        case .flag(let value): return value
        case .null: return false
        case .list(let items): return !items.isEmpty
        case .text, .bytes, .number, .object: return true
        }
    }

    func member(_ name: String, hash: UInt64) -> TemplateValue? {
        if case .object(let values) = self { return values.value(for: name, hash: hash) }
        return nil
    }

    /// Every key named anywhere in the tree, for telling a typo from an absent optional.
    func collectKeys(into keys: inout Set<String>) {
        switch self {
        case .object(let values):
            for (key, value) in values {
                keys.insert(key)
                value.collectKeys(into: &keys)
            }
        case .list(let items):
            for item in items { item.collectKeys(into: &keys) }
        case .text, .bytes, .number, .flag, .null:
            break
        }
    }
}

extension TemplateValue: ExpressibleByStringLiteral, ExpressibleByStringInterpolation, ExpressibleByIntegerLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    public init(stringLiteral value: String) { self = .text(value) }
    public init(integerLiteral value: Int) { self = .number(value) }
    public init(booleanLiteral value: Bool) { self = .flag(value) }
    public init(arrayLiteral elements: TemplateValue...) { self = .list(elements) }
    public init(dictionaryLiteral elements: (String, TemplateValue)...) {
        self = .object(TemplateObject(elements))
    }
}

/// A page model: the top-level object a template renders.
public typealias TemplateModel = TemplateObject

/// The named values of a template object, searched in order by a digest of the name. Objects
/// hold a handful of keys, most of them literals: comparing precomputed digests costs less than
/// hashing every key into a dictionary on insertion and again on lookup, which with a
/// dictionary per object was a tenth of rendering.
public struct TemplateObject: Sendable, Equatable, ExpressibleByDictionaryLiteral, Sequence {
    private struct Entry: Sendable {
        var key: String
        var hash: UInt64
        var value: TemplateValue
    }

    private var entries: [Entry] = []

    public init() {}

    public init(dictionaryLiteral elements: (String, TemplateValue)...) { self.init(elements) }

    init(_ elements: some Sequence<(String, TemplateValue)>) {
        entries.reserveCapacity(elements.underestimatedCount)
        for (key, value) in elements { self[key] = value }
    }

    /// The name's `FNV1a` digest: what lookups compare before the names themselves.
    static func hash(_ key: String) -> UInt64 {
        var hasher = FNV1a()
        hasher.combine(key)
        return hasher.value
    }

    public var count: Int { entries.count }
    public var isEmpty: Bool { entries.isEmpty }
    public var keys: [String] { entries.map(\.key) }

    func value(for key: String, hash: UInt64) -> TemplateValue? {
        // Digests compared in place: a loop over the entries copied each one it passed.
        entries.withUnsafeBufferPointer { entries in
            for index in entries.indices where entries[index].hash == hash && entries[index].key == key {
                return entries[index].value
            }
            return nil
        }
    }

    /// The last value set for a key wins, as in a dictionary.
    public subscript(key: String) -> TemplateValue? {
        get { value(for: key, hash: Self.hash(key)) }
        set {
            let hash = Self.hash(key)
            if let index = entries.firstIndex(where: { $0.hash == hash && $0.key == key }) {
                if let newValue { entries[index].value = newValue } else { entries.remove(at: index) }
            } else if let newValue {
                entries.append(Entry(key: key, hash: hash, value: newValue))
            }
        }
    }

    /// This object with `other`'s keys added; for a key both have, `combine(mine, theirs)`.
    public func merging(_ other: TemplateObject, uniquingKeysWith combine: (TemplateValue, TemplateValue) -> TemplateValue) -> TemplateObject {
        var merged = self
        merged.entries.reserveCapacity(entries.count + other.entries.count)
        for entry in other.entries {
            if let index = merged.entries.firstIndex(where: { $0.hash == entry.hash && $0.key == entry.key }) {
                merged.entries[index].value = combine(merged.entries[index].value, entry.value)
            } else {
                merged.entries.append(entry)
            }
        }
        return merged
    }

    public func makeIterator() -> some IteratorProtocol<(key: String, value: TemplateValue)> {
        entries.lazy.map { (key: $0.key, value: $0.value) }.makeIterator()
    }

    /// Equal when they hold the same keys with equal values, in any order (as dictionaries).
    public static func == (lhs: TemplateObject, rhs: TemplateObject) -> Bool {
        lhs.entries.count == rhs.entries.count
            && lhs.entries.allSatisfy { entry in rhs.value(for: entry.key, hash: entry.hash) == entry.value }
    }
}
