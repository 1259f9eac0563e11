import Foundation
import Testing

/// Issue 12: a UTF-8 byte order mark, parses abandoned to the time limit, and the smaller items
/// (docs/errors.md).
@Suite struct BadInputRobustnessTests {
    static let seedMain = "proj/CM7/Core/Src/main.c"
    static let cleanMain = "proj/Core/Src/main.c"

    /// A UTF-8 byte order mark is skipped, as clang and GCC skip it: the same report.
    @Test func utf8ByteOrderMarkIsSkipped() throws {
        let folder = try BadInputFolder()
        try folder.copyFixture("nucleo-h745-ldo-seed")
        let before = try folder.check(["proj"])
        try folder.write(Self.seedMain, bytes: [0xEF, 0xBB, 0xBF] + Array(try folder.read(Self.seedMain).utf8))
        let after = try folder.check(["proj"])
        #expect(after.status == 1 && before.status == 1)
        #expect(after.stdout == before.stdout)
        #expect(after.stderr == "")
    }

    /// Parses abandoned to the time limit keep running in the background; healthy files parsed after
    /// them are not blamed for it (the limit counts each parse's own processor time).
    @Test func abandonedParsesDoNotTimeOutHealthyOnes() throws {
        let folder = try BadInputFolder()
        var macros = "#define P0 1+1\n"
        for level in 1...47 { macros += "#define P\(level) P\(level - 1)+P\(level - 1)\n" }
        macros += "#if P47 == 0\n#error never\n#endif\n"
        for index in 1...4 {
            try folder.copyFixture(to: "repo/a-slow\(index)")
            let main = "repo/a-slow\(index)/Core/Src/main.c"
            try folder.write(main, macros + (try folder.read(main)))
        }
        // Healthy and small (a few hundredths of a second of libclang time each): far from the limit under any load.
        let filler = (0..<1000).map { "int filler\($0)(int x) { if (x > \($0)) return x * \($0); else return x + \($0); }\n" }.joined()
        for index in 1...2 {
            try folder.copyFixture(to: "repo/b-big\(index)")
            try folder.append("repo/b-big\(index)/Core/Src/main.c", filler)
        }
        let result = try folder.check(["repo"], options: ["--jobs", "1"], environment: ["H7LINT_PARSE_TIMEOUT": "1.5"])
        #expect(result.status == 2)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 4)
        #expect(lines.allSatisfy { $0.hasPrefix("h7lint: error: repo/a-slow") && $0.hasSuffix("took longer than 1.5 s, skipped (H7LINT_PARSE_TIMEOUT sets the limit)") })
        #expect(BadInputFolder.summary(result.stdout) == "2 projects checked, 0 findings (4 could not be checked)")
    }

    // MARK: Item 7: the smaller ones


    @Test func xmlErrorSaysWhatIsWrong() throws {
        let folder = try BadInputFolder()
        try folder.copyFixture()
        try folder.write("proj/.cproject", "<cproject>\n<storageModule id=\"a\" id=\"b\"/>\n</cproject>\n")
        let result = try folder.check(["proj"])
        #expect(result.status == 2)
        #expect(result.stderr == "h7lint: error: proj/.cproject: malformed XML at line 2: attribute given twice\n")
    }

    @Test func pipeIsNotARegularFile() throws {
        let folder = try BadInputFolder()
        try folder.copyFixture()
        #expect(mkfifo(folder.path("board.yml"), 0o644) == 0)
        let board = try folder.check(["proj"], options: ["--board", folder.path("board.yml")])
        #expect(board.status == 2)
        #expect(board.stderr == "h7lint: error: \(folder.path("board.yml")): cannot read the board profile (not a regular file)\n")
        #expect(mkfifo(folder.path("proj/.h7lint.yml"), 0o644) == 0)
        let config = try folder.check(["proj"])
        #expect(config.stderr == "h7lint: error: proj/.h7lint.yml: not a regular file (a named pipe), not read\n")
    }

    /// A file inside the checked folder is named from it, never by its absolute path.
    @Test func configProblemIsNamedRelative() throws {
        let folder = try BadInputFolder()
        try folder.copyFixture()
        try folder.write("proj/.h7lint.yml", "bord: NUCLEO-H743ZI\n")
        let result = try folder.check(["proj"])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("h7lint: error: proj/.h7lint.yml:1: "), "\(result.stderr)")
        #expect(!result.stderr.contains(folder.root.path))
    }

    /// Without XDG_CACHE_HOME the cache is in $HOME/.cache/h7lint.
    @Test func defaultCacheFollowsHome() throws {
        let folder = try BadInputFolder()
        try folder.copyFixture()
        let result = try TestSupport.run(["check", folder.path("proj")],
                                         environment: ["HOME": folder.path("home"), "XDG_CACHE_HOME": "", "H7LINT_CACHE_DIR": ""])
        #expect(result.status == 0)
        let entries = try FileManager.default.contentsOfDirectory(atPath: folder.path("home/.cache/h7lint"))
        #expect(entries.contains { $0.hasSuffix(".json") })
    }
}
