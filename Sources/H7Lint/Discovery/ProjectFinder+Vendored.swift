import Foundation
import H7Model

/// Build files and sources that are not the project's own: vendored libraries (with their own CMake or make
/// build, their tests and ports) and code for other MCU families.
extension ProjectFinder {
    /// Folders that hold other people's code, whatever their depth (in lower case).
    static let vendorFolders: Set<String> = ["lib", "libs", "library", "libraries", "third_party", "thirdparty", "third-party",
                                            "external", "externals", "extern", "vendor", "vendors", "middlewares", "drivers",
                                            "components", "modules", "submodules", "deps"]
    /// Folders a project's own build file may sit in below its root (CubeMX and IDE layouts, lower case).
    static let buildFolders: Set<String> = layoutFolders.union(["cmake", "stm32cubemx", "ewarm", "mdk-arm", "stm32cubeide",
                                                               "sw4stm32", "truestudio", "atollic", "gcc", "gnu", "make",
                                                               "project", "projects", "ide"])

    /// Why `build`, a build file of the project rooted at `root`, is not the project's own build (nil: it is).
    /// `hasOwn`: the project has a build file at its root or in a layout folder.
    static func vendoredReason(_ build: URL, root: String, hasOwn: Bool) -> String? {
        guard let relative = PathText.below(build.path, root) else { return nil }
        let folders = relative.split(separator: "/").dropLast().map(String.init)
        if let vendor = folders.first(where: { vendorFolders.contains($0.lowercased()) }) {
            return "inside \(vendor)/"
        }
        var path = root
        for folder in folders {
            path += "/" + folder
            if isSubmodule(path) { return "inside the git submodule \(folder)/" }
        }
        // The rest is about CMake and make files away from the project's layout (an IDE's project file in a board
        // folder, `SW4STM32/STM32H743ZI_Nucleo/.cproject`, is the project's own).
        guard ["CMakeLists.txt", "Makefile"].contains(build.lastPathComponent), !isOwnPlace(build, root: root) else { return nil }
        if build.lastPathComponent == "CMakeLists.txt", let bytes = readPrefix(build), buildsOnlyALibrary(bytes) {
            return "it builds a library (add_library, no add_executable)"
        }
        if hasOwn, let outside = folders.first(where: { !buildFolders.contains($0.lowercased()) }) {
            return "below \(outside)/, and the project has a build file of its own"
        }
        return nil
    }

    /// Keeps the project's own build files; each vendored one is said in a note (`--verbose`).
    static func dropVendoredBuilds(of project: inout ProjectFiles, notes: inout [String]) {
        let root = project.root.path
        let hasOwn = project.buildFiles.contains { isOwnPlace($0, root: root) }
        project.buildFiles.removeAll { build in
            guard let why = vendoredReason(build, root: root, hasOwn: hasOwn) else { return false }
            notes.append("\(build.path): not the project's build file (\(why)), not read")
            return true
        }
    }

    /// Whether a build file sits at the root or in layout folders only.
    static func isOwnPlace(_ build: URL, root: String) -> Bool {
        guard let relative = PathText.below(build.path, root) else { return false }
        return relative.split(separator: "/").dropLast().allSatisfy { buildFolders.contains($0.lowercased()) }
    }

    /// A git submodule's work tree has a `.git` file (not a folder) naming the real git directory.
    static func isSubmodule(_ folder: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: folder + "/.git", isDirectory: &isDirectory) && !isDirectory.boolValue
    }

    static func buildsOnlyALibrary(_ bytes: [UInt8]) -> Bool {
        let lower = bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }
        return ByteText.contains(lower, Array("add_library(".utf8)) && !ByteText.contains(lower, Array("add_executable(".utf8))
    }

    /// A folder on the way to a source named for another STM32 family (`portable/STM32F4xx/`, `stm32l4_port/`):
    /// its code is not built for an STM32H7.
    static func otherFamilyFolder(_ source: URL, top: String) -> String? {
        guard let relative = PathText.below(source.path, top) else { return nil }
        for folder in relative.split(separator: "/").dropLast() {
            let name = folder.lowercased()
            guard name.hasPrefix("stm32"), name.count >= 7 else { continue }
            let family = name.dropFirst(5).prefix(2)
            if family.first?.isLetter == true, family.last?.isNumber == true, family != "h7" { return String(folder) }
        }
        return nil
    }
}
