import H7Model

/// A file that is not an image h7lint can read: one line naming the file and why.
func imageError(_ file: String, _ reason: String) -> H7Error { H7Error.input("\(file): \(reason)") }
