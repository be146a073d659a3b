import CSV
import Diagnostics
import Facilities
import Geography
import Simulation
import Uncertainty

/// Texts and tables read by a load, by file name, to decode the scenario again without the
/// disk.
struct ReadCache: Sendable {
    var texts: [String: DecodedText] = [:]
    var tables: [String: CSVTable] = [:]
    /// Facility inventories decoded, by file, base year, lead times and tree size.
    /// Region trees built, by file.
    var regionTrees: [String: RegionTree] = [:]
    var inventories: [String: (inventory: FacilityInventory, lines: [Int])] = [:]
    /// Where the `extends` chain narrowed the planning region, found while loading it; kept
    /// here so that every decoding of the merged tree applies the same rule.
    var narrowing: Narrowing?
}

/// A scenario that extends a larger one and plans for a unit of it (a county of a city):
/// the base's region and the money it gave, so that the narrowed scenario does not inherit
/// the larger region's budget silently.
struct Narrowing: Sendable {
    /// The planning region of the scenario extended.
    var base: String
    /// Where the narrowing scenario names its region.
    var location: SourceLocation
    /// The base's `investment.budget` and `investment.welfare_lottery_total`, as it gave them.
    var budget: YAMLNode?
    var lotteryTotal: YAMLNode?
    /// The base's `facilities.staffing.trained_per_year` (caregivers trained a year in the
    /// whole base region).
    var trainedPerYear: YAMLNode?
}

/// A scenario loaded once and kept ready to be decoded again with some of its numbers
/// changed — the replicates of a Monte Carlo run, the lever values of a required-effort
/// search, the points of a sensitivity design.
///
/// The files are read and parsed once; each variation writes its numbers into the merged
/// scenario tree (after `extends:` and `--set`) exactly as ``ScenarioNumbers`` describes and
/// decodes the tree again from the kept texts and tables, with every check of a normal load.
/// A template is immutable and may be used from several threads at once.
public struct ScenarioTemplate: Sendable {
    /// The scenario as loaded, unchanged.
    public let loaded: LoadedScenario
    /// The merged tree before decoding, without its `uncertainty:` section.
    let tree: YAMLNode
    let cache: ReadCache

    /// A change to make: a number (or series) of the scenario and the value to write.
    public struct Change: Sendable {
        public var keyPath: [String]
        public var application: UncertainInput.Application
        public var value: Double

        public init(keyPath: [String], application: UncertainInput.Application, value: Double) {
            self.keyPath = keyPath
            self.application = application
            self.value = value
        }

        /// The changes that end the scenario's run at `lastYear` (and its report year no
        /// later), none when it already ends there.
        public static func endingRun(of scenario: Scenario, at lastYear: Int) -> [Change] {
            guard lastYear < scenario.horizon else { return [] }
            var changes = [
                Change(keyPath: ["horizon"], application: .replace, value: Double(lastYear))
            ]
            if scenario.reportYear > lastYear {
                changes.append(
                    Change(keyPath: ["report_year"], application: .replace, value: Double(lastYear))
                )
            }
            return changes
        }
    }

    /// The scenario with the changes made, checked as a load checks it.
    /// - Returns: the scenario, or every problem the changed values cause (a drawn occupancy
    ///   above 1, say), located at the changed numbers.
    public func scenario(with changes: [Change]) -> Result<Scenario, ScenarioLoadError> {
        var tree = self.tree
        var session = Session()
        session.cache = cache
        session.sources = loaded.sources
        for change in changes {
            if let reason = ScenarioNumbers.apply(
                change.value, change.application, at: change.keyPath, in: &tree)
            {
                session.log.error(
                    .invalidValue(field: change.keyPath.joined(separator: "."), reason: reason),
                    at: SourceLocation(file: loaded.file, line: 1, column: 1))
                return .failure(session.failure())
            }
        }
        var decoder = ScenarioDecoder(file: loaded.file, tree: tree)
        decoder.readsBoundaries = false
        // `demography:` decodes from its section, the regions and the base year alone.
        if changes.allSatisfy({
            !["demography", "regions", "base_year"].contains($0.keyPath.first ?? "")
        }) {
            decoder.reusedDemography = loaded.scenario.demography
        }
        guard let scenario = decoder.decode(session: &session), !session.log.hasErrors else {
            return .failure(session.failure())
        }
        return .success(scenario)
    }

    /// The value a key path names in the scenario as loaded (the first year's value of a
    /// series), in the unit it is written in; nil when it names no number.
    public func number(at keyPath: [String]) -> Double? {
        guard case .success(let node) = ScenarioNumbers.node(at: keyPath, in: tree) else {
            return nil
        }
        return ScenarioNumbers.values(of: node)?.first
    }

    /// Every value a key path names (one for a number, one per year for a series), in the
    /// unit written, with whether the number is written whole.
    public func numbers(at keyPath: [String]) -> (values: [Double], whole: Bool)? {
        guard case .success(let node) = ScenarioNumbers.node(at: keyPath, in: tree),
            let values = ScenarioNumbers.values(of: node)
        else { return nil }
        return (values, ScenarioNumbers.isWhole(node))
    }
}

extension ScenarioTemplate {
    /// What a key path names, as a lever to vary: a whole count, a value, or series of years
    /// (a series, or every series of a mapping such as `investment.budget`, scaled together).
    public enum Lever: Sendable, Equatable {
        case count
        case value
        case series([[String]])
    }

    /// Why a key path is not a lever.
    public enum NotALever: Error, Sendable, CustomStringConvertible {
        case missing
        case notANumber

        public var description: String {
            switch self {
            case .missing: "the scenario has no such value"
            case .notANumber: "not a number, a series of years or a mapping of series"
            }
        }
    }

    /// What the value at `path` is, as a lever.
    public func lever(at path: [String]) -> Result<Lever, NotALever> {
        guard case .success(let node) = ScenarioNumbers.node(at: path, in: tree) else {
            return .failure(.missing)
        }
        switch ScenarioNumbers.slot(at: path, in: tree) {
        case .success(.number):
            return .success(ScenarioNumbers.isWhole(node) ? .count : .value)
        case .success(.series):
            return .success(.series([path]))
        case .failure:
            let children = (node.entries ?? []).map { path + [$0.key] }.filter {
                if case .success(.series) = ScenarioNumbers.slot(at: $0, in: tree) { return true }
                return false
            }
            return children.isEmpty ? .failure(.notANumber) : .success(.series(children))
        }
    }
}

extension ScenarioLoader {
    /// Loads a scenario as ``load(_:)`` does and keeps it ready for variations.
    public func loadTemplate(_ path: String) -> Result<ScenarioTemplate, ScenarioLoadError> {
        let resolved: (loaded: LoadedScenario, tree: YAMLNode, session: Session)
        switch resolve(path, keepsReads: true) {
        case .success(let value): resolved = value
        case .failure(let error): return .failure(error)
        }
        var tree = resolved.tree
        if case .mapping(var entries) = tree.content {
            entries.removeAll { $0.key == "uncertainty" }
            tree.content = .mapping(entries)
        }
        return .success(
            ScenarioTemplate(loaded: resolved.loaded, tree: tree, cache: resolved.session.cache))
    }
}
