import Foundation
import H7Model
import Testing

/// The release tarball (scripts/pack-release) and the Dockerfile built from it: the tarball holds a binary that
/// checks a project from wherever it is unpacked, and the Dockerfile's packages, with Debian's slim base, give
/// the binary every library it loads (no container engine runs here, so the image itself is not built).
struct ReleaseTarballTests {
    /// Packages of Debian's slim image that the binary may rely on without installing them.
    static let inBaseImage: Set<String> = ["libc6", "libstdc++6", "libgcc-s1"]

    @Test(.enabled(if: ProcessInfo.processInfo.environment["H7LINT_STATIC_BINARY"] != nil))
    func tarballRunsAndTheDockerfileInstallsWhatItNeeds() throws {
        let binary = try #require(ProcessInfo.processInfo.environment["H7LINT_STATIC_BINARY"])
        let work = try ReportSupport.folder([:])
        defer { try? FileManager.default.removeItem(at: work) }
        let packed = try ReportSupport.shell([TestSupport.repository.appendingPathComponent("scripts/pack-release").path, binary, work.path])
        try #require(packed.status == 0, "\(packed.output)")
        let tarball = try #require(packed.output.split(separator: "\n").first { $0.hasSuffix(".tar.gz") }.map(String.init))
        #expect(tarball.hasSuffix("h7lint-\(H7LintVersion.current)-linux-\(Self.machine()).tar.gz"), "\(tarball)")
        let opt = work.appendingPathComponent("opt")
        try FileManager.default.createDirectory(at: opt, withIntermediateDirectories: true)
        #expect(try ReportSupport.shell(["tar", "-xzf", tarball, "-C", opt.path]).status == 0)
        let unpacked = opt.appendingPathComponent("h7lint-\(H7LintVersion.current)/bin/h7lint")
        let fixture = TestSupport.fixtures.appendingPathComponent("nucleo-h745-ldo-seed").path
        let run = try TestSupport.run(["check", "--no-cache", fixture], environment: ["PATH": "/usr/bin:/bin", "LD_LIBRARY_PATH": ""],
                                      executable: unpacked, builtInKnowledge: true)
        #expect(run.status == 1 && run.stdout.contains("[H7-PWR-001]"), "\(run.stderr)")
        for doc in ["README.md", "CHANGELOG.md", "docs/rules.md"] {
            #expect(FileManager.default.fileExists(atPath: opt.appendingPathComponent("h7lint-\(H7LintVersion.current)/\(doc)").path), "\(doc)")
        }

        // Every library the binary links, by its Debian package, is in the slim base or installed by the Dockerfile.
        let dockerfile = try String(contentsOf: TestSupport.repository.appendingPathComponent("Dockerfile"), encoding: .utf8)
        let installLine = try #require(dockerfile.split(separator: "\n").first { $0.contains("apt-get install") })
        let words: [String] = installLine.split(separator: " ").map(String.init)
        let installed = Set(words.drop { $0 != "install" }.dropFirst().filter { word in
            !word.hasPrefix("-") && !["&&", "\\"].contains(word) })
        // The libraries it names itself (apt brings their own dependencies), where ldd finds them.
        let readelf = try ReportSupport.shell(["readelf", "-d", unpacked.path])
        let needed = readelf.output.split(separator: "\n").compactMap { line -> String? in
            guard line.contains("(NEEDED)"), let open = line.firstIndex(of: "["), let close = line.lastIndex(of: "]") else { return nil }
            return String(line[line.index(after: open)..<close])
        }
        #expect(needed.contains("libc.so.6"), "\(readelf.output)")
        let ldd = try ReportSupport.shell(["ldd", unpacked.path]).output.split(separator: "\n")
        for library in needed where !library.hasPrefix("ld-linux") {
            let line = try #require(ldd.first { $0.contains("\(library) => ") }, "\(library) not found by ldd")
            let path = String(line.split(separator: " ")[2])
            // dpkg knows a file by its path under /usr on merged-/usr systems.
            let owner = try ReportSupport.shell(["sh", "-c", "dpkg -S \"$(realpath \(path))\" 2>/dev/null || dpkg -S \(path)"])
            let package = owner.output.split(separator: ":").first.map(String.init) ?? "?"
            #expect(owner.status == 0 && (Self.inBaseImage.contains(package) || installed.contains(package)),
                    "\(library) comes from \(package), which the Dockerfile does not install: \(owner.output)")
        }
        // libclang is loaded at run time; the image installs one of the names the binary looks for.
        #expect(installed.contains { $0.hasPrefix("libclang1-") }, "\(installLine)")
        #expect(dockerfile.contains("ARG TARBALL") && dockerfile.contains("ADD ${TARBALL} /opt/"))
    }

    static func machine() -> String {
        var name = utsname()
        uname(&name)
        return withUnsafeBytes(of: &name.machine) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
    }
}
