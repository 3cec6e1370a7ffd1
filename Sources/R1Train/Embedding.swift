// Token embedding: rows of E (V, C) looked up by token id.

/// x (N, C) = E[tokens[n]]
func embeddingForward(_ x: UnsafeMutablePointer<Float>, _ E: UnsafePointer<Float>, tokens: [Int32], C: Int) {
    for (n, id) in tokens.enumerated() { (x + n * C).update(from: E + Int(id) * C, count: C) }
}

/// dE[tokens[n]] += dx[n]; dx (N, C), dE (V, C)
func embeddingBackward(_ dE: UnsafeMutablePointer<Float>, _ dx: UnsafePointer<Float>, tokens: [Int32], C: Int) {
    for (n, id) in tokens.enumerated() {
        let row = dE + Int(id) * C, d = dx + n * C
        for i in 0..<C { row[i] += d[i] }
    }
}
