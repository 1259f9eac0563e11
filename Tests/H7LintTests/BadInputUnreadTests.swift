import Foundation
import Testing

/// Issue 23, items 12, 15 and 16: sources that cannot be read, linked build files, and a board for another
/// part. None of them may end "0 findings", exit 0, without a word.
@Suite struct BadInputUnreadTests {
    static let main = "proj/Core/Src/main.c"
    static let tail = ": the clock and supply code it should hold was not checked [H7-META-004]"

    /// The clean project's Makefile lists Core/Src/main.c; each recipe breaks it in another way (as root, chmod
    /// 000 reads anyway: a folder, a FIFO and links are what cannot be read).
    static let recipes: [(name: String, reason: String)] = [
        ("deleted", "missing (listed in Makefile)"),
        ("dangling link", "a symbolic link to nothing (gone.c) (listed in Makefile)"),
        ("folder", "a folder, not a C file (listed in Makefile)"),
        ("fifo", "not a regular file (a named pipe) (listed in Makefile)"),
        ("link out of the tree", "a symbolic link to OUTSIDE, outside the checked folder, not read (listed in Makefile)"),
        ("only blanks", "empty (only blanks)"),
    ]

    @Test(arguments: 0..<recipes.count)
    func unreadableMainIsAFinding(index: Int) throws {
        let (name, reason) = Self.recipes[index]
        let folder = try BadInputFolder()
        try folder.copyFixture()
        let code = try folder.read(Self.main)
        try FileManager.default.removeItem(at: folder.url(Self.main))
        switch name {
        case "dangling link": try folder.link(Self.main, to: "gone.c")
        case "folder": try FileManager.default.createDirectory(at: folder.url(Self.main), withIntermediateDirectories: false)
        case "fifo": #expect(mkfifo(folder.path(Self.main), 0o644) == 0)
        case "link out of the tree":
            try folder.write("elsewhere/main.c", code)
            try folder.link(Self.main, to: folder.path("elsewhere/main.c"))
        case "only blanks": try folder.write(Self.main, "  \n\n\t\n")
        default: break
        }
        let result = try folder.check(["proj"])
        #expect(result.status == 1, "\(result.stderr)")
        let said = reason.replacingOccurrences(of: "OUTSIDE", with: folder.path("elsewhere/main.c"))
        #expect(result.stdout.contains("\(Self.main):1:1: warning: Core/Src/main.c is \(said)\(Self.tail)"), "\(result.stdout)")
    }

