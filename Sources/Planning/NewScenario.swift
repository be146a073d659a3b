import Diagnostics
import Foundation
import Geography
import Provenance
import ScenarioFiles
import Simulation

/// A scenario folder for any place of the shipped scenarios (新建情景, `yanglao init`).
public struct NewScenarioRequest: Sendable {
    /// The place's statistical division code (2, 4, 6, 9 or 12 digits).
    public var region: String
    /// The folder to make; it must not exist.
    public var out: String
    /// The folder of shipped scenarios (`Scenarios`): each folder in it with a
    /// `scenario.yaml` is one the place may be taken from.
    public var from: String

    public init(region: String, out: String, from: String) {
        self.region = region
        self.out = out
        self.from = from
    }
}

/// The folder made.
public struct NewScenario: Sendable {
    public var folder: String
    public var id: String
    public var placeName: String
    public var placeCode: String
    /// The shipped scenario it was taken from.
    public var base: String
    public var files: [String]
}

extension Planning {
    /// Makes a scenario folder for a place: from the shipped scenario whose region is the
    /// smallest that holds the place (Anshan's counties from Anshan, not from Liaoning),
    /// narrowed by ``ScenarioStarter``. The folder is written all at once and then loaded as
    /// `yanglao validate` loads it; nothing is left behind if either fails.
    public static func newScenario(_ request: NewScenarioRequest) throws(PlanningError)
        -> NewScenario
    {
        guard let code = try? DivisionCode(parsing: request.region) else {
            throw PlanningError(
                .badInput,
                error: BilingualText(
                    chinese: "--region '\(request.region)' 不是统计用区划代码（2、4、6、9 或 12 位数字）",
                    english: "--region '\(request.region)' is not a statistical division code "
                        + "(2, 4, 6, 9 or 12 digits)"))
        }
        if FileManager.default.fileExists(atPath: request.out) {
            throw PlanningError(
                .badInput,
                error: BilingualText(
                    chinese: "\(request.out) 已存在；请换一个 --out，已有的目录不会被覆盖",
                    english:
                        "\(request.out) exists; choose another --out (a folder is never replaced)"))
        }
        let shipped = ((try? FileManager.default.contentsOfDirectory(atPath: request.from)) ?? [])
            .sorted().map { request.from + "/" + $0 }
            .filter { FileManager.default.fileExists(atPath: $0 + "/scenario.yaml") }
        guard !shipped.isEmpty else {
            throw PlanningError(
                .badInput,
                error: BilingualText(
                    chinese: "\(request.from) 下没有情景（含 scenario.yaml 的目录）；请用 --from 指定随附情景的目录",
                    english: "\(request.from) holds no scenario (a folder with scenario.yaml); "
                        + "name the folder of shipped scenarios with --from"))
        }
        // The shipped scenarios whose region holds the place, the smallest region first; the
        // first whose region table has the place is loaded.
        let candidates = shipped.compactMap { folder in
            ScenarioStarter.planningRegion(of: folder).map { (folder: folder, region: $0) }
        }.filter { code.isWithin($0.region) }
            .sorted { $0.region.level.rawValue > $1.region.level.rawValue }
        var found: (folder: String, loaded: LoadedScenario)?
        for candidate in candidates {
            guard case .success(let loaded) = load(ScenarioSource(path: candidate.folder)),
                loaded.scenario.regions.index(of: code) != nil
            else { continue }
            found = (candidate.folder, loaded)
            break
        }
        guard let base = found else {
            let regions = shipped.joined(separator: ", ")
            throw PlanningError(
                .badInput,
                error: BilingualText(
                    chinese: "区划代码 \(code) 不在随附情景的区划表中（\(regions)）",
                    english: "the division code \(code) is in none of the shipped scenarios' "
                        + "region tables (\(regions))"))
        }
        let id = newScenarioID(folder: request.out, code: code)
        let files: [(name: String, bytes: [UInt8])]
        switch ScenarioStarter.files(
            place: code, id: id, base: base.loaded, baseName: base.folder)
        {
        case .success(let made): files = made
        case .failure(.notInScenario):
            throw PlanningError(.failed, error: "\(code) is not in \(base.folder)")
        case .failure(.unreadable(let path, let reason)):
            throw PlanningError(.failed, error: reason, in: path)
        }
        do {
            try RunFolder(path: request.out).write(files, overwrite: false)
        } catch {
            throw .writing(error)
        }
        if case .failure(let failure) = load(ScenarioSource(path: request.out)) {
            try? FileManager.default.removeItem(atPath: request.out)
            throw PlanningError(.failed, failure.texts, errorCount: failure.diagnostics.errorCount)
        }
        let place = base.loaded.scenario.regions[code]
        return NewScenario(
            folder: request.out, id: id, placeName: place?.name ?? code.description,
            placeCode: code.description, base: base.folder, files: files.map(\.name))
    }

    /// The new scenario's id: the folder's name when it is kebab-case, else `region-CODE`.
    static func newScenarioID(folder: String, code: DivisionCode) -> String {
        let name = URL(fileURLWithPath: folder).lastPathComponent
        return Scenario.isValidIdentifier(name) ? name : "region-\(code)"
    }
}
