// swift-tools-version:6.0
// R1CI: a GTK4 studio (C) over a Swift core, for training language models to
// reason with a code interpreter. See DESIGN in README.md for the map.
import PackageDescription

let package = Package(
    name: "R1CI",
    products: [
        .executable(name: "r1ci", targets: ["r1ci"]),
        // The C ABI as a shared library: what r1ci.h describes, for C callers.
        .library(name: "R1Core", type: .dynamic, targets: ["R1Core"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // ── System libraries (Debian -dev packages, found through pkg-config) ──
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite", pkgConfig: "sqlite3",
                       providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CGtk", path: "Sources/CGtk", pkgConfig: "gtk4",
                       providers: [.apt(["libgtk-4-dev"])]),

        // ── Core libraries: no GTK below this line ──
        .target(name: "R1Tasks"),
        .target(name: "R1Store", dependencies: ["CSQLite"]),
        // The engine's hot loops (C, AVX2 with scalar twins). Always optimised, even
        // in debug builds, so tests that run models stay fast.
        .target(name: "R1Kernels",
                cSettings: [.unsafeFlags(["-O3", "-fno-math-errno"])],
                linkerSettings: [.linkedLibrary("pthread"), .linkedLibrary("m")]),
        .target(name: "R1Engine", dependencies: ["R1Kernels"]),

        // ── The C ABI (r1ci.h) and its two front ends ──
        .target(name: "R1Core", dependencies: ["R1Tasks", "R1Store"]),
        .executableTarget(name: "r1ci", dependencies: [
            "R1Tasks", "R1Store", "R1Core", "R1Engine",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // ── Tests ──
        .testTarget(name: "R1TasksTests", dependencies: ["R1Tasks"]),
        .testTarget(name: "R1StoreTests", dependencies: ["R1Store"]),
        .testTarget(name: "CLITests", dependencies: ["R1Tasks"]),
        .testTarget(name: "R1EngineTests", dependencies: ["R1Engine", "R1Kernels"],
                    exclude: ["oracle_gguf.py", "make_tokenizer_goldens.py", "make_model_goldens.py"],
                    resources: [.copy("Fixtures")]),
    ]
)
