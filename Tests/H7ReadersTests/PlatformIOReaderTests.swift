import Foundation
import H7Model
import Testing
@testable import H7Readers

@Suite struct PlatformIOReaderTests {
    static let ini = """
    ; PlatformIO Project Configuration File
    [platformio]
    default_envs = release

    [common]
    flags =
        -DHSE_VALUE=8000000UL
        -Iinclude/board

    [env]
    platform = ststm32
    framework = stm32cube
    build_flags = ${common.flags}

    [env:debug]
    board = nucleo_h745zi_q
    build_flags = ${env.build_flags} -DDEBUG  ; inline comment

    [env:release]
    extends = env:debug
    build_flags =
        ${env.build_flags}
        -DUSE_PWR_LDO_SUPPLY
    build_src_filter = +<*> -<cm4/>
    """

    /// Environments are configurations, `default_envs` first; `extends`, `[env]` and `${...}` are followed, and
    /// each define keeps the line that states it.
    @Test func environmentsExtendsAndInterpolation() throws {
        let project = try TemporaryProject()
        let url = try project.write("platformio.ini", Self.ini)
        let settings = try PlatformIOReader.read(url: url, projectRoot: project.root)
        #expect(settings.map(\.configuration) == ["release", "debug"])
        let release = settings[0]
        #expect(release.origin == .platformio)
        #expect(release.boardName == "nucleo_h745zi_q")
        #expect(release.framework == "stm32cube")
        #expect(release.sourceFilter == "+<*> -<cm4/>")
        #expect(release.defineNames == ["HSE_VALUE", "USE_PWR_LDO_SUPPLY", "USE_HAL_DRIVER"])
        #expect(release.define(named: "HSE_VALUE")?.line == line(of: "-DHSE_VALUE", in: Self.ini))
        #expect(release.define(named: "USE_PWR_LDO_SUPPLY")?.line == line(of: "-DUSE_PWR_LDO_SUPPLY", in: Self.ini))
        #expect(release.includePaths.first == project.path("include/board"))
        #expect(settings[1].defineNames == ["HSE_VALUE", "DEBUG", "USE_HAL_DRIVER"])
    }

    /// A project-local board manifest: its extra_flags come first (with its own file and line), its mcu names
    /// the part, an `_m4` board or `cortex-m4` cpu is the CM4 image.
    @Test func projectBoardManifest() throws {
        let project = try TemporaryProject()
        let url = try project.write("platformio.ini", "[env:m4]\nboard = my_h745_m4\nframework = stm32cube\n")
        try project.write("boards/my_h745_m4.json", """
            {
              "build": {
                "cpu": "cortex-m4",
                "extra_flags": "-DSTM32H7 -DSTM32H745xx -DCORE_CM4",
                "f_cpu": "240000000L",
                "mcu": "stm32h745zit6",
                "product_line": "STM32H745xx",
                "variant": "MY_H745"
              },
              "name": "test"
            }
            """)
        let env = try #require(try PlatformIOReader.read(url: url, projectRoot: project.root).first)
        #expect(env.core == .cm4)
        #expect(env.partName == "STM32H745ZIT6")
        #expect(env.boardManifest == "boards/my_h745_m4.json")
        #expect(env.variant == "MY_H745")
        #expect(env.frameworkCore == nil)
        #expect(env.define(named: "STM32H745xx")?.file == "boards/my_h745_m4.json")
        #expect(env.define(named: "STM32H745xx")?.line == 4)
        #expect(env.define(named: "F_CPU")?.value == "240000000L")
    }

    /// Malformed input: one line naming the file (and the line), never a crash.
    @Test(arguments: [
        ("[env:a]\nboard = x\nnot an option\n", "platformio.ini:3: expected 'key = value', found 'not an option'"),
        ("[env:a\nboard = x\n", "platformio.ini:1: section header without ']'"),
        ("board = x\n", "platformio.ini:1: text before the first [section]"),
        ("[env:a]\n[env:a]\n", "platformio.ini:2: section [env:a] given twice (first at section 1)"),
        ("  -DX\n[env:a]\n", "platformio.ini:1: indented text outside any option (is a line missing its 'key =')?"),
    ])
    func malformedIni(text: String, message: String) throws {
        let project = try TemporaryProject()
        let url = try project.write("platformio.ini", text)
        #expect(throws: H7Error.input(message)) { try PlatformIOReader.read(url: url, projectRoot: project.root) }
    }

    @Test(arguments: [
        ("{ \"build\": ", "boards/b.json: invalid JSON at line 1"),
        ("[1, 2]", "boards/b.json: expected a JSON object (a PlatformIO board manifest) at line 1"),
        ("{\n\"build\": {\n\"mcu\": tru\n}}", "boards/b.json: invalid JSON at line 3"),
        ("{\n\"build\": {\n\"mcu\": [1]\n}}", "boards/b.json: 'build.mcu' must be a string at line 3"),
    ])
    func malformedManifest(text: String, prefix: String) throws {
        let project = try TemporaryProject()
        let url = try project.write("platformio.ini", "[env:a]\nboard = b\n")
        try project.write("boards/b.json", text)
        do {
            _ = try PlatformIOReader.read(url: url, projectRoot: project.root)
            Issue.record("no error for \(text)")
        } catch let error as H7Error {
            #expect(error.message.hasPrefix(prefix), "\(error.message)")
            #expect(!error.message.contains("\n"))
        }
    }

    /// Windows line ends (`\r\n` is one Character in Swift) read like Unix ones, with the same lines.
    @Test func crlfLineEnds() throws {
        let project = try TemporaryProject()
        let url = try project.write("platformio.ini", Self.ini.replacingOccurrences(of: "\n", with: "\r\n"))
        let settings = try PlatformIOReader.read(url: url, projectRoot: project.root)
        #expect(settings.map(\.configuration) == ["release", "debug"])
        #expect(settings[0].define(named: "USE_PWR_LDO_SUPPLY")?.line == line(of: "-DUSE_PWR_LDO_SUPPLY", in: Self.ini))
    }

    /// Interpolation that refers to itself ends (empty), it does not recurse forever.
    @Test func selfReferenceEnds() throws {
        let project = try TemporaryProject()
        let url = try project.write("platformio.ini", "[env]\nbuild_flags = ${env.build_flags} -DA\n[env:a]\nboard = b\n")
        let env = try #require(try PlatformIOReader.read(url: url, projectRoot: project.root).first)
        #expect(env.defineNames.contains("A"))
    }

    /// `build_src_filter`: the last rule that matches decides; `dir/` covers the folder.
    @Test func sourceFilter() throws {
        let filter = SourceFilter("+<*> -<cm4/> +<cm4/shared.c> -<test_*.c>")
        #expect(filter.includes("main.cpp"))
        #expect(!filter.includes("cm4/main.c"))
        #expect(filter.includes("cm4/shared.c"))
        #expect(!filter.includes("test_clock.c"))
        #expect(!SourceFilter("-<*>").includes("main.c"))
        let project = try TemporaryProject()
        try project.write("src/cm7/clock.cpp", "")
        try project.write("src/cm4/clock.cpp", "")
        let url = try project.write("platformio.ini", "[env:a]\nboard = nucleo_h745zi_q\nbuild_src_filter = +<*> -<cm4/>\n")
        let env = try #require(try PlatformIOReader.read(url: url, projectRoot: project.root).first)
        #expect(env.excludedSources.map { PathText.relative($0, to: project.root.path) } == ["src/cm4/clock.cpp"])
    }
}
