/// The lifecycle of one batch, as a value-type state machine: events in, actions out, no I/O.
///
/// ```
/// received ─► deciding ─► awaiting_approval ─► approved ─► released
///     └──► rejected (the manifest or a quota failed)
/// ```
/// An adapter stores the state after each action; a crash at any point resumes from the stored
/// state (`deciding` continues with the rows that have no decision yet).
public struct BatchLifecycle: Sendable, Hashable {
    public enum State: String, Sendable, Hashable, Codable, CaseIterable {
        case received
        case deciding
        case awaitingApproval = "awaiting_approval"
        case approved
        case released
        case rejected
    }

    public enum Event: Sendable, Hashable {
        /// The manifest and quotas were checked; `problems` empty means the batch may proceed.
        case checked(problems: [ReasonCode])
        /// Every row has a decision.
        case decisionsComplete
        /// An officer approved the release.
        case approve(officer: String)
        /// An officer asked to release.
        case release
    }

    public enum Action: Sendable, Hashable {
        case reject([ReasonCode])
        case startDeciding
        case awaitApproval
        case recordApproval(officer: String, complete: Bool)
        case releaseResponses
        /// The event is not allowed in this state; nothing changes.
        case refuse(String)
    }

    public private(set) var state: State
    public private(set) var approvals: [String]
    /// How many different officers must approve (two when the agreement requires two-person release).
    public let requiredApprovals: Int

    public init(state: State = .received, approvals: [String] = [], requiredApprovals: Int) {
        self.state = state
        self.approvals = approvals
        self.requiredApprovals = max(1, requiredApprovals)
    }

    /// Applies `event` and says what the adapter must do.
    public mutating func handle(_ event: Event) -> Action {
        switch (state, event) {
        case (.received, .checked(let problems)):
            if problems.isEmpty {
                state = .deciding
                return .startDeciding
            }
            state = .rejected
            return .reject(problems)
        case (.deciding, .decisionsComplete):
            state = .awaitingApproval
            return .awaitApproval
        case (.awaitingApproval, .approve(let officer)):
            guard !officer.isEmpty else { return .refuse("an approval needs an officer's name") }
            guard !approvals.contains(officer) else {
                return .refuse(
                    "\(officer) has already approved this batch; a second approval must come from another officer")
            }
            approvals.append(officer)
            let complete = approvals.count >= requiredApprovals
            if complete { state = .approved }
            return .recordApproval(officer: officer, complete: complete)
        case (.approved, .release):
            state = .released
            return .releaseResponses
        case (.awaitingApproval, .release):
            return .refuse(
                "the batch needs \(requiredApprovals) approval(s) from different officers before release; it has \(approvals.count)"
            )
        case (.released, .release):
            return .refuse("the batch was already released")
        case (.rejected, _):
            return .refuse("the batch was rejected")
        case (_, .approve):
            return .refuse("the batch is \(state.rawValue); approvals are taken once every row is decided")
        default:
            return .refuse("not allowed while the batch is \(state.rawValue)")
        }
    }
}
