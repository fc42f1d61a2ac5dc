// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "iku",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "iku", targets: ["iku"]),
        .executable(name: "iku-kiosk", targets: ["iku-kiosk"]),
        .executable(name: "iku-regency", targets: ["iku-regency"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.0"),
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
        .executableTarget(
            name: "iku-kiosk",
            dependencies: [
                "Storage",
                "Indicators",
                "ReportRendering",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .target(
            name: "Regency",
            dependencies: ["Storage", "Indicators", .product(name: "PostgresNIO", package: "postgres-nio")],
            plugins: ["EmbedMigrations"]
        ),
        .executableTarget(
            name: "iku-regency",
            dependencies: ["Regency", "Storage", "Indicators", "ReportRendering",
                           .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .target(name: "FuzzSupport", path: "Tests/FuzzSupport"),
        .testTarget(name: "StorageTests", dependencies: ["Storage", "FuzzSupport"]),
        .testTarget(name: "IndicatorsTests", dependencies: ["Indicators", "Storage"]),
        .testTarget(name: "DemoTests", dependencies: ["Demo", "Indicators", "Storage"]),
        .testTarget(name: "KioskTests", dependencies: ["iku-kiosk", "iku", "Storage"]),
        .testTarget(name: "ikuTests", dependencies: [
            "iku", "ReportRendering", "Storage", "FuzzSupport", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .testTarget(name: "RegencyTests", dependencies: ["Regency", "Storage", "Indicators", "ReportRendering", "iku-regency"]),
    ]
)
