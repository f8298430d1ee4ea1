/// Why a workspace operation failed. The message names files, identifiers and versions, never
/// a person's data.
public struct WorkspaceError: Error, CustomStringConvertible, Equatable, Sendable {
    public enum Code: String, Sendable {
        /// `init` on a folder that already holds a workspace.
        case alreadyExists
        /// No workspace in the folder.
        case notFound
        /// A file or folder could not be read or written.
        case io
        /// No agreement or court order with that id (or version).
        case unknownDocument
        /// A document's version is not newer than the latest stored one.
        case staleVersion
        /// A document cannot be stored as given (empty id, a status change that changes nothing).
        case invalidDocument
        /// A stored document cannot be decoded (the registry cannot be read: release nothing).
        case unreadableDocument
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
