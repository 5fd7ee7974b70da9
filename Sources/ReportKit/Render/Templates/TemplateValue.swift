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
    case object([String: TemplateValue])
    /// An absent optional: the key exists (so the strictness check knows the name) and is falsy.
    case null

    /// `.text` or `.null`: the usual shape of an optional field.
    static func optional(_ value: String?) -> TemplateValue { value.map(TemplateValue.text) ?? .null }

    static func optional(_ value: Int?) -> TemplateValue { value.map(TemplateValue.number) ?? .null }

    static func optional(_ value: [String: TemplateValue]?) -> TemplateValue { value.map(TemplateValue.object) ?? .null }

    static func texts(_ values: [String]) -> TemplateValue { .list(values.map(TemplateValue.text)) }

    static func objects(_ values: [[String: TemplateValue]]) -> TemplateValue { .list(values.map(TemplateValue.object)) }

    /// Mustache truthiness: false, null and the empty list hide a section; anything else shows it.
    var isTruthy: Bool {
        switch self {
        case .flag(let value): return value
        case .null: return false
        case .list(let items): return !items.isEmpty
        case .text, .bytes, .number, .object: return true
        }
    }

    func member(_ name: String) -> TemplateValue? {
        if case .object(let values) = self { return values[name] }
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
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}

/// A page model: the top-level object a template renders.
public typealias TemplateModel = [String: TemplateValue]
