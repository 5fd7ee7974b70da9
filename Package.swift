// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "reportgen",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "reportgen", targets: ["reportgen"]),
        .library(name: "ReportKit", targets: ["ReportKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        // libcmark's allocator: a thread-local arena, which Swift cannot declare.
        .target(name: "CmarkArena"),
        .target(
            name: "ReportKit",
            dependencies: [
                "CCmark",
                "CmarkArena",
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .executableTarget(
            name: "reportgen",
            dependencies: [
                "ReportKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "ReportKitTests",
            dependencies: ["ReportKit"]
        ),
    ]
)
