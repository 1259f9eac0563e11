/// A text's lines without their breaks. "\r\n" is one Character in Swift, so splitting on "\n" alone leaves a
/// Windows file as one line; LF, CRLF and a lone CR each end a line here, as they do for clang's line numbers.
public extension StringProtocol {
    var textLines: [SubSequence] {
        split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
    }
}
