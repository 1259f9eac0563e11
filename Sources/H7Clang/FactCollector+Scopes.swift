internal import CClang

/// C++ scopes: function definitions inside `extern "C" { }`, namespaces and classes are walked like
/// top-level C functions (lambdas are walked as part of the function that holds them).
extension FactCollector {
    static let scopeKinds: Set<UInt32> = [CXCursor_LinkageSpec.rawValue, CXCursor_Namespace.rawValue,
                                          CXCursor_ClassDecl.rawValue, CXCursor_StructDecl.rawValue,
                                          CXCursor_UnexposedDecl.rawValue]
    static let functionKinds: Set<UInt32> = [CXCursor_FunctionDecl.rawValue, CXCursor_CXXMethod.rawValue,
                                             CXCursor_Constructor.rawValue, CXCursor_Destructor.rawValue,
                                             CXCursor_FunctionTemplate.rawValue]

    /// The function definitions `cursor` is or holds (a top-level cursor of the main file).
    func definitions(in cursor: CXCursor) -> [CXCursor] {
        if Self.functionKinds.contains(cursor.kind.rawValue) {
            return clang_isCursorDefinition(cursor) != 0 ? [cursor] : []
        }
        guard Self.scopeKinds.contains(cursor.kind.rawValue) else { return [] }
        return cursor.children.flatMap { definitions(in: $0) }
    }
}
