import Foundation
import Testing

/// Issue 7's bad-input catalogue, part 3: C files and build files (docs/errors.md). libclang keeps
/// going after errors, and its complaints are notes (--verbose), never findings; a build file that
/// cannot be read makes its project "could not be checked" (exit 2).
@Suite struct BadInputSourceTests {
    static let main = "proj/Core/Src/main.c"

    /// Appends `code` to main.c and checks: exit 0, nothing on stderr, the note libclang gave.
    func expectNotesOnly(_ code: String, prepend: Bool = false, note: String) throws {
        let folder = try BadInputFolder()
        try folder.copyFixture()
        let before = try folder.check(["proj"])
        let text = try folder.read(Self.main)
        try folder.write(Self.main, prepend ? code + text : text + code)
        let quiet = try folder.check(["proj"])
        #expect(quiet.status == 0)
        #expect(quiet.stderr == "")
        #expect(quiet.stdout == before.stdout)
        let verbose = try folder.check(["proj"], options: ["--verbose"])
        #expect(verbose.status == 0)
        #expect(verbose.stdout.contains(note), "\(verbose.stdout)")
    }

    @Test func syntaxErrors() throws {
        try expectNotesOnly("\nvoid broken( { int x = ;\n}}}\n#if\n", note: "note: libclang: unterminated conditional directive")
    }

    @Test func missingIncludes() throws {
        try expectNotesOnly("#include <no/such/header.h>\n", prepend: true, note: "main.c:1:10: note: libclang: 'no/such/header.h' file not found")
    }

    @Test func recursiveMacros() throws {
        try expectNotesOnly("\n#define A B\n#define B A\nint loop = A;\n#define F(x) F(x) + 1\nint self = F(1);\n",
                            note: "note: libclang: use of undeclared identifier 'A'")
    }

    /// 10 MB of generated code after SystemClock_Config: parsed within the time limit, same report.
    @Test func tenMegabytesOfCode() throws {
        let folder = try BadInputFolder()
        try folder.copyFixture()
        let before = try folder.check(["proj"])
        var code = try folder.read(Self.main)
        var index = 0
        while code.utf8.count < 10 << 20 {
            code += "int filler_\(index)(int a) { int b = a * \(index) + 3; if (b > 7) { b -= a; } return b ^ \(index); }\n"
            index += 1
        }
        try folder.write(Self.main, code)
        let result = try folder.check(["proj"], environment: ["H7LINT_PARSE_TIMEOUT": "600"])
        #expect(result.status == 0)
        #expect(result.stderr == "")
        #expect(result.stdout == before.stdout)
    }

    /// An `else if` chain 10 000 long is 10 000 levels of nesting: it overflowed libclang's 8 MB parse
    /// thread (the process died of SIGSEGV) and made the fact collector quadratic.
    @Test func deeplyNestedCode() throws {
        let folder = try BadInputFolder()
        try folder.copyFixture()
        let before = try folder.check(["proj"])
        var chain = "int deep_chain(int x)\n{\n  if (x == 0) return 0;\n"
        for level in 1..<10_000 { chain += "  else if (x == \(level)) return \(level);\n" }
        chain += "  return -1;\n}\nint deep_parens = " + String(repeating: "(", count: 200) + "1" + String(repeating: ")", count: 200) + ";\n"
        try folder.append(Self.main, chain)
        let result = try folder.check(["proj"], environment: ["H7LINT_PARSE_TIMEOUT": "600"])
        #expect(result.status == 0)
        #expect(result.stderr == "")
        #expect(result.stdout == before.stdout)
    }

    @Test func malformedCProjectXML() throws {
        let folder = try BadInputFolder()
        try folder.copyFixture("h7a3-smps-280")
        try folder.write("proj/.cproject", """
            <?xml version="1.0" encoding="UTF-8"?>
            <cproject>
              <storageModule moduleId="org.eclipse.cdt.core.settings">
                <option id="defs" value="USE_PWR_DIRECT_SMPS_SUPPLY>
            </cproject>

            """)
        let broken = try folder.check(["proj"])
        #expect(broken.status == 2)
        #expect(broken.stderr == "h7lint: error: proj/.cproject: malformed XML at line 5: '<' inside an attribute value\n")
        try folder.write("proj/.cproject", "<?xml version=\"1.0\"?>\n<cproject>\n <storageModule>\n")
        let truncated = try folder.check(["proj"])
        #expect(truncated.status == 2)
        #expect(truncated.stderr == "h7lint: error: proj/.cproject: malformed XML at line 3: the file ends inside <storageModule> (truncated?)\n")
    }

