import Foundation
import Testing

/// Issue 7's bad-input catalogue, part 2: `.ioc` files (docs/errors.md). A `.ioc` that cannot be read
/// as one makes its project "could not be checked" (exit 2); one that can is read as CubeMX reads it.
@Suite struct BadInputIocTests {
    static let ioc = "proj/\(BadInputFolder.cleanIoc)"

    @Test func emptyIoc() throws {
        let folder = try BadInputFolder()
        try folder.copyFixture()
        try folder.write(Self.ioc, "")
        let result = try folder.check(["proj"])
        #expect(result.status == 2)
        #expect(result.stderr == "h7lint: error: \(Self.ioc): empty file\n")
        #expect(result.stdout == "0 projects checked, 0 findings (1 could not be checked)\n")
    }

    /// Cut in the middle of a line: what is left is read (the board= line is gone, so H7-META-002).
    @Test func truncatedIoc() throws {
        let folder = try BadInputFolder()
        try folder.copyFixture()
        let text = try folder.read(Self.ioc)
        try folder.write(Self.ioc, String(text.prefix(text.count / 2)))
        let result = try folder.check(["proj"])
        #expect(result.status == 0)
        #expect(result.stderr == "")
        #expect(result.stdout.contains("[H7-META-002]"))
        #expect(BadInputFolder.summary(result.stdout).hasPrefix("1 project checked, "))
    }

    /// Cut before the first key: nothing says it is a CubeMX file.
    @Test func iocTruncatedBeforeAnyKey() throws {
        let folder = try BadInputFolder()
        try folder.copyFixture()
        try folder.write(Self.ioc, String(try folder.read(Self.ioc).prefix(12)))
        let result = try folder.check(["proj"])
        #expect(result.status == 2)
        #expect(result.stderr == "h7lint: error: \(Self.ioc): no key=value lines, not a CubeMX .ioc file\n")
    }

    @Test func binaryIoc() throws {
        let folder = try BadInputFolder()
        try folder.copyFixture()
        var generator = SplitMix64(seed: 7)
        try folder.write(Self.ioc, bytes: (0..<4096).map { _ in UInt8(truncatingIfNeeded: generator.next()) } + [0])
        let result = try folder.check(["proj"])
        #expect(result.status == 2)
        #expect(result.stderr == "h7lint: error: \(Self.ioc): binary file (contains NUL bytes), not a CubeMX .ioc file\n")
    }

    /// Bytes that are not UTF-8 are read as ISO-8859-1 (older CubeMX wrote Latin-1 project names).
    @Test func iocNotUTF8() throws {
        let folder = try BadInputFolder()
        try folder.copyFixture()
        let before = try folder.check(["proj"])
        try folder.write(Self.ioc, bytes: Array(try folder.read(Self.ioc).utf8) + Array("ProjectManager.ProjectName=caf".utf8) + [0xE9, 0x0A])
        let result = try folder.check(["proj"])
        #expect(result.status == 0)
        #expect(result.stderr == "")
        #expect(result.stdout == before.stdout)
    }

    /// CRLF line ends give the same report as LF.
    @Test func iocWithCRLF() throws {
        let folder = try BadInputFolder()
        try folder.copyFixture(to: "lf")
        try folder.copyFixture(to: "crlf")
        let ioc = "crlf/\(BadInputFolder.cleanIoc)"
        try folder.write(ioc, try folder.read(ioc).replacingOccurrences(of: "\n", with: "\r\n"))
        let lf = try folder.check(["lf"]), crlf = try folder.check(["crlf"])
        #expect(crlf.status == 0)
        #expect(crlf.stderr == "")
        #expect(crlf.stdout == lf.stdout)
    }

    @Test func iocWithOneMegabyteLine() throws {
        let folder = try BadInputFolder()
        try folder.copyFixture()
        let before = try folder.check(["proj"])
        try folder.append(Self.ioc, "Mcu.UserConstants=" + String(repeating: "A", count: 1 << 20) + "\n")
        let result = try folder.check(["proj"])
        #expect(result.status == 0)
        #expect(result.stderr == "")
        #expect(result.stdout == before.stdout)
    }

    /// The last value wins, as in CubeMX (Java properties); --verbose names each repeated key.
    @Test func iocWithDuplicateKeys() throws {
        let folder = try BadInputFolder()
        try folder.copyFixture()
        let lines = try folder.read(Self.ioc).split(separator: "\n", omittingEmptySubsequences: false).count
        try folder.append(Self.ioc, "Mcu.Name=STM32H743ZITx\n")
        let quiet = try folder.check(["proj"])
        #expect(quiet.status == 0)
        #expect(quiet.stderr == "")
        let verbose = try folder.check(["proj"], options: ["--verbose"])
        #expect(verbose.status == 0)
        #expect(verbose.stderr.withoutAssumptions == "h7lint: note: \(Self.ioc):\(lines): key 'Mcu.Name' given 2 times (first on line 13); the last value is used, as CubeMX does\n")
    }

    @Test func twoIocFilesInOneFolder() throws {
        let folder = try BadInputFolder()
        try folder.copyFixture()
        try folder.write("proj/other.ioc", try folder.read(Self.ioc))
        let result = try folder.check(["proj"])
        #expect(result.status == 2)
        #expect(result.stderr == "h7lint: error: \(Self.ioc): 2 .ioc files in one folder (\(BadInputFolder.cleanIoc), other.ioc); keep one, or check them as separate projects\n")
    }
}

/// A small seeded generator for test inputs.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
