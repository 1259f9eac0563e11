import Foundation
import H7Lint
import H7Model
import Testing

/// h7lint leaves its source tree: the knowledge in Rules/ is built into the executable.
struct InstallTests {
    /// The snapshot the executable carries decodes to the same knowledge as Rules/ read as YAML.
    @Test func snapshotRoundTripsTheKnowledge() throws {
        let original = TestSupport.knowledge
        let data = try JSONEncoder().encode(original.snapshot)
        let copy = Knowledge(snapshot: try JSONDecoder().decode(Knowledge.Snapshot.self, from: data), directory: original.directory)
        #expect(copy.ruleDocs == original.ruleDocs)
        #expect(copy.lines == original.lines)
        #expect(copy.boards == original.boards)
        #expect(copy.recovery == original.recovery)
        #expect(copy.preludeHeader == original.preludeHeader)
        #expect(copy.identifiers.values(features: ["RM0399", "smps", "dual-core", "d3cr", "oden"])
                == original.identifiers.values(features: ["RM0399", "smps", "dual-core", "d3cr", "oden"]))
        let path = TestSupport.fixtures.appendingPathComponent("nucleo-h745-ldo-seed")
        let viaSnapshot = try Checker(knowledge: copy).check(path: path).reports
        #expect(TestSupport.summary(viaSnapshot, level: .note) == TestSupport.summary(try TestSupport.check(path), level: .note))
    }

    /// The parts the executable carries (each decoded when first read; the identifiers in their compact
    /// form, the examples apart) give the same knowledge as Rules/ and the same findings.
    @Test func sectionsRoundTripTheKnowledge() throws {
        let original = TestSupport.knowledge
        let sections = try Knowledge.sections(of: original.snapshot)
        #expect(sections["identifiers"].map { !$0.hasPrefix("[") } == true)
        #expect(sections.keys.contains { $0.hasPrefix("examples:") })
        let copy = Knowledge(sections: sections, directory: original.directory)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        #expect(try encoder.encode(copy.snapshot) == encoder.encode(original.snapshot))
        #expect(copy.ruleDocs == original.ruleDocs)
        #expect(copy.ruleDocs.values.contains { $0.examples?.triggering?.isEmpty == false })
        for features: Set<String> in [[], ["RM0399", "smps", "dual-core", "d3cr", "oden"], ["RM0477", "csr4", "smps"]] {
            #expect(copy.identifiers.values(features: features) == original.identifiers.values(features: features))
        }
        let path = TestSupport.fixtures.appendingPathComponent("nucleo-h745-ldo-seed")
        let viaSections = try Checker(knowledge: copy).check(path: path).reports
        #expect(TestSupport.summary(viaSections, level: .note) == TestSupport.summary(try TestSupport.check(path), level: .note))
    }

    /// An identifier whose text holds a separator of the compact form is refused, not garbled.
    @Test func compactIdentifiersRefuseTheirSeparators() throws {
        let list = try CompactIdentifiers.decode(try CompactIdentifiers.encode(TestSupport.knowledge.snapshot.identifiers))
        #expect(list == TestSupport.knowledge.snapshot.identifiers)
        var odd = TestSupport.knowledge.snapshot.identifiers[0]
        odd.source = "a | b"
        #expect(throws: H7Error.self) { try CompactIdentifiers.encode([odd]) }
    }

    /// The binary copied alone into another folder checks a project from any working directory, with no
    /// Rules/ folder and no H7LINT_RULES.
    @Test func binaryWorksAloneFromAnotherFolder() throws {
        guard let built = TestSupport.executable else { Issue.record("h7lint executable not built"); return }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("h7lint-alone-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("bin"), withIntermediateDirectories: true)
        let alone = folder.appendingPathComponent("bin/h7lint")
        try FileManager.default.copyItem(at: built, to: alone)
        let fixture = TestSupport.fixtures.appendingPathComponent("nucleo-h745-ldo-seed").path
        let result = try TestSupport.run(["check", fixture], executable: alone, builtInKnowledge: true, in: folder)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stdout.contains("[H7-PWR-001]"))
        let version = try TestSupport.run(["--version"], executable: alone, builtInKnowledge: true, in: folder)
        #expect(version.stdout.hasPrefix("\(H7LintVersion.current) (knowledge "))
        let missing = try TestSupport.run(["rules", "--rules", folder.appendingPathComponent("nowhere").path], executable: alone,
                                          builtInKnowledge: true, in: folder)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no Rules folder there"))
    }

    /// The binary scripts/test builds with `--static-swift-stdlib` (scripts/build-release makes the same in release
    /// mode): no Swift library among its dynamic dependencies, and it checks a project with the Swift toolchain
    /// hidden (a mount namespace puts an empty folder over it, where the machine allows one).
    @Test(.enabled(if: ProcessInfo.processInfo.environment["H7LINT_STATIC_BINARY"] != nil))
    func staticBinaryNeedsNoSwift() throws {
        let binary = try #require(ProcessInfo.processInfo.environment["H7LINT_STATIC_BINARY"])
        let ldd = try ReportSupport.shell(["ldd", binary], in: TestSupport.repository)
        #expect(ldd.status == 0, "\(ldd.output)")
        let swiftLibraries = ldd.output.split(separator: "\n").filter { $0.contains("libswift") || $0.contains("libFoundation") || $0.contains("libdispatch") || $0.contains("libclang") }
        #expect(swiftLibraries.isEmpty, "\(swiftLibraries)")
        let fixture = TestSupport.fixtures.appendingPathComponent("nucleo-h745-ldo-seed").path
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("h7lint-no-swift-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        let toolchain = URL(fileURLWithPath: "/opt/swift")
        let hidden = try ReportSupport.shell(["unshare", "-m", "sh", "-c", "mount --bind \(empty.path) \(toolchain.path) && ls \(toolchain.path) | wc -l && \(binary) check --no-cache \(fixture)"], in: TestSupport.repository)
        if hidden.output.contains("Operation not permitted") || hidden.output.contains("unshare failed") {
            // No mount namespace here: run it without the toolchain's folders on any search path instead.
            let plain = try TestSupport.run(["check", "--no-cache", fixture], environment: ["LD_LIBRARY_PATH": "", "PATH": "/usr/bin:/bin"], executable: URL(fileURLWithPath: binary), builtInKnowledge: true)
            #expect(plain.status == 1 && plain.stdout.contains("[H7-PWR-001]"), "\(plain.stderr)")
        } else {
            #expect(hidden.output.hasPrefix("0\n"), "the toolchain folder was not hidden: \(hidden.output)")
            #expect(hidden.status == 1 && hidden.output.contains("[H7-PWR-001]"), "\(hidden.output)")
        }
    }

    /// libclang is found at run time: `H7LINT_LIBCLANG` names one anywhere; a wrong one is one line and exit 2.
    @Test func libclangIsChosenAtRunTime() throws {
        let fixture = TestSupport.fixtures.appendingPathComponent("nucleo-h745-ldo-seed").path
        let wrong = try TestSupport.run(["check", "--no-cache", fixture], environment: ["H7LINT_LIBCLANG": "/nonexistent/libclang.so"])
        #expect(wrong.status == 2)
        #expect(wrong.stderr.split(separator: "\n").count == 1 && wrong.stderr.contains("H7LINT_LIBCLANG=/nonexistent/libclang.so: not a usable libclang"), "\(wrong.stderr)")
        let notClang = try TestSupport.run(["check", "--no-cache", fixture], environment: ["H7LINT_LIBCLANG": "libz.so.1"])
        #expect(notClang.status == 2 && notClang.stderr.contains("has no clang_"), "\(notClang.stderr)")
        // A libclang copied to a folder of its own.
        let loaded = try ClangLibrary.loaded.get()
        let folders = ["", "/usr/lib/x86_64-linux-gnu/", "/usr/lib/aarch64-linux-gnu/", "/usr/lib/", "/lib/x86_64-linux-gnu/"]
        guard let source = folders.map({ $0 + loaded }).first(where: { $0.hasPrefix("/") && FileManager.default.fileExists(atPath: $0) }) else {
            Issue.record("cannot tell where \(loaded) is"); return
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("h7lint-libclang-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let copy = folder.appendingPathComponent("libclang-copy.so")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: source).resolvingSymlinksInPath(), to: copy)
        let right = try TestSupport.run(["check", "--no-cache", fixture], environment: ["H7LINT_LIBCLANG": copy.path])
        #expect(right.status == 1 && right.stdout.contains("[H7-PWR-001]"), "\(right.stderr)")
    }

    /// A libclang without its built-in headers (PyPI's wheel) gets h7lint's stand-ins for them: every fixture
    /// gives the same report as with Debian's headers.
    @Test func builtinHeaderStandInsGiveTheSameFindings() throws {
        let arguments = ["check", "--no-cache", "--format", "concise", "--exit-zero", TestSupport.fixtures.path]
        let debian = try TestSupport.run(arguments)
        let standIn = try TestSupport.run(arguments, environment: ["H7LINT_RESOURCE_DIR": "none"])
        #expect(debian.stdout.contains("[H7-PWR-001]"))
        #expect(standIn.stdout == debian.stdout)
    }

    /// scripts/make-wheel packs the static binary; pip installs it into a fresh virtual environment, where
    /// `h7lint` and `python -m h7lint` check a fixture (the system libclang stands in for PyPI's here).
    @Test(.enabled(if: ProcessInfo.processInfo.environment["H7LINT_STATIC_BINARY"] != nil))
    func wheelInstallsIntoAVirtualEnvironment() throws {
        let binary = try #require(ProcessInfo.processInfo.environment["H7LINT_STATIC_BINARY"])
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("h7lint-wheel-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let made = try ReportSupport.shell(["python3", TestSupport.repository.appendingPathComponent("scripts/make-wheel").path,
                                            binary, H7LintVersion.current, folder.path], in: folder)
        #expect(made.status == 0, "\(made.output)")
        let wheel = made.output.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(wheel.hasSuffix(".whl") && wheel.contains("h7lint-\(H7LintVersion.current)-py3-none-manylinux_"), "\(wheel)")
        let venv = folder.appendingPathComponent("venv")
        let created = try ReportSupport.shell(["python3", "-m", "venv", venv.path], in: folder)
        guard created.status == 0 else { Issue.record("python3 -m venv failed: \(created.output)"); return }
        let installed = try ReportSupport.shell([venv.appendingPathComponent("bin/pip").path, "install", "--quiet", "--no-deps", "--no-index", wheel], in: folder)
        #expect(installed.status == 0, "\(installed.output)")
        let fixture = TestSupport.fixtures.appendingPathComponent("nucleo-h745-ldo-seed").path
        let direct = try TestSupport.run(["check", "--no-cache", fixture], executable: venv.appendingPathComponent("bin/h7lint"), builtInKnowledge: true)
        #expect(direct.status == 1 && direct.stdout.contains("[H7-PWR-001]"), "\(direct.stderr)")
        let module = try ReportSupport.shell([venv.appendingPathComponent("bin/python").path, "-m", "h7lint", "--version"], in: folder, unsetting: ["H7LINT_RULES"])
        #expect(module.status == 0 && module.output.hasPrefix("\(H7LintVersion.current) (knowledge "), "\(module.output)")
    }
}
