import Foundation
import Mustache

/// A page model as swift-mustache sees it: a dictionary whose lookups are recorded, so that a
/// template naming a variable that no page model provides is an error instead of an empty string
/// (swift-mustache has no strict mode of its own).
final class TemplateScope: MustacheParent, @unchecked Sendable {
    let values: [String: Any]
    let recorder: LookupRecorder

    init(_ values: [String: Any], recorder: LookupRecorder) {
        self.values = values
        self.recorder = recorder
    }

    func child(named name: String) -> Any? {
        guard let value = values[name] else {
            recorder.missed.insert(name)
            return nil
        }
        recorder.found.insert(name)
        return wrap(value)
    }

    private func wrap(_ value: Any) -> Any? {
        switch value {
        case let dictionary as [String: Any]: return TemplateScope(dictionary, recorder: recorder)
        case let array as [[String: Any]]: return array.map { TemplateScope($0, recorder: recorder) }
        case is NSNull: return nil
        default: return value
        }
    }
}

/// Names looked up during one render. Not shared between threads: one per render call.
final class LookupRecorder: @unchecked Sendable {
    var found: Set<String> = []
    var missed: Set<String> = []

    /// Names that no scope on the stack had: typos or variables this page does not provide.
    var unknown: Set<String> { missed.subtracting(found) }
}

/// An optional field for a page model: an absent value stays a key (so the name is known to
/// the strictness check) whose value is falsy in a section.
func optionalValue(_ value: Any?) -> Any { value ?? NSNull() }
