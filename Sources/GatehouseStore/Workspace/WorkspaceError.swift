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
        // MARK: Hardening (data at rest)
        /// A key file exists where a new one was to be made.
        case keyExists
        /// The data key file is missing, or lacks the version a value was sealed with.
        case keyMissing
        /// The data key file cannot be read as one.
        case keyInvalid
        /// A sealed value does not open (edited, truncated, or moved from another row).
        case corrupt
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
