// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "iku",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "iku", targets: ["iku"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        .executableTarget(name: "MigrationEmbedder"),
        .plugin(
            name: "EmbedMigrations",
            capability: .buildTool(),
            dependencies: ["MigrationEmbedder"]
        ),
        .target(
            name: "Storage",
            dependencies: [
                "CSQLite",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            plugins: ["EmbedMigrations"]
        ),
        .target(
            name: "Indicators",
            dependencies: [
                "Storage",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(name: "Demo", dependencies: ["Storage", "Indicators"]),
        .target(name: "ReportRendering", dependencies: ["Indicators", "Storage"]),
        .executableTarget(
            name: "iku",
            dependencies: [
                "Storage",
                "Indicators",
                "ReportRendering",
                "Demo",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(name: "FuzzSupport", path: "Tests/FuzzSupport"),
        .testTarget(name: "StorageTests", dependencies: ["Storage", "FuzzSupport"]),
        .testTarget(name: "IndicatorsTests", dependencies: ["Indicators", "Storage"]),
        .testTarget(name: "DemoTests", dependencies: ["Demo", "Indicators", "Storage"]),
        .testTarget(name: "ikuTests", dependencies: [
            "iku", "ReportRendering", "Storage", "FuzzSupport", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
    ]
)
