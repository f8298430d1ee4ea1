/// How a request's secondary unit (apartment, suite…) stands against the unit on file at the
/// same street address.
public enum UnitRelation: Sendable, Hashable {
    /// One side names no unit, so the unit tells nothing.
    case unknown
    /// The same dwelling: the identifiers agree, whatever designator each side wrote (`Apt 5`,
    /// `Unit 5`, `# 5`, `5`).
    case agrees
    /// Both name a unit and they differ: another dwelling at the same building.
    case conflicts
}

/// The identifiers of a standardized unit key — the parser's unit with its spaces removed
/// (`NormalizedAddress.unit`: `APT12B`, `#7`, `BLDG17STE200`, or a property name off line 2) —
/// which tell two dwellings at one street address apart.
///
/// Designators are dropped (`APT`, `UNIT`, `#`: writers use them interchangeably), so `APT5`,
/// `UNIT5` and `#5` are one dwelling; each identifier is read with its leading zeros dropped and
/// any hyphen removed (`05`, `5`; `12-B`, `12B`). A key with several identifiers (building and
/// apartment) agrees with one naming a subset of them (`BLDG2APT5` and `APT5`).
enum UnitIdentity {
    /// The USPS designators (Publication 28, C2) a key can start a part with, longest first.
    static let designators: [[UInt8]] = Set(AddressLexicon.units.map(\.1)).map { Array($0.utf8) }.sorted {
        $0.count > $1.count
    }

    /// The relation of two unit keys (either may be empty).
    static func relation(_ request: some Collection<UInt8>, _ record: some Collection<UInt8>) -> UnitRelation {
        let lhs = identifiers(request)
        let rhs = identifiers(record)
        if lhs.isEmpty || rhs.isEmpty { return .unknown }
        return lhs.isSubset(of: rhs) || rhs.isSubset(of: lhs) ? .agrees : .conflicts
    }

    /// The identifiers of `key`, as their bytes.
    static func identifiers(_ key: some Collection<UInt8>) -> Set<[UInt8]> {
        var result: Set<[UInt8]> = []
        var current: [UInt8] = []
        func close() {
            if !current.isEmpty { result.insert(current) }
            current = []
        }
        let bytes = Array(key)
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            if isLetter(byte) {
                var end = i
                while end < bytes.count, isLetter(bytes[end]) { end += 1 }
                let run = bytes[i..<end]
                if let designator = designators.first(where: { run.starts(with: $0) }) {
                    // A designator, alone or with a one-letter identifier written against it (APTB).
                    let rest = run.dropFirst(designator.count)
                    if rest.isEmpty || rest.count == 1 {
                        close()
                        current.append(contentsOf: rest)
                        i = end
                        continue
                    }
                }
                current.append(contentsOf: run)
                i = end
            } else if byte >= 0x30 && byte <= 0x39 {
                // Leading zeros of a number are dropped (05 is 5), unless it is all zeros.
                var end = i
                while end < bytes.count, bytes[end] >= 0x30, bytes[end] <= 0x39 { end += 1 }
                var start = i
                while start < end - 1, bytes[start] == 0x30 { start += 1 }
                if !current.isEmpty && !current.last!.isDigit && current.count > 1 { close() }
                current.append(contentsOf: bytes[start..<end])
                i = end
            } else if byte == 0x2D {
                i += 1  // 12-B is 12B
            } else {
                close()  // '#', '/', anything else separates
                i += 1
            }
        }
        close()
        return result
    }

    @inline(__always)
    private static func isLetter(_ byte: UInt8) -> Bool { byte >= 0x41 && byte <= 0x5A }
}

extension UInt8 {
    fileprivate var isDigit: Bool { self >= 0x30 && self <= 0x39 }
}