    /// `app.c` holding SystemClock_Config saved as UTF-16 (not listed anywhere), or empty: listed in the Makefile,
    /// or in a project without one (then an empty C file is reported when no file defines SystemClock_Config).
    @Test(arguments: ["utf-16", "empty", "empty unlisted"]) func unreadableAppIsAFinding(kind: String) throws {
        let folder = try BadInputFolder()
        try folder.copyFixture()
        let code = try folder.read(Self.main)
        try folder.write(Self.main, "int main(void)\n{\n  return 0;\n}\n")
        if kind == "utf-16" {
            try folder.write("proj/Core/Src/app.c", bytes: [0xFF, 0xFE] + Array(code.utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        } else if kind == "empty unlisted" {
            try folder.write("proj/Core/Src/app.c", "")
            try FileManager.default.removeItem(at: folder.url("proj/Makefile"))
        } else {
            try folder.write("proj/Core/Src/app.c", "")
            let makefile = try folder.read("proj/Makefile")
            try folder.write("proj/Makefile", makefile.replacingOccurrences(of: "Core/Src/main.c \\", with: "Core/Src/main.c \\\nCore/Src/app.c \\"))
        }
        let result = try folder.check(["proj"])
        #expect(result.status == 1)
        // No file defines SystemClock_Config any more, so the empty file is found as the likely place it was.
        let reason = kind == "utf-16" ? "UTF-16 text, which C compilers do not read (save it as UTF-8)" : "empty"
        #expect(result.stdout.contains("proj/Core/Src/app.c:1:1: warning: Core/Src/app.c is \(reason)\(Self.tail)"), "\(result.stdout)")
    }

    /// A project whose C files are all gone is never a clean pass.
    @Test func projectWithoutCodeIsAFinding() throws {
        let folder = try BadInputFolder()
        try folder.copyFixture()
        try FileManager.default.removeItem(at: folder.url("proj/Core/Src"))
        try FileManager.default.removeItem(at: folder.url("proj/Makefile"))
        let result = try folder.check(["proj"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("warning: no C file of the project was found to parse (none defines SystemClock_Config or sets the supply): its clock and supply code was not checked [H7-META-004]"), "\(result.stdout)")
    }

    /// Item 15: a Makefile that is a link to a monorepo's shared makefile is read (the LDO define counts); a link
    /// out of the repository is said on stderr even without --verbose.
    @Test func linkedMakefileInsideTheRepositoryIsRead() throws {
        let folder = try BadInputFolder()
        try FileManager.default.createDirectory(at: folder.url("repo/.git"), withIntermediateDirectories: true)
        try folder.copyFixture(to: "repo/boards/proj")
        try folder.write("repo/common-mk/h743.mk", try folder.read("repo/boards/proj/Makefile"))
        try FileManager.default.removeItem(at: folder.url("repo/boards/proj/Makefile"))
        try folder.link("repo/boards/proj/Makefile", to: "../../common-mk/h743.mk")
        let result = try folder.check(["repo/boards/proj"], options: ["--verbose"])
        #expect(result.status == 0, "\(result.stdout)")
        #expect(!result.stdout.contains("H7-PWR-004"))
        #expect(result.stderr.contains("h7lint: note: proj/Makefile: symbolic link to \(folder.path("repo/common-mk/h743.mk")), followed\n"))
        let plain = try folder.check(["repo/boards/proj"])
        #expect(plain.status == 0 && plain.stderr.isEmpty)
    }

    @Test func linkedMakefileOutsideTheRepositoryIsSaid() throws {
        let folder = try BadInputFolder()
        try folder.copyFixture(to: "repo/proj")
        try FileManager.default.createDirectory(at: folder.url("repo/.git"), withIntermediateDirectories: true)
        try folder.write("common-mk/h743.mk", try folder.read("repo/proj/Makefile"))
        try FileManager.default.removeItem(at: folder.url("repo/proj/Makefile"))
        try folder.link("repo/proj/Makefile", to: folder.path("common-mk/h743.mk"))
        let result = try folder.check(["repo/proj"])
        #expect(result.stderr.contains("h7lint: note: proj/Makefile: symbolic link to \(folder.path("common-mk/h743.mk")), outside the checked folder, not followed\n"))
    }

    /// Item 16: `--board` for another part stops that project with one line naming the root cause; the other
    /// projects of the run are checked as usual.
    @Test func boardForAnotherPartIsTheRootCause() throws {
        let folder = try BadInputFolder()
        try folder.copyFixture(to: "repo/a-h743")
        try folder.copyFixture("nucleo-h745-ldo-seed", to: "repo/b-h745")
        let result = try folder.check(["repo"], options: ["--board", "NUCLEO-H745ZI-Q"])
        #expect(result.status == 2)
        #expect(result.stderr == "h7lint: error: repo/a-h743: board NUCLEO-H745ZI-Q (--board NUCLEO-H745ZI-Q) is built around the STM32H745xx, but this project is for the STM32H743xx (STM32H743xx define): name this project's own board\n")
        #expect(result.stdout.contains("repo/b-h745/CM7/Core/Src/main.c:77:3: error: supply set to ldo"))
        #expect(!result.stdout.contains("repo/a-h743/"))
    }

    /// A board built around a part of the same die (the same line, cores and SMPS) keeps the board, as ST's own
    /// H745 templates for the STM32H747I-DISCO do: its wiring rules run.
    @Test func boardOfTheSameDieIsKept() throws {
        let folder = try BadInputFolder()
        try folder.copyFixture("nucleo-h745-ldo-seed", to: "repo/h745")
        let result = try folder.check(["repo"], options: ["--board", "STM32H747I-DISCO"])
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stdout.contains("error: supply set to ldo (PWR_LDO_SUPPLY) but board STM32H747I-DISCO"), "\(result.stdout)")
    }

    /// The `.ioc` naming a board of another part: the board counts as unknown, and H7-META-002 says why.
    @Test func iocBoardForAnotherPartIsSaid() throws {
        let folder = try BadInputFolder()
        try folder.copyFixture()
        let ioc = "proj/\(BadInputFolder.cleanIoc)"
        try folder.write(ioc, try folder.read(ioc).replacingOccurrences(of: "board=NUCLEO-H743ZI", with: "board=NUCLEO-H745ZI-Q"))
        let result = try folder.check(["proj"])
        #expect(result.stdout.contains("board unknown (.ioc board=NUCLEO-H745ZI-Q is a board for the STM32H745xx, not for this project's STM32H743xx)"), "\(result.stdout)")
        #expect(!result.stdout.contains("error:"))
    }
}
