/// Lines that are not street addresses: ZIP-only, PO boxes, rural routes, General Delivery,
/// placeholders.
extension AddressParser {
    /// Words the special forms look for, as packed keys (constants: no lazy initialization on
    /// each use); `WordKeyTests` checks each against `WordKey(_:)`.
    enum Word {
        static var p: WordKey { WordKey(low: 0x50, high: 0x0) }  // "P"
        static var o: WordKey { WordKey(low: 0x4F, high: 0x0) }  // "O"
        static var b: WordKey { WordKey(low: 0x42, high: 0x0) }  // "B"
        static var r: WordKey { WordKey(low: 0x52, high: 0x0) }  // "R"
        static var po: WordKey { WordKey(low: 0x4F50, high: 0x0) }  // "PO"
        static var pob: WordKey { WordKey(low: 0x424F50, high: 0x0) }  // "POB"
        static var pobox: WordKey { WordKey(low: 0x584F424F50, high: 0x0) }  // "POBOX"
        static var post: WordKey { WordKey(low: 0x54534F50, high: 0x0) }  // "POST"
        static var postal: WordKey { WordKey(low: 0x4C4154534F50, high: 0x0) }  // "POSTAL"
        static var office: WordKey { WordKey(low: 0x45434946464F, high: 0x0) }  // "OFFICE"
        static var off: WordKey { WordKey(low: 0x46464F, high: 0x0) }  // "OFF"
        static var box: WordKey { WordKey(low: 0x584F42, high: 0x0) }  // "BOX"
        static var bx: WordKey { WordKey(low: 0x5842, high: 0x0) }  // "BX"
        static var drawer: WordKey { WordKey(low: 0x524557415244, high: 0x0) }  // "DRAWER"
        static var drwr: WordKey { WordKey(low: 0x52575244, high: 0x0) }  // "DRWR"
        static var pmb: WordKey { WordKey(low: 0x424D50, high: 0x0) }  // "PMB"
        static var apartado: WordKey { WordKey(low: 0x4F44415452415041, high: 0x0) }  // "APARTADO"
        static var aptdo: WordKey { WordKey(low: 0x4F44545041, high: 0x0) }  // "APTDO"
        static var apdo: WordKey { WordKey(low: 0x4F445041, high: 0x0) }  // "APDO"
        static var casilla: WordKey { WordKey(low: 0x414C4C49534143, high: 0x0) }  // "CASILLA"
        static var caller: WordKey { WordKey(low: 0x52454C4C4143, high: 0x0) }  // "CALLER"
        static var firm: WordKey { WordKey(low: 0x4D524946, high: 0x0) }  // "FIRM"
        static var lockbox: WordKey { WordKey(low: 0x584F424B434F4C, high: 0x0) }  // "LOCKBOX"
        static var psc: WordKey { WordKey(low: 0x435350, high: 0x0) }  // "PSC"
        static var cmr: WordKey { WordKey(low: 0x524D43, high: 0x0) }  // "CMR"
        static var unit: WordKey { WordKey(low: 0x54494E55, high: 0x0) }  // "UNIT"
        static var apo: WordKey { WordKey(low: 0x4F5041, high: 0x0) }  // "APO"
        static var fpo: WordKey { WordKey(low: 0x4F5046, high: 0x0) }  // "FPO"
        static var dpo: WordKey { WordKey(low: 0x4F5044, high: 0x0) }  // "DPO"
        static var rr: WordKey { WordKey(low: 0x5252, high: 0x0) }  // "RR"
        static var rfd: WordKey { WordKey(low: 0x444652, high: 0x0) }  // "RFD"
        static var hc: WordKey { WordKey(low: 0x4348, high: 0x0) }  // "HC"
        static var hcr: WordKey { WordKey(low: 0x524348, high: 0x0) }  // "HCR"
        static var rural: WordKey { WordKey(low: 0x4C41525552, high: 0x0) }  // "RURAL"
        static var route: WordKey { WordKey(low: 0x4554554F52, high: 0x0) }  // "ROUTE"
        static var rte: WordKey { WordKey(low: 0x455452, high: 0x0) }  // "RTE"
        static var rt: WordKey { WordKey(low: 0x5452, high: 0x0) }  // "RT"
        static var delivery: WordKey { WordKey(low: 0x59524556494C4544, high: 0x0) }  // "DELIVERY"
        static var highway: WordKey { WordKey(low: 0x59415748474948, high: 0x0) }  // "HIGHWAY"
        static var hwy: WordKey { WordKey(low: 0x595748, high: 0x0) }  // "HWY"
        static var contract: WordKey { WordKey(low: 0x54434152544E4F43, high: 0x0) }  // "CONTRACT"
        static var star: WordKey { WordKey(low: 0x52415453, high: 0x0) }  // "STAR"
        static var general: WordKey { WordKey(low: 0x4C4152454E4547, high: 0x0) }  // "GENERAL"
        static var gen: WordKey { WordKey(low: 0x4E4547, high: 0x0) }  // "GEN"
        static var del: WordKey { WordKey(low: 0x4C4544, high: 0x0) }  // "DEL"
        static var deliv: WordKey { WordKey(low: 0x56494C4544, high: 0x0) }  // "DELIV"
        static var gendel: WordKey { WordKey(low: 0x4C45444E4547, high: 0x0) }  // "GENDEL"
        static var entrega: WordKey { WordKey(low: 0x41474552544E45, high: 0x0) }  // "ENTREGA"
        static var and: WordKey { WordKey(low: 0x444E41, high: 0x0) }  // "AND"
        static var at: WordKey { WordKey(low: 0x5441, high: 0x0) }  // "AT"
        static var lbx: WordKey { WordKey(low: 0x58424C, high: 0x0) }  // "LBX"
        static var lb: WordKey { WordKey(low: 0x424C, high: 0x0) }  // "LB"
        static var mailbox: WordKey { WordKey(low: 0x584F424C49414D, high: 0x0) }  // "MAILBOX"
        static var lock: WordKey { WordKey(low: 0x4B434F4C, high: 0x0) }  // "LOCK"
    }

