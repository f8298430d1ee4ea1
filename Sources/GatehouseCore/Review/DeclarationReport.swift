/// The counts a court declaration needs about one agreement's disclosures: what came in, what
/// was found sufficient and verified, what was released, and how many address releases rested
/// on an insufficient or unconfirmed address, by reason. Counts only.
public struct DeclarationReport: Sendable, Hashable, Codable {
    public var agreementID: String
    public var recipient: String
    public var batches: Int
    /// The first and last day a batch was submitted.
    public var firstSubmitted: String?
    public var lastSubmitted: String?
    /// Rows submitted (in batches not rejected as a whole).
    public var requestsSubmitted: Int
    public var rowsRejected: Int
    /// Sufficient under the profile the batch ran under.
    public var sufficient: Int
    public var insufficient: Int
    public var verified: Int
    public var released: Int
    public var releasedWithAddress: Int
    /// Address releases whose request would fail today's statutory gate on its address.
    public var releasedWithAddressInsufficient: Int
    /// Address releases where the requester's address was not confirmed on file at decision.
    public var releasedWithAddressUnconfirmed: Int
    /// Address releases on an insufficient or unconfirmed address (either or both).
    public var releasedWithAddressImproper: Int
    /// The statutory gate's address codes among the insufficient address releases.
    public var insufficientByReason: [String: Int]
    /// Address releases by the profile their batch ran under.
    public var releasedWithAddressByProfile: [String: Int]

    public init(agreementID: String, recipient: String) {
        self.agreementID = agreementID
        self.recipient = recipient
        batches = 0
        requestsSubmitted = 0
        rowsRejected = 0
        sufficient = 0
        insufficient = 0
        verified = 0
        released = 0
        releasedWithAddress = 0
        releasedWithAddressInsufficient = 0
        releasedWithAddressUnconfirmed = 0
        releasedWithAddressImproper = 0
        insufficientByReason = [:]
        releasedWithAddressByProfile = [:]
    }

    /// The report as aligned text lines.
    public func text() -> String {
        var lines = ["Declaration counts — agreement \(agreementID) (\(recipient))"]
        if let first = firstSubmitted, let last = lastSubmitted {
            lines.append("  \(batches) batches submitted \(first)\(first == last ? "" : " to \(last)")")
        }
        func row(_ label: String, _ value: Int, _ indent: Int = 2) {
            let text = String(repeating: " ", count: indent) + label
            lines.append(text.padding(toLength: 60, withPad: " ", startingAt: 0) + String(value))
        }
        row("requests submitted", requestsSubmitted)
        row("rows rejected (unreadable, duplicate id)", rowsRejected)
        row("sufficient (under the batch's profile)", sufficient)
        row("insufficient", insufficient)
        row("verified", verified)
        row("released", released)
        row("released with an address", releasedWithAddress)
        row("of those, on an insufficient or unconfirmed address", releasedWithAddressImproper, 4)
        row("on an address the statutory gate finds insufficient", releasedWithAddressInsufficient, 6)
        for (code, count) in insufficientByReason.sorted(by: {
            $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key)
        }) {
            row(code, count, 8)
        }
        row("requester's address not confirmed on file", releasedWithAddressUnconfirmed, 6)
        for (profile, count) in releasedWithAddressByProfile.sorted(by: { $0.key < $1.key }) {
            row("address releases under profile \(profile)", count, 4)
        }
        return lines.joined(separator: "\n")
    }
}
