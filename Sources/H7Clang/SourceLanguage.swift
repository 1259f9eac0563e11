import Foundation

/// The language a source file is compiled as, by its extension (as GCC decides it), and the flags that say so.
enum SourceLanguage {
    case c, cxx

    static let cxxExtensions: Set<String> = ["cpp", "cc", "cxx", "c++", "cp", "hpp", "hh", "hxx"]

    init(file: URL) {
        // GCC treats `.C` (capital) as C++ too.
        let ext = file.pathExtension
        self = Self.cxxExtensions.contains(ext.lowercased()) || ext == "C" ? .cxx : .c
    }

    /// `-fno-exceptions -fno-rtti`: what embedded C++ builds use; it keeps the stand-in's C declarations valid.
    var arguments: [String] {
        switch self {
        case .c: return ["-x", "c", "-std=gnu11"]
        case .cxx: return ["-x", "c++", "-std=gnu++17", "-fno-exceptions", "-fno-rtti"]
        }
    }
}
