/// What the catalogue says rules need and read, for the engine and the front end.
extension Knowledge {
    /// Ids of the rules that need `need` (`needs:` in their catalogue entry).
    public func rules(needing need: RuleDoc.Need) -> Set<String> {
        Set(ruleDocs.values.filter { $0.needs(need) }.map(\.id))
    }

    /// Every name some rule reads from C code (`reads:`), sorted; `readNames` holds it, worked out once.
    static func readNames(of ruleDocs: [String: RuleDoc]) -> [String] {
        Array(Set(ruleDocs.values.flatMap { $0.reads ?? [] })).sorted()
    }

    /// The names in `reads:` that are functions or function-like macros of the HAL/LL/CMSIS
    /// (`HAL_PWREx_ConfigSupply`): calls worth recovering from tokens when libclang drops their statement.
    /// `readCalls` holds it, worked out once (every parse asks).
    static func readCalls(among readNames: [String]) -> Set<String> {
        Set(readNames.filter { name in
            (name.hasPrefix("HAL_") || name.hasPrefix("LL_") || name.hasPrefix("__HAL_"))
                && name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
        })
    }
}
