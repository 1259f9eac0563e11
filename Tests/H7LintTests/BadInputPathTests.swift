import Foundation
import Testing

/// Issue 7's bad-input catalogue, part 1: the paths given and the tree under them (docs/errors.md).
@Suite struct BadInputPathTests {
    @Test func pathThatDoesNotExist() throws {
        let folder = try BadInputFolder()
        let result = try folder.check(["no-such-folder"])
        #expect(result.status == 2)
        #expect(result.stderr == "h7lint: error: \(folder.path("no-such-folder")): no such file or folder\n")
    }

    /// A file given where a project folder is expected stands for the project holding it; a file no
    /// project holds is not an error (pre-commit passes whatever was staged), and --verbose says so.
    @Test func fileInNoProject() throws {
        let folder = try BadInputFolder()
        try folder.write("notes.txt", "not a project\n")
        let result = try folder.check(["notes.txt"], options: ["--verbose"])
        #expect(result.status == 0)
        #expect(result.stderr == "h7lint: note: \(folder.path("notes.txt")): in no STM32 project, not checked\n")
        #expect(result.stdout == "0 projects checked, 0 findings\n")
    }

    /// A folder where a board profile file is expected.
    @Test func folderGivenAsBoardProfile() throws {
        let folder = try BadInputFolder()
        try folder.copyFixture()
        try FileManager.default.createDirectory(at: folder.url("boards/mine.yml"), withIntermediateDirectories: true)
        let result = try folder.check(["proj"], options: ["--board", folder.path("boards/mine.yml")])
        #expect(result.status == 2)
        #expect(result.stderr == "h7lint: error: \(folder.path("boards/mine.yml")): cannot read the board profile (a folder)\n")
    }

    @Test func emptyFolder() throws {
        let folder = try BadInputFolder()
        try FileManager.default.createDirectory(at: folder.url("empty"), withIntermediateDirectories: true)
        let result = try folder.check(["empty"])
        #expect(result.status == 2)
        #expect(result.stderr == "h7lint: error: \(folder.path("empty")): no STM32 project found (no .ioc file and no C file defining SystemClock_Config)\n")
    }

    @Test func folderWithNoProject() throws {
        let folder = try BadInputFolder()
        try folder.write("tools/README.md", "# tools\n")
        try folder.write("tools/util.c", "int add(int a, int b) { return a + b; }\n")
        let result = try folder.check(["tools"])
        #expect(result.status == 2)
        #expect(result.stderr == "h7lint: error: \(folder.path("tools")): no STM32 project found (no .ioc file and no C file defining SystemClock_Config)\n")
    }

    /// Several paths, one with no project: that one is named, the others are still checked.
    @Test func oneUnusablePathAmongSeveral() throws {
        let folder = try BadInputFolder()
        try folder.copyFixture()
        try FileManager.default.createDirectory(at: folder.url("empty"), withIntermediateDirectories: true)
        let result = try folder.check(["empty", "proj"])
        #expect(result.status == 2)
        #expect(result.stderr == "h7lint: error: \(folder.path("empty")): no STM32 project found (no .ioc file and no C file defining SystemClock_Config)\n")
        #expect(BadInputFolder.summary(result.stdout).hasPrefix("1 project checked, "))
    }

    /// chmod 000: as a normal user the file cannot be read and the project is reported; as root (CI)
    /// chmod does not stop reads, so the project is checked as usual. Both are asserted, never skipped.
    @Test func unreadableIoc() throws {
        let folder = try BadInputFolder()
        try folder.copyFixture()
        let before = try folder.check(["proj"])
        #expect(chmod(folder.path("proj/\(BadInputFolder.cleanIoc)"), 0) == 0)
        let result = try folder.check(["proj"])
        if BadInputFolder.isRoot {
            #expect(result.status == 0)
            #expect(result.stderr == "")
            #expect(result.stdout == before.stdout)
        } else {
            #expect(result.status == 2)
            #expect(result.stderr == "h7lint: error: proj/\(BadInputFolder.cleanIoc): cannot read (permission denied or I/O error)\n")
        }
    }

    /// Links are never followed: no loop can start, and nothing outside the tree is read.
    @Test func symbolicLinkLoops() throws {
        let folder = try BadInputFolder()
        try folder.copyFixture()
        try folder.link("proj/Core/self", to: ".")
        try folder.link("proj/Core/up", to: "..")
        try folder.link("proj/a", to: "b")
        try folder.link("proj/b", to: "a")
        let quiet = try folder.check(["proj"])
        #expect(quiet.status == 0)
        #expect(quiet.stderr == "")
        let verbose = try folder.check(["proj"], options: ["--verbose"])
        #expect(verbose.status == 0)
        #expect(verbose.stderr.withoutAssumptions == """
            h7lint: note: proj/Core/self: symbolic link not followed
            h7lint: note: proj/Core/up: symbolic link not followed
            h7lint: note: proj/a: a loop of symbolic links (b), not followed
            h7lint: note: proj/b: a loop of symbolic links (a), not followed

            """)
    }

    /// A link out of the checked folder is said even without --verbose, and not followed: the
    /// clock code it points at is not found as a second project.
    @Test func symbolicLinkOutOfTheTree() throws {
        let folder = try BadInputFolder()
        try folder.copyFixture()
        let before = try folder.check(["proj"])
        try folder.copyFixture(to: "elsewhere/other")
        try folder.link("proj/Extra", to: folder.path("elsewhere"))
        let result = try folder.check(["proj"])
        #expect(result.status == 0)
        #expect(result.stderr == "h7lint: note: proj/Extra: symbolic link to \(folder.path("elsewhere")), outside the checked folder, not followed\n")
        #expect(result.stdout == before.stdout)
    }
}
