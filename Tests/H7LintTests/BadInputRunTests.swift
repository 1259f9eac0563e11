import Foundation
import Testing

/// Issue 7's bad-input catalogue, part 5: runs over several projects, and the per-file parse time
/// limit (docs/errors.md). A broken project is named in one line; the others are still checked.
@Suite struct BadInputRunTests {
    @Test func oneBrokenProjectAmongSeveral() throws {
        let folder = try BadInputFolder()
        try folder.copyFixture(to: "repo/a-clean")
        try folder.copyFixture(to: "repo/b-broken")
        try folder.write("repo/b-broken/\(BadInputFolder.cleanIoc)", "")
        try folder.copyFixture("nucleo-h745-ldo-seed", to: "repo/c-seed")
        let result = try folder.check(["repo"])
        #expect(result.status == 2)
        #expect(result.stderr == "h7lint: error: repo/b-broken/\(BadInputFolder.cleanIoc): empty file\n")
        #expect(result.stdout.contains("repo/c-seed/CM7/Core/Src/main.c:77:3: error: supply set to ldo"))
        let summary = BadInputFolder.summary(result.stdout)
        #expect(summary.hasPrefix("2 projects checked, ") && summary.hasSuffix(" (1 could not be checked)"))
    }

    /// A header that is a FIFO nobody writes, named through a macro (a literal name is read as empty, see
    /// includeOfDevZeroIsReadAsEmpty): libclang waits for ever in open(). The time limit reports that
    /// project and the run goes on with the others.
    @Test func parseThatNeverEndsIsSkipped() throws {
        let folder = try BadInputFolder()
        try folder.copyFixture(to: "repo/a-clean")
        try folder.copyFixture(to: "repo/b-stuck")
        try folder.copyFixture(to: "repo/c-clean")
        #expect(mkfifo(folder.path("repo/b-stuck/Core/Src/stuck.h"), 0o644) == 0)
        let main = "repo/b-stuck/Core/Src/main.c"
        try folder.write(main, "#define STUCK \"stuck.h\"\n#include STUCK\n" + (try folder.read(main)))
        let result = try folder.check(["repo"], environment: ["H7LINT_PARSE_TIMEOUT": "5"])
        #expect(result.status == 2)
        #expect(result.stderr == "h7lint: error: repo/b-stuck/Core/Src/main.c: parse of main.c took longer than 5 s, skipped (H7LINT_PARSE_TIMEOUT sets the limit)\n")
        let summary = BadInputFolder.summary(result.stdout)
        #expect(summary.hasPrefix("2 projects checked, ") && summary.hasSuffix(" (1 could not be checked)"))
    }

    /// Macros that double at each level: 2^23 tokens in one #if, seconds of libclang time.
    @Test func exponentialMacroExpansionIsSkipped() throws {
        let folder = try BadInputFolder()
        try folder.copyFixture()
        var macros = "#define P0 1+1\n"
        for level in 1...22 { macros += "#define P\(level) P\(level - 1)+P\(level - 1)\n" }
        macros += "#if P22 == 0\n#error never\n#endif\n"
        let main = "proj/Core/Src/main.c"
        try folder.write(main, macros + (try folder.read(main)))
        let result = try folder.check(["proj"], environment: ["H7LINT_PARSE_TIMEOUT": "0.3"])
        #expect(result.status == 2)
        #expect(result.stderr == "h7lint: error: proj/Core/Src/main.c: parse of main.c took longer than 0.3 s, skipped (H7LINT_PARSE_TIMEOUT sets the limit)\n")
    }

    @Test func badTimeLimitIsAUsageError() throws {
        let folder = try BadInputFolder()
        try folder.copyFixture()
        let result = try folder.check(["proj"], environment: ["H7LINT_PARSE_TIMEOUT": "soon"])
        #expect(result.status == 2)
        #expect(result.stderr == "h7lint: error: H7LINT_PARSE_TIMEOUT must be a number of seconds above 0, not 'soon'\n")
    }
}
