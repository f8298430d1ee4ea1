public import GatehouseStore
public import Hummingbird
public import HummingbirdAuth
import Synchronization
public import NIOCore

/// Who is calling: the key, its role and agreement, and the end user named on whose behalf.
public struct Caller: Sendable, Hashable, RoleProviding {
    public var key: APIKey
    /// `Gatehouse-On-Behalf-Of`, as sent (an end user's identifier at the requesting agency), or empty.
    public var onBehalfOf: String

    public var roles: Set<APIKey.Role> { [key.role] }
    public var role: APIKey.Role { key.role }
    public var keyID: String { key.id }
    /// The agreement a requester is bound to.
    public var agreementID: String? { key.agreementID }
}

/// What one call did, filled in by the middlewares and the handler and read by the access
/// ledger middleware around them (a reference, because a request context is a value that inner
/// middlewares copy).
public final class CallNote: Sendable {
    struct State {
        var caller: Caller?
        var objectID = ""
        /// The object named belongs to someone else (answered as missing, recorded as denied).
        var deniedObject = false
        /// The handler committed the access event with its own writes.
        var accessRecorded = false
        var headers: HTTPFields = [:]
    }

    private let state = Mutex(State())

    public init() {}

    var caller: Caller? {
        get { state.withLock { $0.caller } }
        set { state.withLock { $0.caller = newValue } }
    }
    var objectID: String {
        get { state.withLock { $0.objectID } }
        set { state.withLock { $0.objectID = newValue } }
    }
    var deniedObject: Bool {
        get { state.withLock { $0.deniedObject } }
        set { state.withLock { $0.deniedObject = newValue } }
    }
    var accessRecorded: Bool {
        get { state.withLock { $0.accessRecorded } }
        set { state.withLock { $0.accessRecorded = newValue } }
    }
    /// Headers every answer of this call carries (warnings), success or problem.
    var headers: HTTPFields {
        get { state.withLock { $0.headers } }
        set { state.withLock { $0.headers = newValue } }
    }
}

/// The request context: Hummingbird's core storage, the authenticated caller, and the call's note.
public struct GatehouseRequestContext: AuthRequestContext, RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var identity: Caller?
    public let note: CallNote
    /// The connection, for the client certificate.
    let channel: any Channel

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
        identity = nil
        note = CallNote()
    }

    /// JSON and YAML bodies are small; batch rows are streamed, not decoded.
    public var maxUploadSize: Int { 1 << 20 }

    /// The caller; the access middleware guarantees one on every authenticated route.
    func caller() throws -> Caller {
        guard let identity else { throw Problem.unauthenticated }
        return identity
    }
}
