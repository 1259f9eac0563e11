import Foundation
import H7Model
import H7Readers

/// The images of one STM32H7R/S project as STM32CubeH7RS lays them out: `Boot/` (the small image in the internal
/// flash that sets the supply, the voltage scale and the clocks, then jumps), `Appli/` (the application in external
/// memory) and `ExtMemLoader/` (the programmer's loader), each with its sources and its own build files
/// (`STM32CubeIDE/Boot/.cproject`, `EWARM/Appli/*.ewp`, `MDK-ARM/ExtMemLoader/*.uvprojx`). A folder counts as an
/// image by its exact name; the layout applies only when a Boot image and at least one other hold C code.
struct ImageLayout {
    static let boot = "Boot"
    static let names: Set<String> = ["Boot", "Appli", "ExtMemLoader"]

    let allSettings: [BuildSettings]
    let isMultiImage: Bool
    /// Sources only in `Appli/` or `ExtMemLoader/`, none in `Boot/`: a project that runs after a Boot image it
    /// does not hold.
    let isBootless: Bool
    private let relative: (URL) -> String
    private let sourceFiles: [URL]

    init(files: ProjectFiles, settings: [BuildSettings], relative: @escaping (URL) -> String) {
        self.relative = relative
        self.allSettings = settings
        self.sourceFiles = files.sources
        let found = Set(files.sources.compactMap { Self.image(ofPath: relative($0)) })
        isMultiImage = found.contains(Self.boot) && found.count > 1
        isBootless = !found.isEmpty && !found.contains(Self.boot)
            && files.sources.allSatisfy { Self.image(ofPath: relative($0)) != nil }
    }

    /// The image a project-relative path belongs to: its first folder named like one.
    static func image(ofPath path: String) -> String? {
        path.split(separator: "/").dropLast().first { names.contains(String($0)) }.map(String.init)
    }

    func image(of url: URL) -> String? { Self.image(ofPath: relative(url)) }

    /// The images that hold C code, sorted.
    var imageNames: [String] { Set(sourceFiles.compactMap { image(of: $0) }).sorted() }

    /// The images other than Boot that hold C code, in a fixed order.
    var otherImages: [String] {
        guard isMultiImage else { return [] }
        let found = Set(sourceFiles.compactMap { image(of: $0) })
        return ["Appli", "ExtMemLoader"].filter(found.contains)
    }

    func sources(of image: String) -> [URL] { sourceFiles.filter { self.image(of: $0) == image } }

    /// The build settings of one image; the image-less ones (a Makefile at the root) when it has none.
    func settings(for image: String, _ settings: [BuildSettings]) -> [BuildSettings] {
        let mine = settings.filter { Self.image(ofPath: $0.file) == image }
        return mine.isEmpty ? settings.filter { Self.image(ofPath: $0.file) == nil } : mine
    }
}
