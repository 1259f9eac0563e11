import Foundation

/// The documentation of one rule (Rules/catalog/<ID>.yml).
public struct RuleDoc: Codable, Hashable, Sendable {
    public struct Example: Codable, Hashable, Sendable {
        public var name: String?
        public var board: String?
        public var defines: [String]?
        /// The severity the finding must have when it is not the rule's own (a board inferred, not named).
        public var severity: Severity?
        public var files: [String: String]
        /// The lines `--fix` changes per file, as `-old line` / `+new line` pairs (no entry: the finding has no
        /// certain fix).
        public var fixed: [String: String]?
        /// A firmware image checked beside the project (`check --image`): the image test fixture
        /// (Tests/Fixtures/image) built with these defines; the example runs where arm-none-eabi-gcc and Unicorn are.
        public var image: [String]?
    }

    public struct Examples: Codable, Hashable, Sendable {
        public var triggering: [Example]?
        public var nonTriggering: [Example]?

        enum CodingKeys: String, CodingKey {
            case triggering
            case nonTriggering = "non_triggering"
        }
    }

    /// What a rule needs before it can run; the engine skips it (and says so) when one is unknown.
    public enum Need: String, Codable, Hashable, Sendable {
        /// The board's wiring (a profile named or inferred).
        case board
        /// The part (CMSIS device define or `.ioc` part).
        case device
    }

    public var id: String
    public var title: String
    public var severity: Severity
    /// Why this severity (the severity model, docs/severity.md), with its source.
    public var severityWhy: String?
    /// `preview`: documented but not yet checked (no registered rule).
    public var status: String?
    public var needs: [Need]?
    /// HAL/LL calls, macros and register names the rule reads from C code: which C files are parsed
    /// and which dropped calls are recovered from tokens come from these.
    public var reads: [String]?
    public var summary: String
    public var what: String?
    public var why: String?
    public var example: String?
    public var fix: String?
    public var recovery: [String]?
    public var sources: [String]?
    /// The catalogue's examples: tests and `--fix` help read them, a check does not, so the knowledge built
    /// into h7lint decodes them only when asked (`LazyExamples`).
    public var examples: Examples? {
        get { lazyExamples.value }
        set { lazyExamples = LazyExamples(newValue) }
    }
    var lazyExamples = LazyExamples(nil)

    enum CodingKeys: String, CodingKey {
        case id, title, severity, status, needs, reads, summary, what, why, example, fix, recovery, sources, examples
        case severityWhy = "severity_why"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        title = try c.decode(String.self, forKey: .title)
        severity = try c.decode(Severity.self, forKey: .severity)
        severityWhy = try c.decodeIfPresent(String.self, forKey: .severityWhy)
        status = try c.decodeIfPresent(String.self, forKey: .status)
        needs = try c.decodeIfPresent([Need].self, forKey: .needs)
        reads = try c.decodeIfPresent([String].self, forKey: .reads)
        summary = try c.decode(String.self, forKey: .summary)
        what = try c.decodeIfPresent(String.self, forKey: .what)
        why = try c.decodeIfPresent(String.self, forKey: .why)
        example = try c.decodeIfPresent(String.self, forKey: .example)
        fix = try c.decodeIfPresent(String.self, forKey: .fix)
        recovery = try c.decodeIfPresent([String].self, forKey: .recovery)
        sources = try c.decodeIfPresent([String].self, forKey: .sources)
        examples = try c.decodeIfPresent(Examples.self, forKey: .examples)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(title, forKey: .title)
        try c.encode(severity, forKey: .severity)
        try c.encodeIfPresent(severityWhy, forKey: .severityWhy)
        try c.encodeIfPresent(status, forKey: .status)
        try c.encodeIfPresent(needs, forKey: .needs)
        try c.encodeIfPresent(reads, forKey: .reads)
        try c.encode(summary, forKey: .summary)
        try c.encodeIfPresent(what, forKey: .what)
        try c.encodeIfPresent(why, forKey: .why)
        try c.encodeIfPresent(example, forKey: .example)
        try c.encodeIfPresent(fix, forKey: .fix)
        try c.encodeIfPresent(recovery, forKey: .recovery)
        try c.encodeIfPresent(sources, forKey: .sources)
        try c.encodeIfPresent(examples, forKey: .examples)
    }

    public func needs(_ need: Need) -> Bool { needs?.contains(need) ?? false }
}

