// swift-tools-version: 6.0
// libFuzzer targets for reportgen, kept out of the main package (a fuzz target has no main of
// its own and would break a plain `swift build`). See Fuzz/README.md.
import PackageDescription

let package = Package(
    name: "reportgen-fuzz",
    dependencies: [.package(name: "reportgen", path: "..")],
    targets: [
        .executableTarget(name: "FuzzLoader", dependencies: [.product(name: "ReportKit", package: "reportgen")]),
        .executableTarget(name: "FuzzUnderstanding", dependencies: [.product(name: "ReportKit", package: "reportgen")]),
    ]
)
