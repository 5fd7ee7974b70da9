#if canImport(Glibc)
import Glibc
#endif

/// One `Value` per thread, made on first use and released when its thread ends: for state that
/// workers reuse from article to article without a lock (libcmark's arena, the word strings).
final class PerThread<Value: AnyObject>: @unchecked Sendable {
    private let key: pthread_key_t
    private let make: @Sendable () -> Value

    init(_ make: @escaping @Sendable () -> Value) {
        var key = pthread_key_t()
        pthread_key_create(&key) { raw in
            guard let raw else { return }
            Unmanaged<AnyObject>.fromOpaque(raw).release()
        }
        self.key = key
        self.make = make
    }

    /// The calling thread's value.
    var current: Value {
        if let raw = pthread_getspecific(key) {
            return Unmanaged<Value>.fromOpaque(raw).takeUnretainedValue()
        }
        let value = make()
        pthread_setspecific(key, Unmanaged.passRetained(value).toOpaque())
        return value
    }

    /// `body` with the calling thread's value, borrowed: no retain and release around it, for
    /// callers on a hot path (libcmark allocates for every node).
    @inline(__always)
    func withCurrent<Result>(_ body: (Value) -> Result) -> Result {
        guard let raw = pthread_getspecific(key) else { return body(current) }
        return Unmanaged<Value>.fromOpaque(raw)._withUnsafeGuaranteedRef(body)
    }
}