    @inline(__always)
    static func key(_ t: AddressTokens, _ index: Int) -> WordKey? {
        index < t.count ? t.tokens[index].key : nil
    }

    /// A ZIP, a ZIP+4 or nine digits.
    static func isZipLike(_ t: AddressTokens, _ index: Int) -> Bool {
        let token = t.tokens[index]
        if token.isAllDigits { return token.length == 5 || token.length == 9 }
        return token.length == 10 && token.digits == 9 && t.byte(index, 5) == 0x2D
    }

    /// Only digits, or a ZIP with at most a state code; or a line that starts with a ZIP+4.
    static func isZipOnly(_ t: AddressTokens) -> Bool {
        let first = t.tokens[0]
        if !first.isAllDigits && isZipLike(t, 0) { return true }
        if first.isAllDigits && first.length == 9 { return true }
        var sawZip = false
        var sawState = false
        var sawOtherNumber = false
        for index in 0..<t.count {
            let token = t.tokens[index]
            if token.isNumeric {
                if isZipLike(t, index) { sawZip = true } else { sawOtherNumber = true }
            } else if token.isWord, token.info?.isStateCode == true {
                sawState = true
            } else {
                return false
            }
        }
        // "11950 FM 998": a house number on Farm-to-Market Road 998 (FM is also a territory code).
        if sawState && sawOtherNumber && t.count >= 3 { return false }
        return sawZip || !sawState
    }

    /// An identifier after a box or unit word: something with a digit, or a single letter.
    static func isIdentifier(_ t: AddressTokens, _ index: Int) -> Bool {
        guard index < t.count else { return false }
        let token = t.tokens[index]
        return token.hasDigit || (token.length == 1 && token.letters == 1)
    }

    /// Index after an identifier at `index`, skipping a `#` before it.
    static func identifierEnd(_ t: AddressTokens, _ index: Int) -> Int? {
        var index = index
        if index < t.count && t.tokens[index].letters + t.tokens[index].digits == 0 { index += 1 }
        return isIdentifier(t, index) ? index + 1 : nil
    }

    /// A PO box (or a PMB) starting at `index`; at the start of a line, "PO BOX" needs no number.
    static func boxPattern(_ t: AddressTokens, at index: Int, lineStart: Bool) -> (end: Int, isPrivateMailbox: Bool)? {
        guard let first = key(t, index) else { return nil }
        var k = index
        var sawPostOffice = false
        var shortPO = false
        if first == Word.p && key(t, k + 1) == Word.o {
            k += 2
            sawPostOffice = true
            shortPO = true
        } else if first == Word.po {
            k += 1
            sawPostOffice = true
            shortPO = true
        } else if first == Word.post || first == Word.postal {
            k += 1
            if key(t, k) == Word.office || key(t, k) == Word.off { k += 1 }
            sawPostOffice = true
        }
        if sawPostOffice {
            let word = key(t, k)
            if word == Word.box || word == Word.bx || word == Word.drawer || word == Word.drwr
                || (shortPO && word == Word.b)
            {
                if let end = identifierEnd(t, k + 1) { return (end, false) }
                return lineStart ? (k + 1, false) : nil
            }
            // "PO 123", "POST OFFICE 20387": the box number without the word BOX.
            if let end = identifierEnd(t, k), t.tokens[end - 1].hasDigit { return (end, false) }
            return nil
        }
        switch first {
        case Word.lock:
            // LOCK BOX 427
            guard key(t, k + 1) == Word.box, let end = identifierEnd(t, k + 2), t.tokens[end - 1].hasDigit else { return nil }
            return (end, false)
        case Word.lbx, Word.lb, Word.mailbox:
            if let end = identifierEnd(t, k + 1), t.tokens[end - 1].hasDigit { return (end, false) }
            return nil
        case Word.pob, Word.pobox, Word.lockbox:
            if let end = identifierEnd(t, k + 1) { return (end, false) }
            return lineStart ? (k + 1, false) : nil
        case Word.box, Word.bx, Word.drawer, Word.casilla, Word.aptdo, Word.apdo:
            if let end = identifierEnd(t, k + 1), t.tokens[end - 1].hasDigit { return (end, false) }
            return nil
        case Word.apartado:
            k += 1
            if key(t, k) == Word.postal { k += 1 }
            if let end = identifierEnd(t, k) { return (end, false) }
            return lineStart ? (k, false) : nil
        case Word.caller, Word.firm:
            k += 1
            if first == Word.firm {
                guard key(t, k) == Word.caller else { return nil }
                k += 1
            }
            if key(t, k) == Word.box { k += 1 }
            if let end = identifierEnd(t, k), t.tokens[end - 1].hasDigit { return (end, false) }
            return nil
        case Word.pmb:
            if let end = identifierEnd(t, k + 1) { return (end, true) }
            return lineStart ? (k + 1, true) : nil
        default:
            return nil
        }
    }

