import Diagnostics
import Foundation
import Hummingbird
import Logging
import Planning
import Reports
import Testing

@testable import Workbench

/// The workbench's routes, called in-process through the router's responder (`RouterTest`).
@Suite struct WorkbenchRouteTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path
    static let anshan = repository + "/Scenarios/anshan"
    static let build = Planning.Build(version: "0.1.0", commit: nil)

    /// A scenario folder of its own (extending Anshan) so that saved variants land in a
    /// scratch folder, not in the repository.
    static func scratchScenario() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "workbench-test-\(UUID().uuidString)"
        ).path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let text = "id: anshan-copy\nextends: \"\(anshan)\"\n"
        try text.write(toFile: folder + "/scenario.yaml", atomically: true, encoding: .utf8)
        return folder
    }

    static func workbench(_ folders: [String], token: String? = nil) throws -> Workbench {
        try Workbench(folders: folders, host: "127.0.0.1", port: 0, token: token, build: build)
    }

    static let post: HTTPFields = [
        .contentType: "application/json", FieldName("X-Yanglao-Workbench")!: "1",
    ]

    static func body(_ changes: [(String, String)], extra: String = "") -> ByteBuffer {
        let list = changes.map { "{\"key\": \"\($0.0)\", \"value\": \"\($0.1)\"}" }
            .joined(separator: ", ")
        return ByteBuffer(string: "{\"changes\": [\(list)]\(extra)}")
    }

    static func json(_ response: TestResponse) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any] ?? [:]
    }

    /// The verdict of every target in a run folder's `targets.csv`, as the command line
    /// writes it (`yanglao run … --set …` goes through `Planning.run`).
    static func cliVerdicts(_ path: String, overrides: [String]) throws -> [String: String] {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent(
            "workbench-cli-\(UUID().uuidString)"
        ).path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let loaded = try Planning.load(ScenarioSource(path: path, overrides: overrides)).get()
        let outcome = try Planning.run(
            RunRequest(
                scenario: loaded, root: root, runID: "cli", overwrite: false, formats: [.csv],
                language: .english, overrides: overrides, draws: nil, build: build,
                started: Date(), loadMilliseconds: 0))
        let text = try String(contentsOfFile: outcome.folder + "/targets.csv", encoding: .utf8)
        var lines = text.split(whereSeparator: \.isNewline).map(Self.fields)
        let header = lines.removeFirst().map { $0.replacingOccurrences(of: "\u{FEFF}", with: "") }
        let id = try #require(header.firstIndex(of: "target"))
        let verdict = try #require(header.firstIndex(of: "verdict"))
        var verdicts: [String: String] = [:]
        for line in lines where line.count > max(id, verdict) { verdicts[line[id]] = line[verdict] }
        return verdicts
    }

    /// The fields of a CSV line (RFC 4180 quotes; no line breaks inside fields here).
    static func fields(_ line: Substring) -> [String] {
        var fields: [String] = []
        var field = ""
        var quoted = false
        var previous: Character?
        for character in line {
            if character == "\"" {
                if quoted, previous == "\"" { field.append("\"") }
                quoted.toggle()
            } else if character == ",", !quoted {
                fields.append(field)
                field = ""
            } else {
                field.append(character)
            }
            previous = character
        }
        fields.append(field)
        return fields
    }

    @Test func theScenarioListIsTheFolderAndItsFiveVariants() async throws {
        // Scenarios/anshan/variants holds accelerated, baseline, budget-cut, plan, uncertain.
        let app = RouterTest(router: try Self.workbench([Self.anshan]).router())
        try await app.test(.router) { client in
            try await client.execute(uri: "/api/scenarios", method: .get) { response in
                #expect(response.status == .ok)
                let list =
                    try JSONSerialization.jsonObject(with: Data(buffer: response.body))
                    as? [[String: String]]
                #expect(
                    list?.map { $0["name"] ?? "" } == [
                        "anshan", "anshan.accelerated", "anshan.baseline", "anshan.budget-cut",
                        "anshan.plan", "anshan.uncertain",
                    ])
            }
        }
    }

    @Test func anshansLeversHoldTheBudgetAndThePlanLinesOfItsScenarioFile() async throws {
        // Scenarios/anshan/scenario.yaml: welfare_lottery 2022: 3400 (万元); the seventh plan
        // line is convert_to_nursing, per_year 200, years 2021-2024.
        let app = RouterTest(router: try Self.workbench([Self.anshan]).router())
        try await app.test(.router) { client in
            try await client.execute(uri: "/api/scenarios/anshan/levers", method: .get) {
                response in
                #expect(response.status == .ok)
                let levers = try Self.json(response)["levers"] as? [[String: String]] ?? []
                func value(_ key: String) -> [String]? {
                    levers.first { $0["key"] == key }.map { [$0["value"]!, $0["unit"]!] }
                }
                #expect(value("investment.budget.welfare_lottery.values.2022") == ["3400", "万元"])
                #expect(
                    value("investment.actions.6.convert_to_nursing.per_year") == [
                        "200", "per_year",
                    ])
                #expect(
                    value("investment.actions.6.convert_to_nursing.years") == ["2021-2024", "year"])
                #expect(value("facilities.occupancy.community") == ["0.3", "share"])
            }
        }
    }

    @Test(arguments: [
        ["investment.actions.6.convert_to_nursing.per_year=3000"],
        [
            "investment.budget.welfare_lottery.values.2022=0",
            "investment.actions.1.build_stations.per_year=10",
        ],
    ])
    func aChangedLeverGivesTheVerdictsOfTheSameSetOnTheCommandLine(overrides: [String]) async throws
    {
        // The verdicts come from targets.csv of a run through Planning.run, the command line's
        // path, not from the workbench's own code.
        let expected = try Self.cliVerdicts(Self.anshan, overrides: overrides)
        #expect(!expected.isEmpty)
        let pairs = overrides.map {
            let parts = $0.split(separator: "=", maxSplits: 1).map(String.init)
            return (parts[0], parts[1])
        }
        let app = RouterTest(router: try Self.workbench([Self.anshan]).router())
        try await app.test(.router) { client in
            try await client.execute(
                uri: "/api/scenarios/anshan/run", method: .post, headers: Self.post,
                body: Self.body(pairs)
            ) { response in
                #expect(response.status == .ok)
                let answer = try Self.json(response)
                let targets = answer["targets"] as? [[String: Any]] ?? []
                var verdicts: [String: String] = [:]
                for target in targets {
                    verdicts[target["id"] as! String] = target["verdict"] as? String
                }
                #expect(verdicts == expected)
                let changes = answer["changes"] as? [[String: Any]] ?? []
                #expect(changes.map { $0["key"] as? String } == pairs.map(\.0))
            }
        }
    }

    @Test func moreNursingConversionsChangeTheNursingBedShareVerdict() async throws {
        // The plan converts 200 beds a year (scenario.yaml); the command line's run of
        // `--set investment.actions.6.convert_to_nursing.per_year=3000` gives another
        // verdict for the nursing-bed share target (Planning.run, targets.csv).
        let before = try Self.cliVerdicts(Self.anshan, overrides: [])
        let after = try Self.cliVerdicts(
            Self.anshan, overrides: ["investment.actions.6.convert_to_nursing.per_year=3000"])
        let nursing = before.keys.filter { $0.contains("nursing") }.sorted()
        #expect(!nursing.isEmpty)
        #expect(nursing.contains { before[$0] != after[$0] })
    }

    @Test func aBadValueIsTheCommandLinesLocatedMessageInEitherLanguage() async throws {
        // `yanglao run Scenarios/anshan --set investment.actions.6.convert_to_nursing.per_year=many`
        // prints a message located at the --set argument: "--set …: 错误" (Diagnostics).
        let expected = try #require(
            {
                if case .failure(let failure) = Planning.load(
                    ScenarioSource(
                        path: Self.anshan,
                        overrides: ["investment.actions.6.convert_to_nursing.per_year=many"]))
                {
                    return failure
                }
                return nil
            }())
        let app = RouterTest(router: try Self.workbench([Self.anshan]).router())
        try await app.test(.router) { client in
            for (lang, language) in [("zh", Language.zh), ("en", Language.en)] {
                try await client.execute(
                    uri: "/api/scenarios/anshan/run", method: .post, headers: Self.post,
                    body: Self.body(
                        [("investment.actions.6.convert_to_nursing.per_year", "many")],
                        extra: ", \"lang\": \"\(lang)\"")
                ) { response in
                    #expect(response.status == .badRequest)
                    let message = try Self.json(response)["error"] as? String
                    #expect(message == expected.description(in: language))
                    #expect(message?.contains(language == .zh ? "错误" : "error") == true)
                }
            }
        }
    }

    @Test(arguments: [
        ("/api/scenarios/..%2F..%2Fetc/levers", HTTPResponse.Status.notFound),
        ("/api/scenarios/../levers", .notFound),
        ("/api/scenarios/unknown/levers", .notFound),
        ("/api/scenarios/anshan/levers/../../../etc/passwd", .notFound),
    ])
    func pathsOutsideTheConfiguredScenariosAreNotFound(uri: String, status: HTTPResponse.Status)
        async throws
    {
        // Only the names listed by /api/scenarios exist; nothing else is a scenario.
        let app = RouterTest(router: try Self.workbench([Self.anshan]).router())
        try await app.test(.router) { client in
            try await client.execute(uri: uri, method: .get) { response in
                #expect(response.status == status)
            }
        }
    }

    @Test func aKeyThatIsNotALeverIsRefusedAndNoFileIsRead() async throws {
        // demography.population names a file: a request could make the loader read any file,
        // so only the levers' keys are taken.
        let app = RouterTest(router: try Self.workbench([Self.anshan]).router())
        try await app.test(.router) { client in
            try await client.execute(
                uri: "/api/scenarios/anshan/run", method: .post, headers: Self.post,
                body: Self.body([("demography.population", "/etc/passwd")])
            ) { response in
                #expect(response.status == .badRequest)
                let message = try Self.json(response)["error"] as? String ?? ""
                #expect(message.contains("demography.population"))
                #expect(!message.contains("root:"))
            }
        }
    }

    @Test(arguments: ["not json", "{\"changes\": 3}", "{\"changes\": [{\"key\": 1}]}"])
    func aMalformedBodyIsABadRequest(body: String) async throws {
        let app = RouterTest(router: try Self.workbench([Self.anshan]).router())
        try await app.test(.router) { client in
            try await client.execute(
                uri: "/api/scenarios/anshan/run", method: .post, headers: Self.post,
                body: ByteBuffer(string: body)
            ) { response in #expect(response.status == .badRequest) }
        }
    }

    @Test func postsWithoutTheHeaderOrFromAnotherSiteAreRefused() async throws {
        let app = RouterTest(router: try Self.workbench([Self.anshan]).router())
        try await app.test(.router) { client in
            // A form of another site can post JSON-looking text but cannot add the header.
            try await client.execute(
                uri: "/api/scenarios/anshan/run", method: .post,
                headers: [.contentType: "text/plain"], body: Self.body([])
            ) { response in #expect(response.status == .forbidden) }
            var foreign = Self.post
            foreign[FieldName("Origin")!] = "http://evil.example"
            try await client.execute(
                uri: "/api/scenarios/anshan/run", method: .post, headers: foreign,
                body: Self.body([])
            ) { response in #expect(response.status == .forbidden) }
            try await client.execute(uri: "/api/scenarios", method: .delete) { response in
                #expect(response.status == .methodNotAllowed)
            }
        }
    }

    @Test(arguments: [
        ("127.0.0.1:8080", true), ("localhost:8080", true), ("[::1]:8080", true),
        ("evil.example:8080", false), ("192.168.1.5", false),
    ])
    func onLoopbackOnlyLoopbackHostNamesAreAnswered(host: String, answered: Bool) {
        // A page that reaches the loopback server through another name (DNS rebinding) sends
        // that name as Host; the guard answers only the loopback names.
        #expect(Workbench.isLoopback(Guard<BasicRequestContext>.hostName(host)) == answered)
    }

    @Test func withATokenEveryRequestMustCarryIt() async throws {
        let token = "0123456789abcdef-token"
        let app = RouterTest(router: try Self.workbench([Self.anshan], token: token).router())
        try await app.test(.router) { client in
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.status == .unauthorized)
            }
            try await client.execute(
                uri: "/api/scenarios", method: .get,
                headers: [Guard<BasicRequestContext>.tokenHeader: "wrong"]
            ) { response in #expect(response.status == .unauthorized) }
            try await client.execute(uri: "/?token=\(token)", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("养老规划工作台"))
            }
            try await client.execute(
                uri: "/api/scenarios", method: .get,
                headers: [Guard<BasicRequestContext>.tokenHeader: token]
            ) { response in #expect(response.status == .ok) }
        }
    }

    @Test func anotherHostThanLoopbackNeedsAToken() throws {
        #expect(throws: Workbench.StartError.self) {
            try Workbench(
                folders: [Self.anshan], host: "0.0.0.0", port: 8080, token: nil, build: Self.build)
        }
        #expect(throws: Never.self) {
            try Workbench(
                folders: [Self.anshan], host: "0.0.0.0", port: 8080,
                token: "a-long-enough-secret", build: Self.build)
        }
    }

    @Test func aSavedVariantRunsToTheSameVerdictsAndIsNotOverwrittenUnasked() async throws {
        let folder = try Self.scratchScenario()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let name = (folder as NSString).lastPathComponent
        let overrides = [("investment.actions.6.convert_to_nursing.per_year", "3000")]
        // The verdicts of the command line's run of the same --set on the scenario.
        let expected = try Self.cliVerdicts(
            folder, overrides: overrides.map { "\($0.0)=\($0.1)" })
        let app = RouterTest(router: try Self.workbench([folder]).router())
        let file = folder + "/variants/more-nursing.yaml"
        try await app.test(.router) { client in
            try await client.execute(
                uri: "/api/scenarios/\(name)/variants", method: .post, headers: Self.post,
                body: Self.body(overrides, extra: ", \"name\": \"more-nursing\"")
            ) { response in #expect(response.status == .created) }
            let saved = try String(contentsOfFile: file, encoding: .utf8)
            // The variant sits in variants/ beside scenario.yaml and holds the plan's list
            // (replaced whole by a merge), not the budget, which did not change.
            #expect(saved.contains("\nextends: ../scenario.yaml\n"))
            #expect(saved.contains("\n  actions:\n"))
            #expect(!saved.contains("\n  budget:"))
            #expect(try Self.cliVerdicts(file, overrides: []) == expected)
            // Saving again without overwrite is refused and leaves the file as it was.
            try await client.execute(
                uri: "/api/scenarios/\(name)/variants", method: .post, headers: Self.post,
                body: Self.body([], extra: ", \"name\": \"more-nursing\"")
            ) { response in #expect(response.status == .badRequest) }
            #expect(try String(contentsOfFile: file, encoding: .utf8) == saved)
            // A name that is a path is refused.
            try await client.execute(
                uri: "/api/scenarios/\(name)/variants", method: .post, headers: Self.post,
                body: Self.body([], extra: ", \"name\": \"../../escape\"")
            ) { response in #expect(response.status == .badRequest) }
            #expect(!FileManager.default.fileExists(atPath: folder + "/../escape.yaml"))
        }
    }

    @Test func theExportedReportIsTheSavedVariantsRunByteForByte() async throws {
        let folder = try Self.scratchScenario()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let name = (folder as NSString).lastPathComponent
        let overrides = [("investment.budget.central_budget.values.2022", "2500")]
        let app = RouterTest(router: try Self.workbench([folder]).router())
        try await app.test(.router) { client in
            try await client.execute(
                uri: "/api/scenarios/\(name)/variants", method: .post, headers: Self.post,
                body: Self.body(overrides, extra: ", \"name\": \"export-check\"")
            ) { response in #expect(response.status == .created) }
            for format in ["html", "xlsx"] {
                // `yanglao run variants/export-check.yaml --run-id workbench --format FORMAT`
                let root = folder + "/runs-\(format)"
                let loaded = try Planning.load(
                    ScenarioSource(path: folder + "/variants/export-check.yaml")
                ).get()
                let outcome = try Planning.run(
                    RunRequest(
                        scenario: loaded, root: root, runID: "workbench", overwrite: false,
                        formats: [format == "html" ? .html : .xlsx], language: .chinese,
                        overrides: [], draws: nil, build: Self.build, started: Date(),
                        loadMilliseconds: 0))
                let expected = try #require(
                    FileManager.default.contents(atPath: outcome.folder + "/report-2025.\(format)"))
                try await client.execute(
                    uri: "/api/scenarios/\(name)/export", method: .post, headers: Self.post,
                    body: Self.body(
                        overrides, extra: ", \"name\": \"export-check\", \"format\": \"\(format)\"")
                ) { response in
                    #expect(response.status == .ok)
                    #expect(Data(buffer: response.body) == expected)
                }
            }
        }
    }
}

/// The router called in-process, without a server: each request goes through the router's
/// responder, as the server would hand it over, and the whole response body is collected.
struct RouterTest {
    enum Mode { case router }

    let responder: any HTTPResponder<WorkbenchContext>

    init(router: Router<WorkbenchContext>) { responder = router.buildResponder() }

    func test(_ mode: Mode, _ body: (Client) async throws -> Void) async throws {
        try await body(Client(responder: responder))
    }

    /// A request's source: only a logger (Hummingbird's context needs one).
    struct Source: RequestContextSource {
        let logger = Logger(label: "workbench-test")
    }

    struct Client {
        let responder: any HTTPResponder<WorkbenchContext>

        func execute(
            uri: String, method: HTTPRequest.Method, headers: HTTPFields = [:],
            body: ByteBuffer? = nil, _ check: (TestResponse) async throws -> Void
        ) async throws {
            var headers = headers
            if let body { headers[.contentLength] = String(body.readableBytes) }
            let request = Request(
                head: HTTPRequest(
                    method: method, scheme: "http", authority: "localhost", path: uri,
                    headerFields: headers),
                body: RequestBody(buffer: body ?? ByteBuffer()))
            let response: Response
            do {
                response = try await responder.respond(
                    to: request, context: WorkbenchContext(source: Source()))
            } catch {
                // The router answers HTTP errors itself; anything else is the server's 500.
                response = Response(status: .internalServerError)
            }
            let collected = Collected()
            try await response.body.write(collected)
            try await check(
                TestResponse(
                    status: response.status, headers: response.headers, body: collected.buffer))
        }
    }

    /// The body as written, in one buffer.
    final class Collected: ResponseBodyWriter, @unchecked Sendable {
        var buffer = ByteBuffer()
        func write(_ part: ByteBuffer) async throws { buffer.writeImmutableBuffer(part) }
        func finish(_ trailingHeaders: HTTPFields?) async throws {}
    }
}

/// A response as the test sees it.
struct TestResponse {
    let status: HTTPResponse.Status
    let headers: HTTPFields
    let body: ByteBuffer
}
