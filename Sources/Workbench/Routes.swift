import Diagnostics
import Foundation
import Hummingbird
import Planning

/// What a POST sends: the changes as `--set` takes them, in order, and the options.
struct ChangeSet: Decodable {
    struct Change: Decodable {
        var key: String
        var value: String
    }

    /// Absent: no change (the scenario as loaded).
    var changes: [Change]?
    var draws: Int?
    var lang: String?
    /// For saving: the variant's name and whether to replace an existing file.
    var name: String?
    var overwrite: Bool?
    /// For exporting: `html` or `xlsx`.
    var format: String?
}

/// An answer that is not a result: the message in the request's language, and for input
/// mistakes how many errors it lists.
struct Problem: Encodable {
    var error: String
    var errorCount: Int?
}

/// The context of one request: Hummingbird's own storage (route parameters, logger). Made
/// by the server from its connection, or in-process from any source with a logger.
public struct WorkbenchContext: RequestContext {
    public var coreContext: CoreRequestContextStorage

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }

    init(source: some RequestContextSource) {
        coreContext = .init(source: source)
    }
}

extension Workbench {
    /// The router: the page, the JSON API, and the guard in front of both.
    public func router() -> Router<WorkbenchContext> {
        let router = Router(context: WorkbenchContext.self)
        router.add(middleware: Guard(workbench: self))
        router.get("/") { _, _ in
            Response(
                status: .ok,
                headers: [
                    .contentType: "text/html; charset=utf-8",
                    .contentSecurityPolicy:
                        "default-src 'self'; style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline'; img-src 'self' data:",
                ],
                body: .init(byteBuffer: ByteBuffer(string: WorkbenchPage.html)))
        }
        router.get("/api/scenarios") { _, _ in
            try Self.json(self.entries.map { ["name": $0.name] })
        }
        router.get("/api/scenarios/:name/levers") { request, context in
            let language = Self.language(request.uri.queryParameters.get("lang"))
            let entry = try self.entry(context)
            return Self.answer(language) { try Planning.levers(entry.path) }
        }
        router.post("/api/scenarios/:name/run") { request, context in
            let entry = try self.entry(context)
            let body = try await Self.body(request)
            let language = Self.language(body.lang)
            return Self.answer(language) {
                let source = try self.source(entry, body.changes ?? [])
                if let draws = body.draws, !(0...1000).contains(draws) {
                    throw PlanningError(
                        .badInput,
                        error: BilingualText(
                            chinese: "抽样次数 \(draws) 超出范围（0…1000）",
                            english: "draws \(draws) out of range (0…1000)"))
                }
                return try Planning.whatIf(
                    WhatIfRequest(source: source, draws: body.draws, language: language))
            }
        }
        router.post("/api/scenarios/:name/variants") { request, context in
            let entry = try self.entry(context)
            let body = try await Self.body(request)
            let language = Self.language(body.lang)
            return Self.answer(language, success: .created) {
                let name = try Self.variantName(body.name)
                let source = try self.source(entry, body.changes ?? [])
                let file = entry.variantsFolder + "/" + name + ".yaml"
                let text = try Planning.saveVariant(
                    VariantRequest(
                        source: source, file: file, id: name, overwrite: body.overwrite ?? false))
                let base = String(entry.name.split(separator: ".")[0])
                return ["file": file, "name": base + "." + name, "text": text]
            }
        }
        router.post("/api/scenarios/:name/export") { request, context in
            let entry = try self.entry(context)
            let body = try await Self.body(request)
            let language = Self.language(body.lang)
            do {
                let name = try Self.variantName(body.name ?? "workbench")
                let exported = try Planning.exportReport(
                    ExportRequest(
                        source: try self.source(entry, body.changes ?? []), id: name,
                        format: body.format ?? "html", language: language, runID: "workbench",
                        build: self.build))
                let type =
                    exported.name.hasSuffix(".html")
                    ? "text/html; charset=utf-8"
                    : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                return Response(
                    status: .ok,
                    headers: [
                        .contentType: type,
                        .contentDisposition: "attachment; filename=\"\(exported.name)\"",
                    ],
                    body: .init(byteBuffer: ByteBuffer(bytes: exported.bytes)))
            } catch {
                return Self.failure(error, language)
            }
        }
        return router
    }

    /// The scenario named by the route, or 404.
    func entry(_ context: WorkbenchContext) throws -> Entry {
        let name = context.parameters.get("name") ?? ""
        guard let entry = entry(named: name) else {
            throw HTTPError(.notFound, message: "no scenario named '\(name)'")
        }
        return entry
    }

    /// The scenario with the changes as `--set` overrides; only its levers may be changed.
    func source(_ entry: Entry, _ changes: [ChangeSet.Change]) throws(PlanningError)
        -> ScenarioSource
    {
        let keys = try Planning.leverKeys(entry.path)
        for change in changes where !keys.contains(change.key) {
            throw PlanningError(
                .badInput,
                error: BilingualText(
                    chinese: "「\(change.key)」不是这个情景可在工作台中修改的取值",
                    english: "'\(change.key)' is not a value of this scenario the workbench can"
                        + " change"),
                in: "--set \(change.key)=\(change.value)")
        }
        for change in changes where change.value.contains(where: \.isNewline) {
            throw PlanningError(
                .badInput,
                error: BilingualText(
                    chinese: "取值不能换行", english: "a value cannot hold a line break"),
                in: "--set \(change.key)")
        }
        return ScenarioSource(
            path: entry.path, overrides: changes.map { "\($0.key)=\($0.value)" })
    }

