import Foundation
import H7Model
import H7Readers

/// libFuzzer entry: the bytes are an `.ioc` file.
@_cdecl("LLVMFuzzerTestOneInput")
public func iocFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let url = FuzzSupport.write(UnsafeBufferPointer(start: data, count: size), as: "fuzz.ioc")
    do {
        let ioc = try IocReader.read(url: url, file: "fuzz.ioc")
        // What the loader and the rules read from it.
        _ = (ioc.partName, ioc.board, ioc.supplySource, ioc.voltageScale, ioc.isDualCore, ioc.toolchain)
        _ = ioc.pins.count
        for key in ioc.duplicateKeys { _ = ioc.line(key) }
    } catch {
        FuzzSupport.expectReported(error, prefix: "fuzz.ioc: ")
    }
    return 0
}
