import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import H7Model

/// A small element tree (names, attributes, direct text, start lines) built with Foundation's
/// `XMLParser`; external entities are never resolved.
struct XMLTree: Sendable {
    struct Element: Sendable {
        var name: String
        var attributes: [String: String]
        var children: [Int] = []
        var text = ""
        var line: Int
    }

    /// All elements; index 0 is the root.
    private(set) var elements: [Element]

    var root: Int { 0 }

    /// Files larger than this are parsed from a stream (see `parse`).
    static let streamThreshold = 4 << 20

    static func parse(_ bytes: [UInt8], display: String) throws -> XMLTree {
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
            throw H7Error.input("\(display): empty file")
        }
        // FoundationXML traps on an element or attribute name that is not UTF-8 (found by fuzzing,
        // Tests/H7LintTests/FuzzRegressionTests.swift): such bytes are read as ISO-8859-1, as elsewhere.
        let utf8 = bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) || InputFile.isValidUTF8(bytes)
        try XMLEntities.refuseDeclared(bytes, display: display)
        let data = Data(utf8 ? bytes : InputFile.latin1ToUTF8(bytes))
        // libxml2 refuses one chunk over 10 MB ("huge input lookup", reported as an internal error): a large
        // project file is handed over as a stream, which feeds it in pieces.
        let parser = data.count > streamThreshold ? XMLParser(stream: InputStream(data: data)) : XMLParser(data: data)
        parser.shouldResolveExternalEntities = false
        let builder = Builder()
        parser.delegate = builder
        _ = parser.parse()
        if let failure = builder.failure ?? parser.parserError.map({ ($0 as NSError).code }).map({ ($0, parser.lineNumber) }) {
            // libxml2 says "extra content" (5) also when the file stops with elements still open.
            let open = builder.stack.last.map { builder.elements[$0].name }
            let problem = failure.0 == 5 && open != nil ? "the file ends inside <\(open!)> (truncated?)" : describe(failure.0)
            throw H7Error.input("\(display): malformed XML at line \(max(failure.1, 1)): \(problem)")
        }
        guard !builder.elements.isEmpty else { throw H7Error.input("\(display): no XML root element") }
        return XMLTree(elements: builder.elements)
    }

    func element(_ index: Int) -> Element { elements[index] }
    func name(_ index: Int) -> String { elements[index].name }
    func attribute(_ index: Int, _ name: String) -> String? { elements[index].attributes[name] }
    func line(_ index: Int) -> Int { elements[index].line }
    /// Direct text of an element, trimmed.
    func text(_ index: Int) -> String { elements[index].text.trimmingWhitespaceAndNewlines() }

    func children(_ index: Int, named name: String) -> [Int] {
        elements[index].children.filter { elements[$0].name == name }
    }

    func child(_ index: Int, named name: String) -> Int? {
        elements[index].children.first { elements[$0].name == name }
    }

    /// Follows a chain of child names (`TargetOption`, `TargetCommonOption`, `Device`).
    func path(_ index: Int, _ names: String...) -> Int? {
        var current = index
        for name in names {
            guard let next = child(current, named: name) else { return nil }
            current = next
        }
        return current
    }

    /// Descendants named `name`, in document order (not `index` itself).
    func descendants(_ index: Int, named name: String) -> [Int] {
        var found: [Int] = []
        var stack = Array(elements[index].children.reversed())
        while let next = stack.popLast() {
            if elements[next].name == name { found.append(next) }
            stack.append(contentsOf: elements[next].children.reversed())
        }
        return found
    }

    /// libxml2's `xmlParserErrors` in words, for the codes a broken project file can give.
    private static let moreReasons: [Int: String] = [
        1: "internal parser error", 2: "out of memory", 3: "no XML at the start of the file",
        6: "invalid hexadecimal character reference", 7: "invalid decimal character reference",
        8: "invalid character reference", 10: "character reference at the end of the file",
        11: "character reference before the root element", 12: "character reference after the root element",
        14: "entity reference at the end of the file", 15: "entity reference before the root element",
        16: "entity reference after the root element", 22: "'&' without an entity name",
        23: "entity reference without ';'", 27: "undeclared entity", 28: "unparsed entity",
        31: "unknown encoding", 32: "unsupported encoding", 33: "expected a quoted string",
        34: "unterminated quoted string", 35: "bad namespace declaration", 36: "entity value not started",
        37: "unterminated entity value", 42: "attribute given twice", 43: "literal not started",
        44: "unterminated literal", 46: "processing instruction not started", 47: "unterminated processing instruction",
        56: "malformed XML declaration", 57: "unterminated XML declaration", 61: "unterminated DOCTYPE",
        62: "']]>' outside a CDATA section", 63: "unterminated CDATA section", 64: "reserved name 'xml'",
        65: "space required", 66: "separator required", 67: "name token required", 68: "name required",
        72: "expected '<'", 74: "expected '</'", 75: "expected '=' after an attribute name",
        78: "bad standalone value", 79: "bad encoding name", 80: "'--' inside a comment",
        81: "invalid encoding", 84: "value required",
    ]

    private static func describe(_ code: Int) -> String {
        switch code {
        case 4: return "the document is empty"
        case 5, 86: return "extra content after the root element"
        case 9: return "invalid character"
        case 26: return "undeclared entity"
        case 38: return "'<' inside an attribute value"
        case 39, 40, 41: return "malformed attribute"
        case 45: return "unterminated comment"
        case 73: return "expected '>'"
        case 76: return "mismatched closing tag"
        case 77: return "unterminated element (file ends too early)"
        case 85: return "unbalanced tags"
        default:
            if let text = moreReasons[code] { return text }
            return "XML syntax error (libxml2 code \(code))"
        }
    }

    private final class Builder: NSObject, XMLParserDelegate {
        var elements: [Element] = []
        var stack: [Int] = []
        var failure: (Int, Int)?

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName: String?, attributes: [String: String] = [:]) {
            let index = elements.count
            elements.append(Element(name: elementName, attributes: attributes, line: parser.lineNumber))
            if let parent = stack.last { elements[parent].children.append(index) }
            stack.append(index)
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
                    qualifiedName: String?) {
            _ = stack.popLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if let current = stack.last { elements[current].text += string }
        }

        func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
            if let current = stack.last { elements[current].text += String(decoding: CDATABlock, as: UTF8.self) }
        }

        func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
            if failure == nil { failure = ((parseError as NSError).code, parser.lineNumber) }
        }
    }
}
