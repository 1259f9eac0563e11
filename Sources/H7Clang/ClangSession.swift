internal import CClang
import Foundation
import H7Model

/// A file libclang should see with other contents (or that does not exist on disk).
public struct VirtualFile: Sendable {
    public var path: String
    public var contents: String
    public init(path: String, contents: String) {
        self.path = path
        self.contents = contents
    }
}

/// One libclang index. Not thread-safe: use one per task.
final class ClangSession {
    private let index: CXIndex

    init() {
        // Every entry point calls ClangLibrary.require() first and reports a missing libclang on one line.
        if case .failure(let error) = ClangLibrary.loaded { fatalError("h7lint: \(error.message)") }
        // Declarations read from a precompiled header are not visited: only the unit's own (as text, the stand-in's
        // are visited and skipped by file; the facts are the same).
        index = clang_createIndex(1, 0)
    }
    deinit { clang_disposeIndex(index) }

    static let standardOptions = CXTranslationUnit_DetailedPreprocessingRecord.rawValue | CXTranslationUnit_KeepGoing.rawValue

    /// Parses `file` and hands the unit to `body`; the unit is disposed afterwards.
    func withTranslationUnit<T>(file: String, arguments: [String], virtualFiles: [VirtualFile],
                                options: UInt32 = ClangSession.standardOptions,
                                body: (CXTranslationUnit) throws -> T) throws -> T {
        var cArgs = arguments.map { strdup($0) }
        defer { cArgs.forEach { free($0) } }
        let names = virtualFiles.map { strdup($0.path) }
        let contents = virtualFiles.map { strdup($0.contents) }
        defer { names.forEach { free($0) }; contents.forEach { free($0) } }
        var unsaved = virtualFiles.indices.map { i in
            CXUnsavedFile(Filename: names[i], Contents: contents[i], Length: UInt(strlen(contents[i]!)))
        }
        var unit: CXTranslationUnit?
        let status = StageTimings.measure(.parse) { cArgs.withUnsafeMutableBufferPointer { argsBuffer in
            argsBuffer.baseAddress!.withMemoryRebound(to: UnsafePointer<CChar>?.self, capacity: argsBuffer.count) { argv in
                unsaved.withUnsafeMutableBufferPointer { unsavedBuffer in
                    clang_parseTranslationUnit2(index, file, argv, Int32(argsBuffer.count),
                                                unsavedBuffer.baseAddress, UInt32(unsavedBuffer.count),
                                                options, &unit)
                }
            }
        } }
        guard status == CXError_Success, let unit else {
            throw H7Error.input("\(file): libclang could not parse the file (error \(status.rawValue))")
        }
        defer { clang_disposeTranslationUnit(unit) }
        return try body(unit)
    }
}

extension ClangSession {
    /// Writes `header` precompiled to `path`: the files it read, or clang's first error.
    func precompile(header: String, arguments: [String], virtualFiles: [VirtualFile], to path: String) throws -> [String] {
        let options = Self.standardOptions | CXTranslationUnit_Incomplete.rawValue | CXTranslationUnit_ForSerialization.rawValue
        return try withTranslationUnit(file: header, arguments: arguments, virtualFiles: virtualFiles, options: options) { unit in
            if let error = Self.errors(unit).first { throw H7Error.input("\(header): \(error.text)") }
            guard clang_saveTranslationUnit(unit, path, clang_defaultSaveOptions(unit)) == 0 else {
                throw H7Error.input("\(path): libclang could not write the precompiled header")
            }
            return Self.includedFiles(unit)
        }
    }

    /// The unit's errors and fatal errors, in order.
    static func errors(_ unit: CXTranslationUnit) -> [(fatal: Bool, text: String)] {
        (0..<clang_getNumDiagnostics(unit)).compactMap { i in
            let diagnostic = clang_getDiagnostic(unit, i)
            defer { clang_disposeDiagnostic(diagnostic) }
            let severity = clang_getDiagnosticSeverity(diagnostic)
            guard severity == CXDiagnostic_Error || severity == CXDiagnostic_Fatal else { return nil }
            return (severity == CXDiagnostic_Fatal, clang_getDiagnosticSpelling(diagnostic).consume())
        }
    }

    /// Whether the unit failed to read its precompiled header (stale, corrupted, or made for other settings):
    /// clang says so in a fatal diagnostic and parses no further.
    static func precompiledHeaderFailed(_ unit: CXTranslationUnit) -> Bool {
        errors(unit).contains { error in
            error.fatal && ["precompiled header", "PCH file", "AST file"].contains(where: error.text.contains)
        }
    }

    /// Every file the unit read (the main file and all headers), by path.
    static func includedFiles(_ unit: CXTranslationUnit) -> [String] {
        var paths: Set<String> = []
        withUnsafeMutablePointer(to: &paths) { pointer in
            clang_getInclusions(unit, { file, _, _, data in
                guard let file else { return }
                let name = clang_getFileName(file).consume()
                data!.assumingMemoryBound(to: Set<String>.self).pointee.insert(name)
            }, pointer)
        }
        return paths.sorted()
    }
}

// MARK: - Small helpers over the C API

extension CXString {
    /// Copies and disposes.
    func consume() -> String {
        defer { clang_disposeString(self) }
        guard let c = clang_getCString(self) else { return "" }
        return String(cString: c)
    }
}

extension CXCursor {
    var kind: CXCursorKind { clang_getCursorKind(self) }
    var spelling: String { clang_getCursorSpelling(self).consume() }
    var extent: CXSourceRange { clang_getCursorExtent(self) }
    var isNull: Bool { clang_Cursor_isNull(self) != 0 }

    var children: [CXCursor] {
        var result: [CXCursor] = []
        withUnsafeMutablePointer(to: &result) { pointer in
            _ = clang_visitChildren(self, { child, _, data in
                data!.assumingMemoryBound(to: [CXCursor].self).pointee.append(child)
                return CXChildVisit_Continue
            }, pointer)
        }
        return result
    }

    /// The integer value when clang can evaluate the expression as a constant.
    var integerValue: Int? {
        guard let result = clang_Cursor_Evaluate(self) else { return nil }
        defer { clang_EvalResult_dispose(result) }
        guard clang_EvalResult_getKind(result) == CXEval_Int else { return nil }
        if clang_EvalResult_isUnsignedInt(result) != 0 {
            let value = clang_EvalResult_getAsUnsigned(result)
            return value <= UInt64(Int.max) ? Int(value) : nil
        }
        return Int(clang_EvalResult_getAsLongLong(result))
    }
}
