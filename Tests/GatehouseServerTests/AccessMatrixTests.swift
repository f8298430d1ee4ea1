import Foundation
import GatehouseCore
import GatehouseStore
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import GatehouseServer

/// How to make a successful call of one route, and what it answers.
struct RouteCase: Sendable {
    enum Object: Sendable {
        /// The call will be refused before its handler: any well-formed id will do.
        case placeholder
        /// The caller's own object (a requester's agreement's; any for other roles).
        case own
        /// Another agreement's object.
        case other
    }

    struct Call: Sendable {
        var uri: String
        var body: String?
        var contentType: String?
    }

    var success: HTTPResponse.Status
    var call: @Sendable (ServerFixture, Object) async throws -> Call

    init(_ success: HTTPResponse.Status, _ call: @escaping @Sendable (ServerFixture, Object) async throws -> Call) {
        self.success = success
        self.call = call
    }

    static func plain(_ success: HTTPResponse.Status, _ uri: String, body: String? = nil, type: String? = nil) -> RouteCase {
        RouteCase(success) { _, _ in Call(uri: uri, body: body, contentType: type) }
    }
}

/// One case per route of the API. A route missing here fails the matrix test.
enum RouteCases {
    static let json = "application/json"
    static let yaml = "application/yaml"

    static let all: [String: RouteCase] = [
        "GET /healthz": .plain(.ok, "/healthz"),
        "GET /readyz": .plain(.ok, "/readyz"),
        "GET /openapi.yaml": .plain(.ok, "/openapi.yaml"),
        "GET /metrics": .plain(.ok, "/metrics"),
        "GET /v1/log/checkpoint": .plain(.ok, "/v1/log/checkpoint"),
        "GET /v1/log/tile/{path}": .plain(.ok, "/v1/log/tile/entries/000.p/1"),
        "GET /v1/log/key": .plain(.ok, "/v1/log/key"),
        "POST /v1/batches": .plain(.created, "/v1/batches", body: ServerFixture.manifestYAML(), type: yaml),
        "GET /v1/batches": .plain(.ok, "/v1/batches"),
        "GET /v1/batches/{id}": RouteCase(.ok) { f, object in
            .init(uri: "/v1/batches/\(try await batch(f, object, .awaitingApproval))")
        },
        "PUT /v1/batches/{id}/requests": RouteCase(.accepted) { f, object in
            let id = object == .placeholder ? "B000000000000" : try f.makeUpload(agreement: object == .other ? "agr-b" : "agr-a")
            return .init(
                uri: "/v1/batches/\(id)/requests",
                body: ServerFixture.batchCSV + "Q\(UUID().uuidString.prefix(6)),,Ann,,Other,,3 Way,,Boise,ID,83702,C\n",
                contentType: "text/csv")
        },
        "GET /v1/batches/{id}/responses": RouteCase(.ok) { f, object in
            .init(uri: "/v1/batches/\(try await batch(f, object, .released))/responses")
        },
        "POST /v1/batches/{id}/approvals": RouteCase(.ok) { f, object in
            .init(uri: "/v1/batches/\(try await batch(f, object, .awaitingApproval))/approvals")
        },
        "POST /v1/batches/{id}/release": RouteCase(.ok) { f, object in
            .init(uri: "/v1/batches/\(try await batch(f, object, .approved))/release")
        },
        "POST /v1/verifications": .plain(
            .ok, "/v1/verifications",
            body: #"{"request_id":"V1","given_name":"Elenora","surname":"Vargassian","address_line1":"5 Pinecrest Rd","city":"Phoenix","state":"AZ","postcode":"85001","case_reference":"C-1"}"#,
            type: json),
        "POST /v1/agreements": RouteCase(.created) { f, _ in .init(uri: "/v1/agreements", body: f.newAgreementYAML(), contentType: yaml) },
        "GET /v1/agreements": .plain(.ok, "/v1/agreements"),
        "GET /v1/agreements/{id}": RouteCase(.ok) { _, object in
            .init(uri: "/v1/agreements/\(object == .other ? "agr-b" : "agr-a")")
        },
        "POST /v1/agreements/{id}/suspend": RouteCase(.ok) { f, object in
            .init(uri: "/v1/agreements/\(object == .placeholder ? "agr-x" : try f.makeAgreement())/suspend")
        },
        "POST /v1/agreements/{id}/resume": RouteCase(.ok) { f, object in
            .init(uri: "/v1/agreements/\(object == .placeholder ? "agr-x" : try f.makeAgreement(status: .suspended))/resume")
        },
        "POST /v1/orders": RouteCase(.created) { f, _ in .init(uri: "/v1/orders", body: f.orderYAML(), contentType: yaml) },
        "GET /v1/orders": .plain(.ok, "/v1/orders"),
        "GET /v1/orders/{id}": RouteCase(.ok) { f, object in
            .init(uri: "/v1/orders/\(object == .placeholder ? "order-x" : try f.makeOrder())")
        },
        "POST /v1/orders/{id}/lift": RouteCase(.ok) { f, object in
            .init(uri: "/v1/orders/\(object == .placeholder ? "order-x" : try f.makeOrder())/lift")
        },
        "POST /v1/reviews": .plain(.created, "/v1/reviews", body: "{}", type: json),
        "GET /v1/reviews/{id}": RouteCase(.ok) { f, object in
            .init(uri: "/v1/reviews/\(object == .placeholder ? "RV0" : try await f.makeReview())")
        },
        "POST /v1/reviews/{id}/notices": RouteCase(.created) { f, object in
            .init(uri: "/v1/reviews/\(object == .placeholder ? "RV0" : try await f.makeReview())/notices")
        },
        "GET /v1/notices": .plain(.ok, "/v1/notices"),
        "POST /v1/notices/{id}/certification": RouteCase(.ok) { f, object in
            .init(
                uri: "/v1/notices/\(object == .placeholder ? "N0" : try await f.makeNotice())/certification",
                body: #"{"certified_by":"Records Officer B","certified_on":"2026-06-20"}"#, contentType: json)
        },
        "GET /v1/probes": .plain(.ok, "/v1/probes"),
        "POST /v1/accounting": .plain(.ok, "/v1/accounting", body: #"{"record_id":"R1"}"#, type: json),
        "GET /v1/reports/declaration/{id}": .plain(.ok, "/v1/reports/declaration/agr-a"),
        "GET /v1/reports/incident/{id}": RouteCase(.ok) { f, object in
            .init(uri: "/v1/reports/incident/\(object == .placeholder ? "RV0" : try await f.makeReview())")
        },
        "GET /v1/ledger/entries": .plain(.ok, "/v1/ledger/entries?from=0&count=5"),
        "GET /v1/ledger/entries/{seq}": .plain(.ok, "/v1/ledger/entries/0"),
        "GET /v1/keys": .plain(.ok, "/v1/keys"),
        "POST /v1/keys": .plain(.created, "/v1/keys", body: #"{"role":"auditor","name":"new auditor"}"#, type: json),
        "POST /v1/keys/{id}/revoke": RouteCase(.ok) { f, object in
            .init(uri: "/v1/keys/\(object == .placeholder ? "K0" : try f.makeKey())/revoke")
        },
    ]

    static func batch(_ f: ServerFixture, _ object: RouteCase.Object, _ target: BatchLifecycle.State) async throws
        -> String
    {
        switch object {
        case .placeholder: "B000000000000"
        case .own: try await f.makeBatch(agreement: "agr-a", target: target)
        case .other: try await f.makeBatch(agreement: "agr-b", target: target)
        }
    }
}

@Suite(.serialized) struct AccessMatrixTests {
    /// Every route × every caller (no key, each role) × own/other object: 401 without a key, 403
    /// for a role the route's rule does not name, 404 for another agreement's object, the
    /// route's success otherwise — and every authenticated call is an access event.
    @Test func everyRoleRouteAndObjectCell() async throws {
        let f = try ServerFixture()
        let endpoints = Endpoints.all(f.state)
        #expect(Set(RouteCases.all.keys) == Set(endpoints.map(\.route)), "every route needs a case")
        let callers: [(String?, APIKey.Role?)] = [
            (nil, nil), ("requester", .requester), ("officer", .officer), ("auditor", .auditor), ("admin", .admin),
        ]
        let cells = try await f.run { client in
            var cells = 0
            for endpoint in endpoints {
                let routeCase = try #require(RouteCases.all[endpoint.route])
                for (who, role) in callers {
                    let objects: [RouteCase.Object] =
                        endpoint.path.contains("{") && endpoint.rule.ownership == .ownAgreement && role == .requester
                        ? [.own, .other] : [.own]
                    for object in objects {
                        let expected: HTTPResponse.Status
                        var build = object
                        if endpoint.rule.isPublic {
                            expected = routeCase.success
                        } else if role == nil {
                            expected = .unauthorized
                            build = .placeholder
                        } else if !endpoint.rule.roles.contains(role!) {
                            expected = .forbidden
                            build = .placeholder
                        } else if object == .other {
                            expected = .notFound
                        } else {
                            expected = routeCase.success
                        }
                        let call = try await routeCase.call(f, build)
                        var headers = f.headers(who)
                        if let type = call.contentType { headers[.contentType] = type }
                        let before = try f.accessEvents().count
                        let response = try await client.call(endpoint.method, call.uri, headers: headers, body: call.body)
                        #expect(
                            response.status == expected,
                            "\(endpoint.route) as \(who ?? "nobody") (\(object)): \(response.status.code), expected \(expected.code): \(response.text.prefix(300))"
                        )
                        if response.status.code >= 400 {
                            #expect(response.headers[.contentType] == "application/problem+json", "\(endpoint.route)")
                        }
                        let events = try f.accessEvents()
                        if who != nil, !endpoint.rule.isPublic, let last = events.last {
                            #expect(events.count == before + 1, "\(endpoint.route) as \(who!): one access event")
                            #expect(last.route == endpoint.route)
                            #expect(last.keyID == f.keyIDs[who!])
                            #expect(last.status == UInt64(response.status.code))
                            #expect(last.verdict == (expected.code < 400 ? .allowed : .denied), "\(endpoint.route) as \(who!)")
                        } else {
                            #expect(events.count == before, "\(endpoint.route) as \(who ?? "nobody"): no access event")
                        }
                        cells += 1
                    }
                }
            }
            return cells
        }
        print("role × route × object matrix: \(cells) cells over \(endpoints.count) routes")
        #expect(cells >= endpoints.count * 5)
    }
}
