import Foundation
import H7Model
import H7Readers

/// The build files, by the name that picks their reader; the first input byte chooses one.
let buildFileNames = ["Makefile", "CMakeLists.txt", ".cproject", "p.ewp", "p.uvprojx", ".mxproject",
                      "compile_commands.json", "subdir.mk"]

/// libFuzzer entry: byte 0 picks the reader, the rest is the file.
@_cdecl("LLVMFuzzerTestOneInput")
public func buildFileFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let name = buildFileNames[Int(data[0]) % buildFileNames.count]
    let url = FuzzSupport.write(UnsafeBufferPointer(start: data + 1, count: size - 1), as: name)
    do {
        let settings = try BuildFileReaders.read(url: url, projectRoot: FuzzSupport.folder) ?? []
        for s in settings { _ = (s.defines.count, s.includePaths.count, s.core, s.partName, s.boardName) }
    } catch {
        FuzzSupport.expectReported(error, prefix: name + ":")
    }
    return 0
}
