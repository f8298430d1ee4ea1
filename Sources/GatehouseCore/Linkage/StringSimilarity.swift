/// String similarity over folded ASCII bytes, allocation-free for names up to 64 bytes.
public enum StringSimilarity {
    /// Jaro–Winkler similarity in 0…1 (prefix scale 0.1, prefix up to 4).
    /// - Complexity: O(n·m) in the worst case, n and m being the lengths.
    public static func jaroWinkler(_ lhs: UnsafeBufferPointer<UInt8>, _ rhs: UnsafeBufferPointer<UInt8>) -> Double {
        let n = lhs.count
        let m = rhs.count
        if n == 0 || m == 0 { return n == m ? 1 : 0 }
        if n > 64 || m > 64 { return equal(lhs, rhs) ? 1 : 0 }
        let window = max(0, max(n, m) / 2 - 1)
        var lhsMatched: UInt64 = 0
        var rhsMatched: UInt64 = 0
        var matches = 0
        for i in 0..<n {
            let low = max(0, i - window)
            let high = min(m - 1, i + window)
            if low > high { continue }
            for j in low...high where rhsMatched & (1 << UInt64(j)) == 0 && lhs[i] == rhs[j] {
                lhsMatched |= 1 << UInt64(i)
                rhsMatched |= 1 << UInt64(j)
                matches += 1
                break
            }
        }
        if matches == 0 { return 0 }
        var transpositions = 0
        var j = 0
        for i in 0..<n where lhsMatched & (1 << UInt64(i)) != 0 {
            while rhsMatched & (1 << UInt64(j)) == 0 { j += 1 }
            if lhs[i] != rhs[j] { transpositions += 1 }
            j += 1
        }
        let t = Double(transpositions / 2)
        let mm = Double(matches)
        let jaro = (mm / Double(n) + mm / Double(m) + (mm - t) / mm) / 3
        var prefix = 0
        while prefix < min(4, n, m), lhs[prefix] == rhs[prefix] { prefix += 1 }
        return jaro + Double(prefix) * 0.1 * (1 - jaro)
    }

    /// Whether `jaroWinkler(lhs, rhs) >= threshold`, mostly decided without it: the matching
    /// characters are at most those of each side found anywhere in the other, which bounds the
    /// similarity from above; only a pair whose bound reaches `threshold` is compared in full.
    /// Most pairs compared in linkage are different names, far below any threshold used.
    public static func jaroWinkler(
        _ lhs: UnsafeBufferPointer<UInt8>, _ rhs: UnsafeBufferPointer<UInt8>, atLeast threshold: Double
    ) -> Bool {
        let n = lhs.count
        let m = rhs.count
        guard n > 0, m > 0, n <= 64, m <= 64 else { return jaroWinkler(lhs, rhs) >= threshold }
        // Character sets by the low six bits (ASCII letters and digits do not collide; a
        // collision only raises the bound).
        var lhsSet: UInt64 = 0
        var rhsSet: UInt64 = 0
        for byte in lhs { lhsSet |= 1 << UInt64(byte & 63) }
        for byte in rhs { rhsSet |= 1 << UInt64(byte & 63) }
        var lhsFound = 0
        var rhsFound = 0
        for byte in lhs where rhsSet & (1 << UInt64(byte & 63)) != 0 { lhsFound += 1 }
        for byte in rhs where lhsSet & (1 << UInt64(byte & 63)) != 0 { rhsFound += 1 }
        let most = Double(min(lhsFound, rhsFound))
        let jaro = (most / Double(n) + most / Double(m) + 1) / 3
        var prefix = 0
        while prefix < min(4, n, m), lhs[prefix] == rhs[prefix] { prefix += 1 }
        let bound = most == 0 ? 0 : jaro + Double(prefix) * 0.1 * (1 - jaro)
        if bound < threshold - 1e-9 { return false }
        return jaroWinkler(lhs, rhs) >= threshold
    }

    /// Whether `jaroWinkler(lhs, rhs) >= threshold` is possible at all for a token `rhs` of
    /// `shape` (`TokenTable.shape`), read without the bytes of `rhs`: false only when the
    /// characters of `lhs` found in `rhs`, and the length of `rhs`, bound the similarity below
    /// `threshold` whatever prefix the two share.
    static func mayReach(_ lhs: UnsafeBufferPointer<UInt8>, shape: UInt64, threshold: Double) -> Bool {
        let n = lhs.count
        let m = Int(shape >> 56)
        guard n > 0, m > 0, n <= 64, m <= 64 else { return true }
        var found = 0
        for byte in lhs where shape & TokenTable.characterBit(byte) != 0 { found += 1 }
        let most = Double(min(found, m))
        guard most > 0 else { return threshold <= 0 }
        let jaro = (most / Double(n) + most / Double(m) + 1) / 3
        let prefix = Double(min(4, n, m))
        return jaro + prefix * 0.1 * (1 - jaro) >= threshold - 1e-9
    }

    /// Whether the optimal-string-alignment (Damerau–Levenshtein) distance is at most one:
    /// one substitution, insertion, deletion or transposition of neighbours.
    public static func withinOneEdit(_ lhs: UnsafeBufferPointer<UInt8>, _ rhs: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = lhs.count
        let m = rhs.count
        if abs(n - m) > 1 { return false }
        var i = 0
        while i < min(n, m), lhs[i] == rhs[i] { i += 1 }
        if i == n && i == m { return true }
        if n == m {
            // substitution, or transposition of i and i+1
            if tailEqual(lhs, i + 1, rhs, i + 1) { return true }
            return i + 1 < n && lhs[i] == rhs[i + 1] && lhs[i + 1] == rhs[i] && tailEqual(lhs, i + 2, rhs, i + 2)
        }
        return n > m ? tailEqual(lhs, i + 1, rhs, i) : tailEqual(lhs, i, rhs, i + 1)
    }

    /// Convenience for `String`s (tests and explanations).
    public static func jaroWinkler(_ lhs: String, _ rhs: String) -> Double {
        var a = Array(lhs.utf8)
        var b = Array(rhs.utf8)
        return a.withUnsafeMutableBufferPointer { pa in
            b.withUnsafeMutableBufferPointer { pb in jaroWinkler(UnsafeBufferPointer(pa), UnsafeBufferPointer(pb)) }
        }
    }

    /// Convenience for `String`s (tests and explanations).
    public static func withinOneEdit(_ lhs: String, _ rhs: String) -> Bool {
        let a = Array(lhs.utf8)
        let b = Array(rhs.utf8)
        return a.withUnsafeBufferPointer { pa in b.withUnsafeBufferPointer { pb in withinOneEdit(pa, pb) } }
    }

    @inline(__always)
    static func equal(_ lhs: UnsafeBufferPointer<UInt8>, _ rhs: UnsafeBufferPointer<UInt8>) -> Bool {
        lhs.count == rhs.count && tailEqual(lhs, 0, rhs, 0)
    }

    @inline(__always)
    static func tailEqual(_ lhs: UnsafeBufferPointer<UInt8>, _ i: Int, _ rhs: UnsafeBufferPointer<UInt8>, _ j: Int) -> Bool {
        if lhs.count - i != rhs.count - j { return false }
        var a = i
        var b = j
        while a < lhs.count {
            if lhs[a] != rhs[b] { return false }
            a += 1
            b += 1
        }
        return true
    }
}
