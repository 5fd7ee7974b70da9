import Foundation
import Mustache

/// A page model as swift-mustache sees it. The `[String: Any]` tree a page builds is converted
/// once into scopes (casting `Any` at every lookup is what made rendering slow), and lookups
/// that find nothing are recorded, so that a template naming a variable that no page model
/// provides is an error instead of an empty string (swift-mustache has no strict mode).
final class TemplateScope: MustacheParent, @unchecked Sendable {
    private var values: [String: Any] = [:]
    private let recorder: LookupRecorder

    init(_ model: [String: Any], recorder: LookupRecorder) {
        self.recorder = recorder
        values.reserveCapacity(model.count)
        for (key, value) in model {
            recorder.known.insert(key)
            values[key] = Self.convert(value, recorder: recorder)
        }
    }

    private static func convert(_ value: Any, recorder: LookupRecorder) -> Any? {
        switch value {
        case let shared as SharedScope: return shared
        case let text as String: return text
        case let flag as Bool: return flag
        case let number as Int: return number
        case let dictionary as [String: Any]: return TemplateScope(dictionary, recorder: recorder)
        case let array as [[String: Any]]: return array.map { TemplateScope($0, recorder: recorder) }
        case is NSNull: return nil
        default: return value
        }
    }

    func child(named name: String) -> Any? {
        guard let value = values[name] else {
            recorder.missed.insert(name)
            return nil
        }
        return value
    }
}

/// A scope built once and shared by every render (the interface strings): no per-render
/// conversion. Names under it are checked when the templates are loaded instead.
final class SharedScope: MustacheParent, @unchecked Sendable {
    let values: [String: String]

    init(_ values: [String: String]) { self.values = values }

    func child(named name: String) -> Any? { values[name] }
}

/// What one render looked up. Not shared between threads: one per render call.
final class LookupRecorder: @unchecked Sendable {
    var known: Set<String> = []
    var missed: Set<String> = []

    /// Names that no scope of the model has: typos or variables this page does not provide.
    var unknown: Set<String> { missed.subtracting(known) }
}

/// An optional field for a page model: an absent value stays a key (so the name is known to
/// the strictness check) whose value is falsy in a section.
func optionalValue(_ value: Any?) -> Any { value ?? NSNull() }
