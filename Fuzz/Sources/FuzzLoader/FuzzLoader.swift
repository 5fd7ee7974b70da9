import ReportKit

/// Bytes → front matter, text, structure, sentences and truncation: must never crash or hang,
/// whatever the bytes (errors are diagnostics).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLoader(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    _ = try? ArticleLoader().load(bytes: bytes, path: "fuzz.md")
    _ = try? ArticleLoader().load(bytes: bytes, path: "fuzz.txt")
    return 0
}
