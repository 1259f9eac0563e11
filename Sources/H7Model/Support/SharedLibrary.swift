/// Libraries h7lint loads at run time (libclang, Unicorn) rather than links.
public enum SharedLibrary {
    /// The first candidate `load` opens (a C loader that writes why it failed into the buffer it is given),
    /// else nil and each candidate's reason, in order.
    public static func firstLoadable(_ candidates: [String],
                                     _ load: (String, UnsafeMutablePointer<CChar>, Int) -> Int32) -> (loaded: String?, reasons: [String]) {
        var reasons: [String] = []
        for candidate in candidates {
            var error = [CChar](repeating: 0, count: 512)
            let count = error.count
            if error.withUnsafeMutableBufferPointer({ load(candidate, $0.baseAddress!, count) }) != 0 { return (candidate, reasons) }
            reasons.append(String(decoding: error.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        return (nil, reasons)
    }
}
