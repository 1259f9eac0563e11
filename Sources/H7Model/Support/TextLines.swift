/// A text's lines without their breaks. "\r\n" is one Character in Swift, so splitting on "\n" alone leaves a
/// Windows file as one line; LF, CRLF and a lone CR each end a line here, as they do for clang's line numbers.
/// Scans UTF-8 bytes: the breaks are ASCII, so no grapheme breaking is needed. The scan runs over the contiguous
/// bytes where there are (native strings): index by index through the generic view it was a report's main cost.
public extension StringProtocol {
    var textLines: [SubSequence] {
        let bytes = utf8
        guard let spans = bytes.withContiguousStorageIfAvailable(TextLineSpans.spans) else {
            return TextLineSpans.spans(of: bytes).map { self[$0] }
        }
        var lines: [SubSequence] = []
        lines.reserveCapacity(spans.count)
        var index = bytes.startIndex, offset = 0
        for span in spans {
            let start = bytes.index(index, offsetBy: span.lowerBound - offset)
            let end = bytes.index(start, offsetBy: span.count)
            lines.append(self[start..<end])
            index = end
            offset = span.upperBound
        }
        return lines
    }
}

/// Where a text's lines lie (LF, CRLF or a lone CR end one), by byte offset or by index.
enum TextLineSpans {
    static func spans(_ bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var spans: [Range<Int>] = []
        var start = 0, index = 0
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            guard byte == 10 || byte == 13 else { continue }
            spans.append(start..<(index - 1))
            if byte == 13, index < bytes.count, bytes[index] == 10 { index += 1 }
            start = index
        }
        spans.append(start..<bytes.count)
        return spans
    }

    static func spans<Bytes: Collection<UInt8>>(of bytes: Bytes) -> [Range<Bytes.Index>] {
        var spans: [Range<Bytes.Index>] = []
        var start = bytes.startIndex, index = start
        while index != bytes.endIndex {
            let byte = bytes[index]
            guard byte == 10 || byte == 13 else { bytes.formIndex(after: &index); continue }
            spans.append(start..<index)
            bytes.formIndex(after: &index)
            if byte == 13, index != bytes.endIndex, bytes[index] == 10 { bytes.formIndex(after: &index) }
            start = index
        }
        spans.append(start..<bytes.endIndex)
        return spans
    }
}

/// Trimming without Foundation's NSString bridge (a hot path: paths, build-file values, report lines). The sets
/// are CharacterSet's: `.whitespaces` is Unicode's space separators and tab, `.whitespacesAndNewlines` adds
/// U+000A–U+000D, U+0085, U+2028 and U+2029.
public extension StringProtocol {
    func trimmingWhitespace() -> String { trimmed(newlines: false) }
    func trimmingWhitespaceAndNewlines() -> String { trimmed(newlines: true) }

    private func trimmed(newlines: Bool) -> String {
        let scalars = unicodeScalars
        func blank(_ s: Unicode.Scalar) -> Bool {
            switch s.value {
            case 0x20, 0x09: return true
            case 0x0A...0x0D, 0x85, 0x2028, 0x2029: return newlines
            case 0..<0x80: return false
            default: return s.properties.generalCategory == .spaceSeparator
            }
        }
        var start = scalars.startIndex, end = scalars.endIndex
        while start != end, blank(scalars[start]) { scalars.formIndex(after: &start) }
        while end != start {
            let before = scalars.index(before: end)
            guard blank(scalars[before]) else { break }
            end = before
        }
        return String(self[start..<end])
    }
}
