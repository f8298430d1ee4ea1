import Foundation

/// Reads the CSV reference tables bundled with GatehouseCore.
enum BundledTable {
    /// The data rows of `Resources/<name>.csv`, split on commas, header skipped.
    ///
    /// A missing table is a packaging error, not a data error: it stops the process rather than
    /// let the gate run with empty tables.
    static func rows(_ name: String) -> [[Substring]] {
        guard
            let url = Bundle.module.url(forResource: name, withExtension: "csv", subdirectory: "Resources")
                ?? Bundle.module.url(forResource: name, withExtension: "csv"),
            let data = try? Data(contentsOf: url)
        else {
            preconditionFailure("GatehouseCore resource \(name).csv is missing from the bundle")
        }
        let text = String(decoding: data, as: UTF8.self)
        var rows: [[Substring]] = []
        for line in text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }).dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            if fields.count > 1 { rows.append(fields) }
        }
        return rows
    }
}