/// A rule's examples, or the JSON they decode from when first read (the knowledge built into h7lint keeps
/// them apart from the rest of the catalogue). Compared and hashed by value.
struct LazyExamples: Hashable, @unchecked Sendable {
    private final class Box: @unchecked Sendable {
        let lock = NSLock()
        var value: RuleDoc.Examples?
        var json: Data?
        init(value: RuleDoc.Examples?, json: Data?) { self.value = value; self.json = json }
    }
    private let box: Box

    init(_ value: RuleDoc.Examples?) { box = Box(value: value, json: nil) }
    init(json: Data) { box = Box(value: nil, json: json) }

    var value: RuleDoc.Examples? {
        box.lock.lock()
        defer { box.lock.unlock() }
        if let json = box.json {
            do {
                box.value = try JSONDecoder().decode(RuleDoc.Examples.self, from: json)
            } catch {
                fatalError("h7lint: the rule examples built into h7lint do not decode (rebuild h7lint): \(error)")
            }
            box.json = nil
        }
        return box.value
    }

    static func == (a: LazyExamples, b: LazyExamples) -> Bool { a.value == b.value }
    func hash(into hasher: inout Hasher) { hasher.combine(value) }
}

/// A recovery procedure (Rules/recovery.yml): steps any probe needs, then the chosen probe's own part, then
/// the steps after it.
public struct RecoveryProcedure: Codable, Hashable, Sendable {
    public var id: String
    public var title: String
    public var when: String?
    /// Probe-neutral steps before the probe's part (power off, BOOT0, ...).
    public var steps: [String]
    /// Per probe tool (`cubeprogrammer`, `openocd`, `pyocd`): its steps, commands and notes.
    public var probes: [String: ProbeProcedure]?
    /// Probe-neutral steps after the probe's part.
    public var after: [String]?
    /// The part families (`part_families` ids) the procedure applies to; none: every family.
    public var families: [String]?
    public var irreversible: Bool?
    public var source: String?

    public func applies(to family: PartFamily) -> Bool { families?.contains(family.id) ?? true }
}

/// One probe tool's part of a procedure. Commands may hold `{name}` placeholders that a part family fills in;
/// h7lint never runs them.
public struct ProbeProcedure: Codable, Hashable, Sendable {
    public var steps: [String]?
    public var commands: [String]?
    public var notes: [String]?
    public var source: String?
}

/// A probe tool and the version its commands were checked against (Rules/recovery.yml `tools`).
public struct RecoveryTool: Codable, Hashable, Sendable {
    public var id: String
    public var name: String
    public var version: String
    public var source: String?
}

/// Parts that share their recovery commands (DEV_ID, flash banks, the probe tools' targets): the values for the
/// commands' placeholders, set-up commands and notes per probe (Rules/recovery.yml `part_families`).
public struct PartFamily: Codable, Hashable, Sendable {
    public var id: String
    public var title: String
    /// DBGMCU_IDC.DEV_ID of the family (`0x450`, `0x480`, `0x483`), which probe tools check on connect.
    public var devId: String
    /// CMSIS device defines of the family.
    public var defines: [String]
    public var values: [String: String]
    /// Commands a probe tool needs once before the procedure's own (a pack to install).
    public var setup: [String: [String]]?
    /// Per probe tool: printed with every block of that tool's commands for the family.
    public var notes: [String: [String]]?
    /// Per placeholder: printed when a command that uses it is printed (e.g. option-byte names not verified).
    public var valueNotes: [String: String]?
    /// Per placeholder the family has no value for: why the commands that need it are left out.
    public var missingNotes: [String: String]?
    public var source: String?

    enum CodingKeys: String, CodingKey {
        case id, title, defines, values, setup, notes, source
        case devId = "dev_id"
        case valueNotes = "value_notes"
        case missingNotes = "missing_notes"
    }
}

/// Everything in Rules/recovery.yml.
public struct RecoveryBook: Codable, Hashable, Sendable {
    public var tools: [RecoveryTool]
    public var partFamilies: [PartFamily]
    public var procedures: [RecoveryProcedure]

    enum CodingKeys: String, CodingKey {
        case tools, procedures
        case partFamilies = "part_families"
    }

    public init(tools: [RecoveryTool] = [], partFamilies: [PartFamily] = [], procedures: [RecoveryProcedure] = []) {
        self.tools = tools
        self.partFamilies = partFamilies
        self.procedures = procedures
    }

    /// The family whose defines hold `define` (case-insensitive).
    public func family(define: String) -> PartFamily? {
        partFamilies.first { $0.defines.contains { $0.caseInsensitiveCompare(define) == .orderedSame } }
    }
}
