import Foundation
import H7Model

/// The supply schemes and device lines the board-profile reader checks against (Rules/, or $H7LINT_RULES).
let boardReader: BoardProfileReader = {
    let rules = ProcessInfo.processInfo.environment["H7LINT_RULES"] ?? "Rules"
    guard let knowledge = try? Knowledge(directory: URL(fileURLWithPath: rules)) else {
        fatalError("cannot load \(rules); run from the repository or set H7LINT_RULES")
    }
    return BoardProfileReader(schemes: knowledge.schemes, lines: knowledge.lines)
}()

/// libFuzzer entry: the bytes are a board profile.
@_cdecl("LLVMFuzzerTestOneInput")
public func boardProfileFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let url = FuzzSupport.write(UnsafeBufferPointer(start: data, count: size), as: "board.yml")
    do {
        let board = try boardReader.read(url, display: "board.yml")
        for variant in board.variants ?? [] { _ = board.applying(variant: variant.id) }
    } catch {
        FuzzSupport.expectReported(error, prefix: "board.yml")
    }
    return 0
}
