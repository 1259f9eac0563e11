import Foundation
import H7Model

/// Which Cortex core a build configuration targets, from what the build file says.
public enum CoreDetection {
    /// In order: a `CORE_CM7` or `CORE_CM4` define (not both), a name ending in `CM7`/`_M7` (`STM32H745XIHx:CM7`,
    /// `Proj_CM4`, IAR `STM32H745ZI_M7`), then a `CM7`/`CM4` folder in one of the relative paths.
    static func detect(defines: [Define], names: [String?] = [], paths: [String] = []) -> Core? {
        if let core = fromDefines(defines) { return core }
        for name in names.compactMap({ $0 }) {
            if let core = fromName(name) { return core }
        }
        for path in paths {
            if let core = fromPath(path) { return core }
        }
        return nil
    }

    /// Nil when neither or both are defined (CubeMX's combined `.mxproject` section lists both).
    static func fromDefines(_ defines: [Define]) -> Core? {
        let cm7 = defines.contains { $0.name == "CORE_CM7" }
        let cm4 = defines.contains { $0.name == "CORE_CM4" }
        if cm7 == cm4 { return nil }
        return cm7 ? .cm7 : .cm4
    }

    static func fromName(_ name: String) -> Core? {
        let upper = name.trimmingWhitespace().uppercased()
        for core in Core.allCases {
            let tag = core == .cm7 ? "CM7" : "CM4"
            if upper == tag { return core }
            if upper.hasSuffix(tag), let before = upper.dropLast(3).last, !before.isLetter, !before.isNumber {
                return core
            }
            if upper.hasSuffix("_" + tag.dropFirst()) { return core }
        }
        return nil
    }

    /// A folder named `CM7` or `CM4` (any case) among the folders of a project-relative path.
    public static func fromPath(_ relativePath: String) -> Core? {
        for folder in PathText.folders(of: relativePath).reversed() {
            switch folder.uppercased() {
            case "CM7": return .cm7
            case "CM4": return .cm4
            default: continue
            }
        }
        return nil
    }
}
