/// What one emulation of the reset path did: the register writes in order, why it stopped, what it touched
/// without a model.
public struct Emulation: Sendable {
    public struct Write: Sendable {
        public var address: UInt32
        /// `PWR->CR3`; nil for a register the emulator does not name.
        public var register: String?
        /// The register's value after the write, as the model holds it.
        public var value: UInt32
        /// The bytes the store wrote (size 1, 2 or 4).
        public var written: UInt32
        public var size: Int
        public var pc: UInt32
        public var note: String?
        /// The call sites the write was reached through, innermost first (an address inside each BL/BLX), from
        /// the emulator's shadow call stack: `HAL_RCC_ClockConfig`'s store is placed at main's call of it.
        public var callers: [UInt32] = []
    }

    public enum StopKind: String, Sendable {
        case waitForInterrupt = "wait for interrupt"
        case idleLoop = "idle loop"
        case scheduler = "RTOS scheduler start"
        case budget = "instruction budget"
        case fault = "fault"
        case timeout = "time limit"
        case returned = "returned from the reset handler"
    }

    public struct Stop: Sendable {
        public var kind: StopKind
        public var pc: UInt32
        public var detail: String
    }

    public var writes: [Write] = []
    public var stop: Stop
    /// The call sites the stop was reached through, innermost first (see `Write.callers`).
    public var stopCallers: [UInt32] = []
    /// Accesses of peripheral blocks no model covers, by block base (`0x40004800`): reads and writes.
    public var unmodelled: [String: Int] = [:]
    public var mapped: [(name: String, base: UInt32, size: UInt32)] = []
    public var reachedMain = false
    public var instructionBudget: Int
    /// The core the image was run as, and the library used.
    public var cpu: String
    /// Option-byte programming launched (OPTSTART), with OPTSR_PRG each time.
    public var optionStarts: [UInt32] = []
    public var uwTickAdvanced = false
}
