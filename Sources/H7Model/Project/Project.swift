import Foundation

/// One core's view of a project: what its build compiles and what h7lint read from it.
public struct CoreBuild: Codable, Hashable, Sendable {
    /// nil for a single-core project whose core is not named.
    public var core: Core?
    /// The build settings chosen for this core (first configuration of the preferred build file).
    public var settings: BuildSettings?
    /// Every configuration of every build file that applies to this core.
    public var allSettings: [BuildSettings]
    /// The C files parsed for this core (main file, system file), relative to the project root.
    public var parsedFiles: [String]
    /// The startup assembly file, relative to the project root.
    public var startupFile: String?
    /// Where the startup file calls ExitRun0Mode (nil: no call, or no startup file).
    public var startupExitRun0ModeCall: SourceRange?
    /// Facts from each parsed file.
    public var sources: [SourceFacts]

    public init(core: Core?, settings: BuildSettings?, allSettings: [BuildSettings], parsedFiles: [String] = [],
                startupFile: String? = nil, startupExitRun0ModeCall: SourceRange? = nil, sources: [SourceFacts] = []) {
        self.core = core
        self.settings = settings
        self.allSettings = allSettings
        self.parsedFiles = parsedFiles
        self.startupFile = startupFile
        self.startupExitRun0ModeCall = startupExitRun0ModeCall
        self.sources = sources
    }

    public var defines: [Define] { settings?.defines ?? [] }

    /// Where a define is stated, as a range in its build file.
    public func range(of define: Define) -> SourceRange? {
        guard let settings else { return nil }
        return SourceRange(file: define.file ?? settings.file, line: define.line ?? 1)
    }

    public var allCalls: [CallFact] { sources.flatMap(\.calls) }
    public var allAssignments: [AssignmentFact] { sources.flatMap(\.assignments) }
    public func defines(function name: String) -> Bool { sources.contains { $0.defines(function: name) } }
}

/// A project as h7lint found it: files, build settings per core, `.ioc`, part and board.
public struct Project: Codable, Equatable, Sendable {
    /// The project folder.
    public var root: URL
    /// How the project is named in reports: its folder relative to the checked path.
    public var name: String
    public var ioc: IocFile?
    public var cores: [CoreBuild]
    public var device: Device?
    /// Where the part came from (`STM32H745xx define in CM7/.cproject`, `.ioc Mcu.UserName`).
    public var deviceOrigin: String?
    public var board: Board?
    /// Where the board came from, or why there is none.
    public var boardOrigin: String?
    /// Set when no board was named and the board was recognised from the `.ioc`'s evidence.
    public var boardInference: BoardInference?
    /// Problems met while reading this project that did not stop the check (shown as notes).
    public var notes: [ParseProblem]
    /// Set when the project is for another STM32 family (`STM32F103xE`): nothing is checked.
    public var otherFamily: String?
    /// Option-byte and debug settings read from the project's scripts and tool configurations.
    public var scripts: [ScriptFact] = []
    /// `main.c`-like files that are no C a compiler reads, relative to the root, with the reason.
    public var unreadableSources: [String: String] = [:]
    /// Cores (`CM7`, `CM4`, or `""` for a single-core image) for which no C file was parsed.
    public var coresWithoutCode: [String] = []
    /// Clock or supply set-up that h7lint could not read or decide, with the place and what was not understood
    /// (H7-META-005: never a silent "0 findings").
    public var setupNotRead: [SetupGap] = []
    /// The other images of an STM32H7R/S project (STM32CubeH7RS: `Appli`, `ExtMemLoader`), keyed by name: parsed
    /// with their own build settings but kept out of `cores`, which hold the `Boot` image that sets the supply,
    /// scale and clocks. Rules compare what these images set again against it.
    public var images: [String: CoreBuild] = [:]
    /// An STM32H7R/S project made of an `Appli` (or `ExtMemLoader`) image only: a Boot image outside the project
    /// (ST's examples load Templates/Template_XIP's Boot binary) sets the supply, scale and clocks before it runs.
    public var inheritsBootStage = false
    /// For a firmware image checked beside its project (`check --image`, `--images`): what the project's sources
    /// select, which the image is compared with (H7-META-006).
    public var builtFrom: ImageSources?

    public init(root: URL, name: String, ioc: IocFile? = nil, cores: [CoreBuild] = [], device: Device? = nil,
                deviceOrigin: String? = nil, board: Board? = nil, boardOrigin: String? = nil, notes: [ParseProblem] = []) {
        self.root = root
        self.name = name
        self.ioc = ioc
        self.cores = cores
        self.device = device
        self.deviceOrigin = deviceOrigin
        self.board = board
        self.boardOrigin = boardOrigin
        self.notes = notes
    }

    public var isDualCore: Bool { device?.isDualCore ?? (cores.count > 1) }
}

/// How a board that nobody named was recognised (its profile's `signature:` against the `.ioc`).
/// What an image's project selects in its sources, for the image/sources comparison (H7-META-006).
public struct ImageSources: Codable, Hashable, Sendable {
    public var project: String
    /// The supply scheme id the sources select (`ldo`, `direct-smps`), nil when they select none h7lint can tell.
    public var supply: String?
    /// How the sources spell it (`USE_PWR_LDO_SUPPLY`, `PWR_DIRECT_SMPS_SUPPLY`) and where.
    public var spelled: String?
    public var range: SourceRange?

    public init(project: String, supply: String?, spelled: String? = nil, range: SourceRange? = nil) {
        self.project = project
        self.supply = supply
        self.spelled = spelled
        self.range = range
    }
}

public struct BoardInference: Codable, Hashable, Sendable {
    /// Signature facts that hold, and how many the signature has.
    public var matched: Int
    public var total: Int
    /// The facts that hold and those that do not, as `PB0 = LD1 [Green]` / `not PD8 = USART3_TX`.
    public var evidence: [String]

    public init(matched: Int, total: Int, evidence: [String]) {
        self.matched = matched
        self.total = total
        self.evidence = evidence
    }
}

/// Clock or supply set-up that was not read: a framework's own code, a file that does not parse, register
/// writes whose effect could not be decided.
public struct SetupGap: Codable, Hashable, Sendable {
    public var message: String
    public var range: SourceRange?
    public var core: Core?

    public init(message: String, range: SourceRange?, core: Core? = nil) {
        self.message = message
        self.range = range
        self.core = core
    }
}
