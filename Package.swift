// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "corpusclean",
    products: [
        .executable(name: "corpusclean", targets: ["CorpusCleanCLI"]),
        .executable(name: "corpusclean-bench", targets: ["CorpusCleanBench"]),
        .library(name: "CorpusClean", targets: ["CorpusCleanCore", "CorpusCleanStages", "CorpusCleanScaleOut"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        // ICU, CLD2, zlib, ISA-L (gzip input), zstd and xxHash (Debian's libraries) behind a small extern "C" header.
        // No unsafe flags, so that other packages can depend on the library: release builds
        // compile the C and C++ at -O2 (SwiftPM's default), debug builds at -O0.
        .target(
            name: "CTextKit",
            exclude: ["language_model.bin", "language_close_rows.bin", "pair_lexicon.txt", "lost_byte_letters.bin", "character_tables.bin"],
            linkerSettings: [
                // libcld2_full only holds the full tables; it must come first so that its
                // tables interpose over the small ones inside libcld2. cld2_shim.cpp refers
                // to one of them, so the linker keeps it there even with --as-needed.
                .linkedLibrary("cld2_full"),
                .linkedLibrary("cld2"),
                .linkedLibrary("icui18n"),
                .linkedLibrary("icuuc"),
                .linkedLibrary("icudata"),
                .linkedLibrary("z"),
                .linkedLibrary("isal"),
                .linkedLibrary("zstd"),
                .linkedLibrary("xxhash"),
                .linkedLibrary("stdc++"),
            ]
        ),
        // The layers, each importing only those above it in this list: the core (document model,
        // config, readers and writers, the runner, the stage protocols and registry) knows no
        // stage; the stages; scale-out (task commands over the dedup stage's signatures); the CLI.
        .target(
            name: "CorpusCleanCore",
            dependencies: [
                "CTextKit",
                .product(name: "Logging", package: "swift-log"),
            ],
            exclude: ["Schema"]
        ),
        .target(
            name: "CorpusCleanStages",
            dependencies: ["CorpusCleanCore", "CTextKit"]
        ),
        .target(
            name: "CorpusCleanScaleOut",
            dependencies: ["CorpusCleanCore", "CorpusCleanStages", "CTextKit"]
        ),
        .executableTarget(
            name: "CorpusCleanCLI",
            dependencies: [
                "CorpusCleanCore",
                "CorpusCleanStages",
                "CorpusCleanScaleOut",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "CorpusCleanBench",
            dependencies: ["CorpusCleanCore", "CorpusCleanStages", "CorpusCleanScaleOut"]
        ),
        .testTarget(
            name: "CorpusCleanTests",
            dependencies: ["CorpusCleanCore", "CorpusCleanStages", "CorpusCleanScaleOut", "CorpusCleanCLI"]
        ),
    ]
)
