// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "iku",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "iku", targets: ["iku"]),
        .executable(name: "iku-regency", targets: ["iku-regency"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
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
        .executableTarget(
            name: "iku",
            dependencies: [
                "Storage",
                "Indicators",
                "Demo",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(
            name: "Regency",
            dependencies: ["Storage", "Indicators", .product(name: "PostgresNIO", package: "postgres-nio")],
            plugins: ["EmbedMigrations"]
        ),
        .executableTarget(
            name: "iku-regency",
            dependencies: ["Regency", "Storage", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .target(name: "FuzzSupport", path: "Tests/FuzzSupport"),
        .testTarget(name: "StorageTests", dependencies: ["Storage", "FuzzSupport"]),
        .testTarget(name: "IndicatorsTests", dependencies: ["Indicators", "Storage"]),
        .testTarget(name: "DemoTests", dependencies: ["Demo", "Indicators", "Storage"]),
        .testTarget(name: "ikuTests", dependencies: [
            "iku", "Storage", "FuzzSupport", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .testTarget(name: "RegencyTests", dependencies: ["Regency", "Storage", "Indicators", "iku-regency"]),
    ]
)
