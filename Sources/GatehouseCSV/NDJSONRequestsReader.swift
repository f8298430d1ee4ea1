import Foundation
public import GatehouseCore

/// How a batch file is written.
public enum RequestsFileFormat: String, Sendable, Hashable, CaseIterable {
    /// The Requests CSV (DESIGN.md, "Interchange formats").
    case csv
    /// One JSON object per line, with the Requests column names as keys and strings as values.
    case ndjson
}

/// Reads an NDJSON batch (one JSON object per line, keyed by the Requests column names) as
/// `RequestRow`s, in file order, with the same rules as the CSV reader: keys are matched
/// case-insensitively, unknown keys are ignored, values are trimmed, and a line that cannot be
/// read becomes a `rejected` row instead of stopping the file.
public final class NDJSONRequestsReader: Sequence, IteratorProtocol {
    private let handle: FileHandle
    private let path: String
    private var buffer: [UInt8] = []
    private var position = 0
    private var endOfFile = false
    private var line = 0
    private var readError: CSVError?

    /// Opens `path`.
    /// - Throws: `CSVError.cannotOpen`.
    public init(path: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw CSVError.cannotOpen(path: path) }
        self.handle = handle
        self.path = path
    }

    deinit { try? handle.close() }

    public func next() -> RequestRow? {
        while let bytes = nextLine() {
            line += 1
            let isBlank = bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
            if isBlank { continue }
            return Self.row(bytes, line: line)
        }
        return nil
    }

    /// Throws if reading the file failed part way; call after the last row.
    public func finish() throws {
        if let readError { throw readError }
    }

    /// One line read as a request, or rejected with a reason code.
    public static func row(_ bytes: some Collection<UInt8>, line: Int) -> RequestRow {
        guard String(validating: bytes, as: UTF8.self) != nil else {
            return .rejected(line: line, requestID: "", reason: .rowEncoding, detail: "the line is not valid UTF-8")
        }
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else {
            return .rejected(line: line, requestID: "", reason: .rowMalformed, detail: "malformed row: not a JSON object")
        }
        var values: [RequestField: String] = [:]
        for (key, value) in object {
            guard let field = RequestField(rawValue: key.lowercased()) else { continue }
            if value is NSNull { continue }
            guard let text = value as? String else {
                let id = (object["request_id"] as? String)?.trimmingCharacters(in: .whitespaces) ?? ""
                return .rejected(
                    line: line, requestID: id, reason: .rowMalformed,
                    detail: "malformed row: the value of \(field.rawValue) is not a string")
            }
            values[field] = text.trimmingCharacters(in: CharacterSet(charactersIn: " \t"))
        }
        func value(_ field: RequestField) -> String { values[field] ?? "" }
        let request = Request(
            requestID: value(.requestID), tin: value(.tin), givenName: value(.givenName),
            middleName: value(.middleName), surname: value(.surname), birthDate: value(.birthDate),
            address: PostalAddress(
                line1: value(.addressLine1), line2: value(.addressLine2), city: value(.city), state: value(.state),
                postcode: value(.postcode)),
            caseReference: value(.caseReference), line: line)
        if request.requestID.isEmpty {
            return .rejected(line: line, requestID: "", reason: .rowIDMissing, detail: "the row has no request_id")
        }
        return .request(request)
    }

    /// The next line's bytes without its LF, or nil at the end of the file.
    private func nextLine() -> ArraySlice<UInt8>? {
        while true {
            if let end = buffer[position...].firstIndex(of: 0x0A) {
                defer { position = end + 1 }
                return buffer[position..<end]
            }
            if endOfFile {
                guard position < buffer.count else { return nil }
                defer { position = buffer.count }
                return buffer[position...]
            }
            buffer.removeSubrange(0..<position)
            position = 0
            do {
                let data = try handle.read(upToCount: 1 << 20) ?? Data()
                if data.isEmpty { endOfFile = true } else { buffer.append(contentsOf: data) }
            } catch {
                readError = .readFailed(path: path, line: line, detail: String(describing: error))
                return nil
            }
        }
    }
}