    static func variantName(_ name: String?) throws(PlanningError) -> String {
        guard let name, VariantName.isValid(name) else {
            throw PlanningError(
                .badInput,
                error: BilingualText(
                    chinese: "变体名称「\(name ?? "")」无效：只能用小写字母、数字和连字符（如 more-nursing）",
                    english: "the variant name '\(name ?? "")' is invalid: use lower-case letters,"
                        + " digits and hyphens (e.g. more-nursing)"))
        }
        return name
    }

    static func language(_ code: String?) -> Language { code == "en" ? .en : .zh }

    /// Reads a POST body (at most 1 MiB) as a change set.
    static func body(_ request: Request) async throws -> ChangeSet {
        let buffer = try await request.body.collect(upTo: 1 << 20)
        do {
            return try JSONDecoder().decode(ChangeSet.self, from: Data(buffer: buffer))
        } catch {
            throw HTTPError(.badRequest, message: "the body is not a change set: \(error)")
        }
    }

    /// Calls Planning and answers its outcome as JSON, or its error as a message.
    static func answer<Value: Encodable>(
        _ language: Language, success: HTTPResponse.Status = .ok,
        _ body: () throws -> Value
    ) -> Response {
        do {
            return try json(body(), status: success)
        } catch {
            return failure(error, language)
        }
    }

    static func failure(_ error: any Error, _ language: Language) -> Response {
        let problem: Problem
        let status: HTTPResponse.Status
        if let error = error as? PlanningError {
            problem = Problem(error: error.message(in: language), errorCount: error.errorCount)
            status = error.kind == .badInput ? .badRequest : .internalServerError
        } else {
            problem = Problem(error: "\(error)")
            status = .internalServerError
        }
        return (try? json(problem, status: status)) ?? Response(status: .internalServerError)
    }

    static func json<Value: Encodable>(_ value: Value, status: HTTPResponse.Status = .ok) throws
        -> Response
    {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(value)
        return Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// A header's name (Hummingbird exports `HTTPFields`, whose elements are `HTTPField`s).
typealias FieldName = HTTPFields.Element.Name

/// The guard in front of every route: the token, the host, and cross-site POSTs.
struct Guard<Context: RequestContext>: RouterMiddleware {
    let workbench: Workbench

    /// The header a POST must carry; a page of another site cannot set it.
    static var requestedWith: FieldName { FieldName("X-Yanglao-Workbench")! }
    static var tokenHeader: FieldName { FieldName("X-Yanglao-Token")! }

    func handle(
        _ request: Request, context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        if let refusal = refusal(request) {
            return Response(
                status: refusal.status,
                headers: [.contentType: "text/plain; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: refusal.reason + "\n")))
        }
        var response = try await next(request, context)
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[FieldName("X-Frame-Options")!] = "DENY"
        response.headers[.cacheControl] = "no-store"
        return response
    }

    /// Why a request is refused, or nil.
    func refusal(_ request: Request) -> (status: HTTPResponse.Status, reason: String)? {
        if let token = workbench.token {
            let given =
                request.headers[Self.tokenHeader]
                ?? request.uri.queryParameters.get("token")
            guard let given, Self.same(given, token) else {
                return (.unauthorized, "a token is required (X-Yanglao-Token or ?token=)")
            }
        } else if let host = request.head.authority,
            !Workbench.isLoopback(Self.hostName(host))
        {
            // Bound to loopback: a page that reached it through another name (DNS
            // rebinding) is refused.
            return (.forbidden, "the workbench answers on the loopback address only")
        }
        if request.method != .get && request.method != .head {
            guard request.method == .post else {
                return (.methodNotAllowed, "only GET and POST are answered")
            }
            guard request.headers[Self.requestedWith] == "1" else {
                return (.forbidden, "a change needs the X-Yanglao-Workbench header")
            }
            if let origin = request.headers[FieldName("Origin")!] {
                let host = request.head.authority ?? ""
                guard origin == "http://" + host || origin == "https://" + host else {
                    return (.forbidden, "a change from another site (\(origin)) is refused")
                }
            }
        }
        return nil
    }

    /// The host name of a `Host` header, without the port.
    static func hostName(_ host: String) -> String {
        if host.hasPrefix("["), let end = host.firstIndex(of: "]") {
            return String(host[host.index(after: host.startIndex)..<end])
        }
        return String(host.split(separator: ":", maxSplits: 1).first ?? "")
    }

    /// Compares two texts in time that does not depend on where they differ.
    static func same(_ given: String, _ token: String) -> Bool {
        let a = Array(given.utf8)
        let b = Array(token.utf8)
        var difference = a.count ^ b.count
        for index in 0..<max(a.count, b.count) {
            difference |= Int((index < a.count ? a[index] : 0) ^ (index < b.count ? b[index] : 0))
        }
        return difference == 0
    }
}
