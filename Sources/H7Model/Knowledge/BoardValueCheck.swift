import Foundation
import Yams

/// The values of a decoded board profile that no board can have, each reported at its line.
struct BoardValueCheck {
    let reader: BoardProfileReader
    let root: Node
    let fail: (Node?, String) -> H7Error

    func check(_ board: Board) throws {
        try checkName(board.id, at: ["id"], what: "'id'")
        var device: Device?
        if let define = board.device {
            guard let found = reader.device(define: define) else {
                throw fail(node(["device"]), "device '\(define)' is not a CMSIS device define h7lint knows (such as STM32H743xx; see Rules/devices)")
            }
            device = found
        }
        if let part = board.part {
            guard let found = reader.device(partName: part) else {
                throw fail(node(["part"]), "part '\(part)' is not an STM32H7 part number h7lint knows (such as STM32H743ZIT6)")
            }
            if let device, device.define != found.define {
                throw fail(node(["part"]), "part '\(part)' is an \(found.define), not the \(device.define) that 'device' names")
            }
            device = device ?? found
        }
        try check(board.supply, at: ["supply"], device: device)
        try check(board.hse, at: ["hse"], device: device)
        try check(board.vcap, at: ["vcap"])
        if let wiring = board.boot0?.wiring, !BoardProfileReader.boot0Wirings.contains(wiring) {
            throw fail(node(["boot0", "wiring"]), "'boot0.wiring' is '\(wiring)': expected \(Self.list(BoardProfileReader.boot0Wirings))")
        }
        var ids: Set<String> = []
        for (index, variant) in (board.variants ?? []).enumerated() {
            let base: [PathKey] = ["variants", PathKey(index)]
            try checkName(variant.id, at: base + ["id"], what: "a variant's 'id'")
            guard ids.insert(variant.id).inserted else {
                throw fail(node(base + ["id"]), "variant '\(variant.id)' is defined twice")
            }
            try check(variant.supply, at: base + ["supply"], device: device)
            try check(variant.hse, at: base + ["hse"], device: device)
            try check(variant.vcap, at: base + ["vcap"])
        }
    }

    private func checkName(_ name: String, at path: [PathKey], what: String) throws {
        if name.trimmingWhitespace().isEmpty || name.contains(":") || name.contains("/") {
            throw fail(node(path), "\(what) must be a name without ':' or '/' (such as MY-BOARD), not '\(name)'")
        }
    }

    private func check(_ supply: Board.Supply?, at path: [PathKey], device: Device?) throws {
        guard let supply else { return }
        let listName = Self.dotted(path + ["allowed"])
        if supply.allowed.isEmpty {
            throw fail(node(path + ["allowed"]), "'\(listName)' is empty: list the supply schemes the wiring allows, or leave out '\(Self.dotted(path))'")
        }
        for (index, name) in supply.allowed.enumerated() {
            let at = node(path + ["allowed", PathKey(index)])
            guard let scheme = reader.schemes.named(name) else {
                throw fail(at, "'\(name)' in '\(listName)' is not a supply scheme (\(reader.schemes.all.map(\.id).joined(separator: ", ")))")
            }
            if scheme.smpsOnly, let device, !device.smps {
                throw fail(at, "'\(name)' in '\(listName)' needs the SMPS, which the \(device.define) does not have")
            }
        }
    }

    private func check(_ hse: Board.HSE?, at path: [PathKey], device: Device?) throws {
        guard let hse else { return }
        if let mode = hse.mode, !BoardProfileReader.hseModes.contains(mode) {
            throw fail(node(path + ["mode"]), "'\(Self.dotted(path + ["mode"]))' is '\(mode)': expected \(Self.list(BoardProfileReader.hseModes))")
        }
        guard let mhz = hse.frequencyMHz else { return }
        let at = node(path + ["frequency_mhz"]), name = Self.dotted(path + ["frequency_mhz"])
        guard mhz.isFinite, mhz > 0 else {
            throw fail(at, "'\(name)' is \(Self.number(mhz)): a frequency must be more than 0 MHz")
        }
        if hse.mode == "crystal", let device, let range = device.line.hseMHz, range.count == 2,
           mhz < range[0] || mhz > range[1] {
            throw fail(at, "'\(name)' is \(Self.number(mhz)) MHz: the \(device.define) takes a crystal of \(Self.number(range[0])) to \(Self.number(range[1])) MHz (Rules/devices/\(device.line.line).yml hse_mhz)")
        }
    }

    private func check(_ vcap: Board.VCAP?, at path: [PathKey]) throws {
        guard let vcap else { return }
        if let uf = vcap.capacitanceUF, !(uf.isFinite && uf > 0) {
            throw fail(node(path + ["capacitance_uf"]), "'\(Self.dotted(path + ["capacitance_uf"]))' is \(Self.number(uf)): a capacitance must be more than 0 µF")
        }
        if let count = vcap.count, count < 1 {
            throw fail(node(path + ["count"]), "'\(Self.dotted(path + ["count"]))' is \(count): a board has at least one VCAP capacitor")
        }
    }

    private func node(_ path: [PathKey]) -> Node { YAMLProblem.node(at: path, in: root) }

    static func dotted(_ path: [PathKey]) -> String {
        path.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }.joined().trimmingCharacters(in: ["."])
    }

    static func list(_ values: Set<String>) -> String {
        let sorted = values.sorted()
        return sorted.dropLast().joined(separator: ", ") + " or " + (sorted.last ?? "")
    }

    static func number(_ value: Double) -> String {
        value.isFinite && value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : "\(value)"
    }
}

/// A key or index on the way to a value, for finding its line.
struct PathKey: CodingKey, ExpressibleByStringLiteral {
    var stringValue: String
    var intValue: Int?
    init(stringValue: String) { self.stringValue = stringValue }
    init(stringLiteral value: String) { stringValue = value }
    init?(intValue: Int) { self.init(intValue) }
    init(_ index: Int) {
        stringValue = "\(index)"
        intValue = index
    }
}
