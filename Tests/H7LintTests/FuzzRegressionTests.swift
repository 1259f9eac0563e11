import Foundation
import Testing

/// Inputs that crashed h7lint under the fuzzer (scripts/fuzz); each must now give one error line.
@Suite struct FuzzRegressionTests {
    /// `<` then a byte that is not UTF-8: FoundationXML's XMLParser trapped on the element name
    /// (fuzz-build, 6 bytes after minimising). XML files that are not UTF-8 are now read as ISO-8859-1.
    @Test func xmlElementNameNotUTF8() throws {
        let folder = try BadInputFolder()
        try folder.copyFixture("h7a3-smps-280")
        try folder.write("proj/.cproject", bytes: [0x3C, 0xFF, 0x75, 0x0A, 0x53])
        let result = try folder.check(["proj"])
        #expect(result.status == 2)
        #expect(result.stderr == "h7lint: error: proj/.cproject: malformed XML at line 2: malformed attribute\n")
    }

    /// The same bytes in an attribute value and an element name of an otherwise well-formed file.
    @Test func xmlAttributeNotUTF8() throws {
        let folder = try BadInputFolder()
        try folder.copyFixture("h7a3-smps-280")
        try folder.write("proj/.cproject", bytes: Array("<?xml version=\"1.0\"?>\n<cproject a=\"".utf8) + [0xE9, 0x74, 0xE9]
                         + Array("\">\n<".utf8) + [0xFE, 0xFF] + Array("/></cproject>\n".utf8))
        let result = try folder.check(["proj"])
        #expect(result.status == 2)
        #expect(result.stderr == "h7lint: error: proj/.cproject: no <cconfiguration> element\n")
    }

    /// A board profile whose scheme name holds line breaks: the message quoted it and became several
    /// lines (fuzz-board). Control characters in quoted values are now escaped.
    @Test func boardProfileValueWithLineBreaks() throws {
        let folder = try BadInputFolder()
        try folder.copyFixture()
        try folder.write("proj/board.yml", "id: X\ndevice: STM32H747xx\nsupply:\n  allowed: [\"direct-\\r\\nsmps\"]\n")
        let result = try folder.check(["proj"], options: ["--board", folder.path("proj/board.yml")])
        #expect(result.status == 2)
        #expect(result.stderr == "h7lint: error: \(folder.path("proj/board.yml")):4: 'direct-\\r\\nsmps' in 'supply.allowed' is not a supply scheme (\(BadInputBoardTests.schemes))\n")
    }
}
