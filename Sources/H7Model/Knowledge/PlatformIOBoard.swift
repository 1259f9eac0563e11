/// One PlatformIO board id (Rules/platformio-boards.yml): the part, the core, the h7lint board profile it
/// names (if h7lint has one) and, for `framework = arduino`, the Arduino core and variant PlatformIO builds.
public struct PlatformIOBoard: Codable, Hashable, Sendable {
    public var id: String
    public var board: String?
    public var device: String
    public var core: Core?
    /// `stm32duino` (framework-arduinoststm32) or `mbed` (framework-arduino-mbed).
    public var arduinoCore: String?
    public var variant: String?
    public var note: String?
    public var source: String

    enum CodingKeys: String, CodingKey {
        case id, board, device, core, variant, note, source
        case arduinoCore = "arduino_core"
    }

    /// How the Arduino core names itself in reports.
    public var arduinoCoreName: String? { Self.name(arduinoCore: arduinoCore) }

    public static func name(arduinoCore: String?) -> String? {
        switch arduinoCore {
        case "mbed": return "ArduinoCore-mbed (framework-arduino-mbed)"
        case "stm32duino": return "stm32duino Arduino_Core_STM32 (framework-arduinoststm32)"
        default: return arduinoCore
        }
    }
}
