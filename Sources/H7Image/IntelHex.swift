import H7Model

/// Intel HEX records (types 00 data, 01 end, 02 and 04 address bases; 03 and 05 start addresses are ignored).
enum IntelHex {
    static func parse(_ bytes: [UInt8], name: String) throws -> [ELFFile.Chunk] {
        var chunks: [ELFFile.Chunk] = []
        var base: UInt32 = 0
        var total = 0
        var lineNumber = 0
        for raw in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true) {
            lineNumber += 1
            var line = Array(raw)
            while let last = line.last, last == 13 || last == 32 || last == 9 { line.removeLast() }
            if line.isEmpty { continue }
            guard line.first == UInt8(ascii: ":"), line.count >= 11, line.count % 2 == 1 else {
                throw imageError(name, "line \(lineNumber): not an Intel HEX record")
            }
            var record: [UInt8] = []
            var i = 1
            while i + 1 < line.count {
                guard let hi = hexDigit(line[i]), let lo = hexDigit(line[i + 1]) else {
                    throw imageError(name, "line \(lineNumber): not a hex digit")
                }
                record.append(hi << 4 | lo)
                i += 2
            }
            let count = Int(record[0])
            guard record.count == count + 5 else { throw imageError(name, "line \(lineNumber): record length \(count) does not match the line") }
            guard record.reduce(0, { $0 &+ $1 }) == 0 else { throw imageError(name, "line \(lineNumber): checksum mismatch") }
            let offset = UInt32(record[1]) << 8 | UInt32(record[2])
            let data = Array(record[4..<(4 + count)])
            switch record[3] {
            case 0:
                total += data.count
                guard total <= ImageLimits.maxLoadBytes else { throw imageError(name, "more data than any STM32H7 flash holds") }
                let address = base &+ offset
                if let last = chunks.last, UInt64(last.address) + UInt64(last.bytes.count) == UInt64(address) {
                    chunks[chunks.count - 1].bytes += data
                } else {
                    chunks.append(ELFFile.Chunk(address: address, bytes: data))
                }
            case 1: return chunks
            case 2: guard count == 2 else { throw imageError(name, "line \(lineNumber): bad segment record") }
                base = (UInt32(data[0]) << 8 | UInt32(data[1])) << 4
            case 4: guard count == 2 else { throw imageError(name, "line \(lineNumber): bad address record") }
                base = (UInt32(data[0]) << 8 | UInt32(data[1])) << 16
            case 3, 5: break
            default: throw imageError(name, "line \(lineNumber): unknown record type \(record[3])")
            }
        }
        guard !chunks.isEmpty else { throw imageError(name, "no data records") }
        return chunks
    }

    static func hexDigit(_ c: UInt8) -> UInt8? {
        switch c {
        case 48...57: c - 48
        case 65...70: c - 55
        case 97...102: c - 87
        default: nil
        }
    }
}