    /// A comment ending in a backslash swallows the next line (as in GNU make); a continuation
    /// with CRLF, an empty continued line and one at the end of the file change nothing.
    @Test func makefileWithOddContinuations() throws {
        let folder = try BadInputFolder()
        try folder.copyFixture()
        let before = try folder.check(["proj"])
        try folder.append("proj/Makefile", "# a comment that goes on \\\nC_DEFS += -DUSE_PWR_DIRECT_SMPS_SUPPLY\n"
                          + "C_DEFS += \\\r\n-DEXTRA_ONE \\\n\n\\\n\nTRAILING = a \\")
        let result = try folder.check(["proj"])
        #expect(result.status == 0)
        #expect(result.stderr == "")
        #expect(result.stdout == before.stdout)
    }

    @Test func invalidCompileCommandsJSON() throws {
        let folder = try BadInputFolder()
        try folder.copyFixture()
        try folder.write("proj/compile_commands.json", "[{\"directory\": \"/x\", \"file\": \n")
        let truncated = try folder.check(["proj"])
        #expect(truncated.status == 2)
        #expect(truncated.stderr == "h7lint: error: proj/compile_commands.json: invalid JSON at line 2: unexpected end of file\n")
        try folder.write("proj/compile_commands.json", "{\"not\": \"a list\"}\n")
        let notAList = try folder.check(["proj"])
        #expect(notAList.status == 2)
        #expect(notAList.stderr == "h7lint: error: proj/compile_commands.json: expected a JSON array of compile commands at line 1\n")
    }

    /// An include of a link to /dev/zero is read as an empty header (no runaway parse); the run is bounded
    /// in memory by ulimit here, so a regression fails the test instead of the machine.
    @Test func includeOfDevZeroIsReadAsEmpty() throws {
        let folder = try BadInputFolder()
        try folder.copyFixture()
        try folder.link("proj/Core/Inc/zero.h", to: "/dev/zero")
        let code = try folder.read(Self.main)
        try folder.write(Self.main, "#include \"zero.h\"\n" + code)
        guard let binary = TestSupport.executable else { Issue.record("h7lint not built"); return }
        let script = "ulimit -v 3000000; exec \"$0\" check --no-cache --verbose \"$1\""
        let result = try ReportSupport.shell(["sh", "-c", script, binary.path, folder.path("proj")],
                                             environment: ["H7LINT_RULES": TestSupport.repository.appendingPathComponent("Rules").path,
                                                           "H7LINT_PARSE_TIMEOUT": "30", "NO_COLOR": "1"])
        #expect(result.status == 0, "\(result.output.suffix(500))")
        #expect(result.output.contains("zero.h") && result.output.contains("is not a regular file: read as empty"))
    }

    /// Issue 23, item 13: `#include "/dev/zero"` (an absolute name) reached 7.7 GB; absolute names are now looked
    /// up like relative ones, and a regular header larger than 32 MB (a sparse file here) is read as empty too.
    @Test(arguments: ["/dev/zero", "BIG"]) func absoluteIncludeIsBounded(target: String) throws {
        let folder = try BadInputFolder()
        try folder.copyFixture()
        var name = target
        if target == "BIG" {
            name = folder.path("big.h")
            #expect(FileManager.default.createFile(atPath: name, contents: Data("/* big */\n".utf8)))
            #expect(truncate(name, 1 << 32) == 0)
        }
        let code = try folder.read(Self.main)
        try folder.write(Self.main, "#include \"\(name)\"\n" + code)
        guard let binary = TestSupport.executable else { Issue.record("h7lint not built"); return }
        let script = "ulimit -v 3000000; exec \"$0\" check --no-cache --verbose \"$1\""
        let result = try ReportSupport.shell(["sh", "-c", script, binary.path, folder.path("proj")],
                                             environment: ["H7LINT_RULES": TestSupport.repository.appendingPathComponent("Rules").path,
                                                           "H7LINT_PARSE_TIMEOUT": "30", "NO_COLOR": "1"])
        #expect(result.status == 0, "\(result.output.suffix(500))")
        let said = target == "BIG" ? "\(name) (\(name)) is larger than 32 MB: read as empty" : "/dev/zero (/dev/zero) is not a regular file: read as empty"
        #expect(result.output.contains(said), "\(result.output.suffix(800))")
    }

    /// A parsed file larger than the cap is not handed to libclang: one line, exit 2.
    @Test func oversizedSourceIsNotParsed() throws {
        let folder = try BadInputFolder()
        try folder.copyFixture()
        #expect(truncate(folder.path(Self.main), 64 << 20) == 0)
        let result = try folder.check(["proj"])
        #expect(result.status == 2)
        #expect(result.stderr == "h7lint: error: proj/Core/Src/main.c: 64 MB, larger than the 32 MB h7lint hands to libclang: not parsed\n")
    }
}