    /// Military boxes, rural routes and General Delivery at the start of a line.
    static func specialStart(_ t: AddressTokens) -> AddressKind? {
        guard let first = key(t, 0) else { return nil }
        switch first {
        case Word.psc, Word.cmr, Word.apo, Word.fpo, Word.dpo:
            return .poBox
        case Word.unit:
            // "UNIT 2050 BOX 4190": a military unit box.
            if let end = identifierEnd(t, 1), key(t, end) == Word.box { return .poBox }
            return nil
        case Word.rr, Word.rfd, Word.hc, Word.hcr:
            return .ruralRoute
        case Word.r:
            return key(t, 1) == Word.r ? .ruralRoute : nil
        case Word.rural:
            let second = key(t, 1)
            return second == Word.route || second == Word.rte || second == Word.rt || second == Word.delivery
                ? .ruralRoute : nil
        case Word.highway, Word.hwy:
            return key(t, 1) == Word.contract ? .ruralRoute : nil
        case Word.star:
            let second = key(t, 1)
            return second == Word.route || second == Word.rte ? .ruralRoute : nil
        case Word.route, Word.rte, Word.rt:
            // "RT 2 BOX 15" is a rural route; "ROUTE 66" alone is a road without a house number.
            if let end = identifierEnd(t, 1), key(t, end) == Word.box { return .ruralRoute }
            return nil
        default:
            break
        }
        if isGeneralDelivery(t, at: 0) { return .generalDelivery }
        // "RR2 BOX 15", "HC1 BOX 3": route and number written together.
        let token = t.tokens[0]
        if token.letters >= 2 && token.letters <= 3 && token.hasDigit {
            let b0 = t.byte(0, 0)
            let b1 = t.byte(0, 1)
            let b2 = token.length > 2 ? t.byte(0, 2) : 0
            let isRR = b0 == 0x52 && b1 == 0x52 && AddressTokens.isDigit(b2)
            let isHC = b0 == 0x48 && b1 == 0x43 && (AddressTokens.isDigit(b2) || b2 == 0x52)
            if isRR || isHC { return .ruralRoute }
        }
        return nil
    }

    /// "GENERAL DELIVERY", "GEN DEL", "ENTREGA GENERAL" at `index`.
    static func isGeneralDelivery(_ t: AddressTokens, at index: Int) -> Bool {
        guard let first = key(t, index) else { return false }
        if first == Word.gendel { return true }
        if first == Word.general || first == Word.gen {
            let second = key(t, index + 1)
            return second == Word.delivery || second == Word.del || second == Word.deliv
        }
        return first == Word.entrega && key(t, index + 1) == Word.general
    }

    /// Whether the line is a placeholder: its words (ZIP codes and a house number aside) are one
    /// placeholder phrase, or, when it has no house number, it begins with one.
    static func isPlaceholder(_ t: AddressTokens, from start: Int, houseEnd: Int?) -> Bool {
        var end = t.count
        while end > start, isZipLike(t, end - 1) { end -= 1 }
        let wordsStart = houseEnd ?? start
        guard wordsStart < end else { return false }
        let first = t.tokens[wordsStart]
        let firstIsX = first.letters == first.length && first.letters >= 3
            && t.bytes[first.start..<first.end].allSatisfy { $0 == 0x58 }
        guard firstIsX || first.info?.startsPlaceholder == true else { return false }
        if PlaceholderText.addressPhrases.contains(PlaceholderText.phrase(t, from: wordsStart, to: end)) {
            return true
        }
        guard houseEnd == nil else { return false }
        for length in 1...min(6, end - wordsStart) {
            if PlaceholderText.addressPhrases.contains(
                PlaceholderText.phrase(t, from: wordsStart, to: wordsStart + length))
            {
                return true
            }
        }
        return false
    }
}
