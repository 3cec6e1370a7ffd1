// swift-tools-version: 6.3;(experimentalCGen)
// R1CI: a GTK4 studio (C) over a Swift core, for training language models to
// reason with a code interpreter. See DESIGN in README.md for the map.
import PackageDescription

let package = Package(
    name: "R1CI",
    products: [
        .executable(name: "r1ci", targets: ["r1ci"]),
        // The C ABI as a shared library: what r1ci.h describes, for C callers.
        .library(name: "R1Core", type: .dynamic, targets: ["R1Core"]),
        .executable(name: "r1ci-studio", targets: ["r1ci-studio"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // YAML run configs (`r1ci train … --config FILE`).
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.0"),
    ],
    targets: [
        // ── System libraries (Debian -dev packages, found through pkg-config) ──
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite", pkgConfig: "sqlite3",
                       providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CGtk", path: "Sources/CGtk", pkgConfig: "gtk4",
                       providers: [.apt(["libgtk-4-dev"])]),
        .systemLibrary(name: "CGtkSource", path: "Sources/CGtkSource", pkgConfig: "gtksourceview-5",
                       providers: [.apt(["libgtksourceview-5-dev"])]),
        .systemLibrary(name: "CJsonGlib", path: "Sources/CJsonGlib", pkgConfig: "json-glib-1.0",
                       providers: [.apt(["libjson-glib-dev"])]),

        // ── Core libraries: no GTK below this line ──
        // Generators and solvers run thousands of items in the self-tests: optimised even in debug.
        .target(name: "R1Tasks", swiftSettings: [.unsafeFlags(["-O"])]),
        .target(name: "R1Store", dependencies: ["CSQLite"]),
        // Sandboxed Python executor: syscall-level C (clone/pivot_root/seccomp/pidfd)
        // under a Swift pool, fork-server protocol, CLI and HTTP service.
        .target(name: "CSandbox", linkerSettings: [.linkedLibrary("seccomp")]),
        .target(name: "R1Sandbox", dependencies: ["CSandbox", "R1HTTP"]),
        // A small blocking HTTP/1.1 server (thread per connection, SSE streaming).
        .target(name: "R1HTTP"),
        // The engine's hot loops (C, AVX2 with scalar twins). Always optimised, even
        // in debug builds, so tests that run models stay fast.
        .target(name: "R1Kernels",
                cSettings: [.unsafeFlags(["-O3", "-fno-math-errno"])],
                linkerSettings: [.linkedLibrary("pthread"), .linkedLibrary("m")]),
        .target(name: "R1Engine", dependencies: ["R1Kernels"]),
        // `r1ci serve`: the OpenAI-compatible API over any generation backend.
        .target(name: "R1Serve", dependencies: ["R1Engine", "R1HTTP"]),
        // Training (fp32 forward/backward, optimizer): element loops optimised even in debug.
        // GRPO/PPO runs (RLRun.swift) drive R1Agent's rollouts, the sandbox and the task verifiers;
        // background runs keep their state in the store and read YAML configs (Yams).
        .target(name: "R1Train", dependencies: ["R1Engine", "R1Kernels", "R1Agent", "R1Sandbox", "R1Tasks", "R1Store",
                                                .product(name: "Yams", package: "Yams")],
                swiftSettings: [.unsafeFlags(["-O"])]),
        // The code-interpreter loop, scoring and rewards, evaluation and comparison.
        .target(name: "R1Agent", dependencies: ["R1Tasks", "R1Sandbox", "R1Engine", "R1Store"]),

        // ── The C ABI (r1ci.h) and its two front ends ──
        .target(name: "R1Core", dependencies: ["R1Tasks", "R1Store", "R1Sandbox", "R1Engine", "R1Agent", "R1Train"]),
        .executableTarget(name: "r1ci", dependencies: [
            "R1Tasks", "R1Store", "R1Core", "R1Sandbox", "R1Engine", "R1HTTP", "R1Serve", "R1Train", "R1Agent",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // The GTK4 studio: C, sees only r1ci.h. Its .ui/CSS files live in resources/
        // and are compiled into the binary by the GResourceCompiler plugin, whose
        // generated .c file SwiftPM compiles only because of the `(experimentalCGen)`
        // on the first line (Swift 6.3; without it the file is dropped with a warning).
        .executableTarget(name: "r1ci-studio",
                          dependencies: ["R1Core", "CGtk", "CGtkSource", "CJsonGlib"],
                          cSettings: [
                              .headerSearchPath("../R1Core/include"),
                              .define("G_LOG_USE_STRUCTURED"),
                              .unsafeFlags(["-Wall"]),
                          ],
                          plugins: ["GResourceCompiler"]),
        .plugin(name: "GResourceCompiler", capability: .buildTool()),

        // ── Tests ──
        .testTarget(name: "R1TasksTests", dependencies: ["R1Tasks", "R1Sandbox"], exclude: ["Golden"]),
        .testTarget(name: "R1StoreTests", dependencies: ["R1Store"]),
        .testTarget(name: "CLITests", dependencies: ["R1Tasks"]),
        .testTarget(name: "R1SandboxTests", dependencies: ["R1Sandbox", "R1HTTP"]),
        .testTarget(name: "R1ServeTests", dependencies: ["R1Serve", "R1Engine", "R1HTTP"]),
        .testTarget(name: "R1EngineTests", dependencies: ["R1Engine", "R1Kernels"],
                    exclude: ["oracle_gguf.py", "make_tokenizer_goldens.py", "make_model_goldens.py", "make_tiny_hf.py"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "R1TrainTests", dependencies: ["R1Train", "R1Engine", "R1Kernels", "R1Agent", "R1Sandbox"],
                    exclude: ["oracle_train.py", "oracle_rl.py"]),
        .testTarget(name: "R1AgentTests", dependencies: ["R1Agent", "R1Engine", "R1Sandbox", "R1Tasks", "R1Store", "R1Train"]),
    ]
)
