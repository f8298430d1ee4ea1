import Foundation
import GRDB
import GatehouseCore

/// How protected values are stored: request rows (`batch_rows.sealed`) and released values
/// (`disclosures.sealed_values`), each sealed by the workspace's `DataKeyring` and bound to its
/// table, batch and row. The clear columns of a sealed row hold empty strings.
///
/// Rows stored before sealing (a workspace made by an older Gatehouse) have `sealed` NULL and
/// their values in the clear columns: they are read as they are, and `gatehouse keys
/// rotate-data` seals them.
enum SealedValues {
    /// The associated data of a sealed value: `gatehouse.<table>.v1 ‖ 0 ‖ batch ‖ 0 ‖ row`.
    static func context(_ table: String, batchID: String, row: Int) -> [UInt8] {
        Array("gatehouse.\(table).v1".utf8) + [0] + Array(batchID.utf8) + [0] + Array(String(row).utf8)
    }

    /// The protected fields of a request, in this order (the request id stays in the clear: it is
    /// the requester's identifier).
    static func fields(of request: Request) -> [String] {
        let a = request.address
        return [
            request.tin, request.givenName, request.middleName, request.surname, request.birthDate, a.line1,
            a.line2, a.city, a.state, a.postcode, request.caseReference,
        ]
    }

    /// The request's protected fields, length-prefixed (u32 big-endian) one after another.
    static func encode(_ fields: [String]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(fields.reduce(0) { $0 + $1.utf8.count + 4 })
        for field in fields {
            let count = UInt32(field.utf8.count)
            out += [UInt8(count >> 24), UInt8(count >> 16 & 0xFF), UInt8(count >> 8 & 0xFF), UInt8(count & 0xFF)]
            out += field.utf8
        }
        return out
    }

    static func decode(_ bytes: [UInt8], count: Int) throws -> [String] {
        var fields: [String] = []
        var index = 0
        while index < bytes.count {
            guard bytes.count - index >= 4 else { throw WorkspaceError(.corrupt, "a sealed row is truncated") }
            let length =
                Int(bytes[index]) << 24 | Int(bytes[index + 1]) << 16 | Int(bytes[index + 2]) << 8 | Int(bytes[index + 3])
            index += 4
            guard bytes.count - index >= length else { throw WorkspaceError(.corrupt, "a sealed row is truncated") }
            fields.append(String(decoding: bytes[index..<index + length], as: UTF8.self))
            index += length
        }
        guard fields.count == count else { throw WorkspaceError(.corrupt, "a sealed row has \(fields.count) fields") }
        return fields
    }

    /// Seals a request row of `batch_rows`.
    static func sealRequest(_ request: Request, batchID: String, row: Int, keyring: DataKeyring) throws -> Data {
        try keyring.seal(encode(fields(of: request)), context: context("batch_rows", batchID: batchID, row: row))
    }

    /// The columns a reader of `batch_rows` selects (alias `r`) for `request(from:at:…)`.
    static let requestColumns = """
        r.request_id, r.tin, r.given_name, r.middle_name, r.surname, r.birth_date, r.address_line1, r.address_line2,
        r.city, r.state, r.postcode, r.case_reference, r.line, r.sealed
        """

    /// The request of a `batch_rows` row read with `requestColumns` starting at `offset`: opened
    /// from `sealed`, or from the clear columns of a row stored before sealing.
    static func request(
        from row: Row, at offset: Int, batchID: String, rowNumber: Int, keyring: DataKeyring
    ) throws -> Request {
        var values: [String]
        if let sealed = row[offset + 13] as Data? {
            values = try decode(
                keyring.open(sealed, context: context("batch_rows", batchID: batchID, row: rowNumber)), count: 11)
        } else {
            values = (1...11).map { row[offset + $0] as String }
        }
        return Request(
            requestID: row[offset], tin: values[0], givenName: values[1], middleName: values[2], surname: values[3],
            birthDate: values[4],
            address: PostalAddress(line1: values[5], line2: values[6], city: values[7], state: values[8], postcode: values[9]),
            caseReference: values[10], line: row[offset + 12])
    }

    /// Seals the canonical JSON of released values for `disclosures.sealed_values`.
    static func sealValues(_ json: String, batchID: String, row: Int, keyring: DataKeyring) throws -> Data {
        try keyring.seal(Array(json.utf8), context: context("disclosures", batchID: batchID, row: row))
    }

    /// The released values' canonical JSON: opened from `sealed`, or `clear` for a row stored
    /// before sealing.
    static func values(sealed: Data?, clear: String, batchID: String, row: Int, keyring: DataKeyring) throws -> String {
        guard let sealed else { return clear }
        return String(
            decoding: try keyring.open(sealed, context: context("disclosures", batchID: batchID, row: row)), as: UTF8.self)
    }
}
