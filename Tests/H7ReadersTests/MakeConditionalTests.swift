import Foundation
import H7Model
import Testing
@testable import H7Readers

/// Makefile conditionals are evaluated with the file's own variables, as `make` with no command-line variables.
@Suite struct MakeConditionalTests {
    static func defines(_ text: String) throws -> (names: [String], configuration: String?) {
        let project = try TemporaryProject()
        let url = try project.write("Makefile", text)
        let settings = try #require(try MakefileReader.read(url: url, projectRoot: project.root).first)
        return (settings.defineNames, settings.configuration)
    }

    @Test func eachFormOfTheDirectives() throws {
        let text = """
        BOARD ?= nucleo
        DEBUG = 1
        C_DEFS = -DBASE
        ifeq ($(BOARD),custom)
        C_DEFS += -DCUSTOM
        else ifeq "$(BOARD)" "nucleo"
        C_DEFS += -DNUCLEO
          ifneq '$(DEBUG)' '1'
        C_DEFS += -DRELEASE
          else
        C_DEFS += -DDEBUG_BUILD
          endif
        else
        C_DEFS += -DOTHER
        endif
        ifdef DEBUG
        C_DEFS += -DHAS_DEBUG
        endif
        ifndef OS
        C_DEFS += -DNO_OS
        endif
        ifdef UNSET
        C_DEFS += -DUNSET
        endif
        CFLAGS = $(C_DEFS)

        """
        let read = try Self.defines(text)
        #expect(read.names == ["BASE", "NUCLEO", "DEBUG_BUILD", "HAS_DEBUG", "NO_OS"])
        #expect(read.configuration?.contains("ifeq ($(BOARD),custom) (Makefile:4) not taken") == true, "\(read.configuration ?? "-")")
        #expect(read.configuration?.contains("ifdef UNSET (Makefile:22) not taken") == true, "\(read.configuration ?? "-")")
    }

    @Test func aConditionH7lintCannotEvaluateReadsEveryBranchAndSaysSo() throws {
        let read = try Self.defines("C_DEFS = -DBASE\nifeq ($(filter custom,$(BOARD)),custom)\nC_DEFS += -DA\nelse\nC_DEFS += -DB\nendif\nCFLAGS = $(C_DEFS)\n")
        #expect(read.names == ["BASE", "A", "B"])
        #expect(read.configuration?.contains("not evaluated: every branch read") == true, "\(read.configuration ?? "-")")
    }

    @Test func conditionalsThatDecideNothingAboutTheFlagsAreNotNamed() throws {
        let read = try Self.defines("ifdef GCC_PATH\nCC = $(GCC_PATH)/gcc\nelse\nCC = gcc\nendif\nC_DEFS = -DBASE\nCFLAGS = $(C_DEFS)\n")
        #expect(read.names == ["BASE"])
        #expect(read.configuration == nil)
    }

    @Test func unbalancedDirectivesDoNotStopTheReader() throws {
        let read = try Self.defines("endif\nelse\nC_DEFS = -DBASE\nifeq (a,a)\nC_DEFS += -DOPEN\nCFLAGS = $(C_DEFS)\n")
        #expect(read.names == ["BASE", "OPEN"])
    }
}
