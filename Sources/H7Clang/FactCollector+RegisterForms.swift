internal import CClang
import H7Model

/// Register writes through bit-field structs, as headers generated from an SVD file declare them
/// (`RCC->PLLCKSELR.bit.DIVM1 = 32u;`, `Flash->ACR.bit.LATENCY = 6u;`): the same register write as the CMSIS
/// form, with the field's mask and position from the part's CMSIS names (Rules/hal-identifiers.yml).
extension FactCollector {
    /// The members that hold a register's fields in such headers (`.bit.`, `.bits.`, `.b.`), or none (`->CR.HSEON`).
    static let bitFieldHolders: Set<String> = ["bit", "bits", "b", "BIT", "BITS", "B", "Bits", "Bit"]

    /// `P->REG[.bit].FIELD = value` as a write to `P->REG` that sets FIELD to `value` and keeps the other bits
    /// (a bit-field store is a read-modify-write). Nil when the field is not a CMSIS field of that register or
    /// the value is not a constant.
    func bitFieldWrite(_ lhs: [String], op: String, value: Operand, range: SourceRange, function: String) -> AssignmentFact? {
        guard op == "=", lhs.count >= 5, lhs[1] == "->", lhs[3] == ".", let written = value.value else { return nil }
        let peripheral = lhs[0].uppercased()
        var register = lhs[2].uppercased()
        // Some headers repeat the peripheral in the register's name (`RCC->RCC_CR`).
        if register.hasPrefix(peripheral + "_") { register.removeFirst(peripheral.count + 1) }
        let field: String
        switch lhs.count {
        case 5: field = lhs[4]
        case 7 where Self.bitFieldHolders.contains(lhs[4]) && lhs[5] == ".": field = lhs[6]
        default: return nil
        }
        guard let (mask, shift) = fieldPlace(peripheral, register, field.uppercased()) else { return nil }
        let set = (written << shift) & mask
        return AssignmentFact(target: "\(peripheral)->\(register)", rootType: nil, op: "=", value: value,
                              setBits: set, clearBits: mask & ~set, keepsOtherBits: true, range: range, function: function)
    }

    /// The mask and position of a register field by its CMSIS name; SVD names that CMSIS shortens
    /// (`DIVN1` for `RCC_PLL1DIVR_N1`) are tried without their `DIV`.
    private func fieldPlace(_ peripheral: String, _ register: String, _ field: String) -> (Int, Int)? {
        let table = evaluator.identifiers
        for name in [field, field.hasPrefix("DIV") ? String(field.dropFirst(3)) : nil].compactMap({ $0 }) {
            let base = "\(peripheral)_\(register)_\(name)"
            guard let mask = table[base + "_Msk"] ?? table[base], mask != 0 else { continue }
            return (mask, table[base + "_Pos"] ?? mask.trailingZeroBitCount)
        }
        return nil
    }
}

/// Register writes through an address (`#define PWR_CR3 (*(volatile uint32_t *)(PWR_BASE + 0x0C))`, then
/// `PWR_CR3 |= PWR_CR3_LDOEN;`): named by the register at that address, as the emulator names its stores.
extension FactCollector {
    /// `PWR->CR3` when `lhs` dereferences a constant address of a register h7lint names; nil otherwise.
    func addressedRegister(_ lhs: CXCursor) -> String? {
        func unwrapped(_ cursor: CXCursor) -> CXCursor {
            var c = cursor
            while c.kind == CXCursor_ParenExpr || c.kind == CXCursor_UnexposedExpr, let inner = c.children.first { c = inner }
            return c
        }
        // An lvalue from a unary operator over a pointer cast can only be `*`.
        let deref = unwrapped(lhs)
        guard deref.kind == CXCursor_UnaryOperator, let operand = deref.children.first else { return nil }
        let cast = unwrapped(operand)
        guard cast.kind == CXCursor_CStyleCastExpr, clang_getCursorType(cast).kind == CXType_Pointer,
              let address = cast.children.last?.integerValue, address >= 0, address <= Int(UInt32.max) else { return nil }
        return RegisterNames.name(UInt32(address))
    }
}
