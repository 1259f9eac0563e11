// swift-tools-version:6.0
import Foundation
import PackageDescription

/// Debian's libclang-dev installs headers and libclang.so under /usr/lib/llvm-N.
/// Take the newest such folder that has the clang-c headers, or H7LINT_LLVM_PREFIX.
func llvmPrefix() -> String {
    if let forced = ProcessInfo.processInfo.environment["H7LINT_LLVM_PREFIX"], !forced.isEmpty {
        return forced
    }
    let candidates = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib")) ?? []
    let versions = candidates.compactMap { name -> Int? in
        guard name.hasPrefix("llvm-"), let version = Int(name.dropFirst(5)) else { return nil }
        let header = "/usr/lib/\(name)/include/clang-c/Index.h"
        return FileManager.default.fileExists(atPath: header) ? version : nil
    }
    guard let newest = versions.max() else { return "/usr/lib/llvm-14" }
    return "/usr/lib/llvm-\(newest)"
}

let llvm = llvmPrefix()

let package = Package(
    name: "h7lint",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "h7lint", targets: ["h7lint"]),
    ],
    dependencies: [
        // Exact versions: the same dependency tree on every machine without a committed Package.resolved
        // (this project's build machines ignore it, see docs/ci.md). Tested with Swift 6.3.1; Swift 6.0 or newer.
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", exact: "5.0.1"),
    ],
    targets: [
        // libclang's API, bound at run time (dlopen): the binary runs with whichever libclang the machine has.
        .target(
            name: "CClang",
            cSettings: [.unsafeFlags(["-I\(llvm)/include"])],
            linkerSettings: [.linkedLibrary("dl")]
        ),
        .target(
            name: "H7Model",
            dependencies: [.product(name: "Yams", package: "Yams")]
        ),
        .target(name: "H7Readers", dependencies: ["H7Model"]),
        // The C front end: libclang and the parse cache. Only this target sees CClang and LLVM's paths.
        .target(
            name: "H7Clang",
            dependencies: ["CClang", "H7Model", "H7Readers"],
            swiftSettings: [.unsafeFlags(["-Xcc", "-I\(llvm)/include"])]
        ),
        .target(name: "H7Rules", dependencies: ["H7Model"]),
        // Unicorn's API, bound at run time (dlopen) as libclang is: only `h7lint image` needs libunicorn.
        .target(name: "CUnicorn", linkerSettings: [.linkedLibrary("dl")]),
        // Firmware images: ELF/DWARF/HEX readers and the reset-path emulator (issue 19).
        .target(name: "H7Image", dependencies: ["CUnicorn", "H7Model"]),
        .target(name: "H7Report", dependencies: ["H7Model"]),
        .target(
            name: "H7Lint",
            dependencies: ["H7Model", "H7Readers", "H7Clang", "H7Rules", "H7Report", "H7Image"]
        ),
        // The Language Server Protocol layer (JSON-RPC framing, life cycle, types) and `h7lint server` on top of it.
        .target(name: "H7LSP"),
        .target(name: "H7Server", dependencies: ["H7LSP", "H7Lint", "H7Model", "H7Report", "H7Rules"]),
        // Rules/ is built into the executable: H7KnowledgeGen turns the YAML into a snapshot at build time.
        .executableTarget(name: "H7KnowledgeGen", dependencies: ["H7Model"]),
        .plugin(name: "EmbedKnowledge", capability: .buildTool(), dependencies: ["H7KnowledgeGen"]),
        .executableTarget(
            name: "h7lint",
            dependencies: ["H7Lint", "H7Model", "H7Report", "H7Server", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            plugins: ["EmbedKnowledge"]
        ),
        .testTarget(name: "H7LSPTests", dependencies: ["H7LSP"]),
        // Drives the built `h7lint server` over pipes (only the protocol module is linked in).
        .testTarget(name: "H7ServerTests", dependencies: ["H7LSP"]),
        .testTarget(name: "H7ReadersTests", dependencies: ["H7Readers", "H7Model"]),
        .testTarget(
            name: "H7LintTests",
            dependencies: ["H7Lint", "H7Model", "H7Readers", "H7Clang", "H7Rules", "H7Report", "H7Image"]
        ),
    ]
)
