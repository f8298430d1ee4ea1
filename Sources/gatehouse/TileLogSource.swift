import Foundation
import GatehouseCore

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Where `gatehouse ledger tiles verify` reads a C2SP tlog-tiles log from: an HTTP(S)
/// prefix (`https://example.gov/v1/log`) or a folder written by `tiles export`.
///
/// It only fetches bytes; nothing it returns is trusted (the `TileVerifier` checks all).
struct TileLogSource: Sendable {
    enum Location: Sendable {
        case folder(URL)
        case http(URL)
    }

    /// Why a fetch failed: the resource is absent (404, no file), or the source could not
    /// be read at all.
    enum FetchError: Error, CustomStringConvertible {
        case unreachable(String)

        var description: String {
            switch self {
            case .unreachable(let why): why
            }
        }
    }

    let location: Location
    private let session: URLSession?

    /// A source for `text`: a URL starting with `http://` or `https://`, else a folder.
    ///
    /// - Throws: `LedgerError` `.malformed` for a folder that does not exist.
    init(_ text: String) throws(LedgerError) {
        let trimmed = text.hasSuffix("/") ? String(text.dropLast()) : text
        if trimmed.hasPrefix("http://") || trimmed.hasPrefix("https://") {
            guard let url = URL(string: trimmed) else {
                throw LedgerError(.malformed, "--from \(text) is not a URL")
            }
            location = .http(url)
            let configuration = URLSessionConfiguration.ephemeral
            configuration.timeoutIntervalForRequest = 30
            configuration.httpMaximumConnectionsPerHost = 8
            session = URLSession(configuration: configuration)
        } else {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: text, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw LedgerError(.malformed, "--from \(text) is neither an http(s) URL nor a folder")
            }
            location = .folder(URL(fileURLWithPath: text, isDirectory: true))
            session = nil
        }
    }

    /// Where the resource at `path` (below the prefix) is read from, for messages.
    func describe(_ path: String) -> String {
        switch location {
        case .folder(let folder): folder.appendingPathComponent(path).path
        case .http(let prefix): prefix.appendingPathComponent(path).absoluteString
        }
    }

    /// The bytes at `path` below the prefix, or nil when there are none (HTTP 404, no file).
    ///
    /// - Throws: ``FetchError/unreachable(_:)`` for any other failure.
    func fetch(_ path: String) async throws(FetchError) -> [UInt8]? {
        switch location {
        case .folder(let folder):
            let file = folder.appendingPathComponent(path)
            guard FileManager.default.fileExists(atPath: file.path) else { return nil }
            guard let data = FileManager.default.contents(atPath: file.path) else {
                throw .unreachable("cannot read \(file.path)")
            }
            return [UInt8](data)
        case .http(let prefix):
            let url = prefix.appendingPathComponent(path)
            var request = URLRequest(url: url)
            request.setValue("gzip, identity", forHTTPHeaderField: "Accept-Encoding")
            let data: Data
            let response: URLResponse
            do {
                (data, response) = try await session!.data(for: request)
            } catch {
                throw .unreachable("cannot fetch \(url.absoluteString): \(error.localizedDescription)")
            }
            guard let http = response as? HTTPURLResponse else {
                throw .unreachable("\(url.absoluteString) did not answer over HTTP")
            }
            switch http.statusCode {
            case 200: return [UInt8](data)
            case 404, 410: return nil
            default: throw .unreachable("\(url.absoluteString) answered HTTP \(http.statusCode)")
            }
        }
    }
}
