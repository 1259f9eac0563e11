import Foundation
import H7Model

/// H7-PWR-009: what the board profile says about its hardware does not fit the chosen scheme or
/// leaves no way back in (BOOT0 floating, NRST not on the debug connector).
public struct BoardHardwareMatchesSchemeRule: Rule {
    public let id = "H7-PWR-009"
    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        guard let board = context.board else { return [] }
        var findings: [Finding] = []
        let anchor = context.supply.effective?.range ?? context.projectAnchor
        if let setting = context.supply.effective, let scheme = setting.scheme,
           scheme.id.hasSuffix("-ext") || scheme.id.hasSuffix("-ext-and-ldo"), board.externalSmpsLoad != true {
            findings.append(context.finding(
                id, "\(scheme.id) feeds an external load from the SMPS, but board \(board.displayName) declares none (external_smps_load)",
                at: setting.range, fix: "use the scheme the board is wired for, or declare external_smps_load: true in its profile",
                core: setting.core))
        }
        // A scheme the board does not allow at all is H7-PWR-001's; here the scheme is allowed but parts do not fit.
        let allowed = Set((board.supply?.allowed ?? []).compactMap { context.knowledge.schemes.named($0)?.id })
        if let setting = context.supply.effective, let scheme = setting.scheme, scheme.ldoOn,
           allowed.isEmpty || allowed.contains(scheme.id),
           let minimum = context.knowledge.ldoVcapMinUF, let vcap = board.vcap?.capacitanceUF, vcap < minimum {
            findings.append(context.finding(
                id, "\(scheme.id) runs the LDO, but board \(board.displayName) has \(vcap.formatted()) µF VCAP capacitors; the LDO needs \(minimum.formatted()) µF per VCAP pin",
                at: setting.range, fix: "fit \(minimum.formatted()) µF VCAP capacitors, or use the SMPS scheme the board is built for",
                core: setting.core))
        }
        if board.boot0?.wiring == "floating" {
            findings.append(context.finding(
                id, "board \(board.displayName) leaves BOOT0 floating: the part may boot the system bootloader at random, and the BOOT0 recovery needs a wire",
                at: anchor, fix: "pull BOOT0 down through a resistor and bring it to a test point or jumper"))
        }
        if board.nrst?.onDebugConnector == false {
            findings.append(context.finding(
                id, "board \(board.displayName) does not bring NRST to the debug connector: connect-under-reset, the first recovery step, is harder: it needs the reset button, held while the tool connects",
                at: anchor, fix: "route NRST to the SWD connector (pin 10 of the 10-pin Cortex Debug connector)"))
        }
        return findings
    }
}
