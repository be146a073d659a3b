import CSV
import Demography
import Diagnostics
import ScenarioFiles

/// Build a period life table (生命表) from deaths and exposures or from death rates.
public struct LifeTableRequest: Sendable {
    /// `age,deaths,exposure[,ax]` or `age,mx[,ax]`.
    public var input: String
    /// The ax rule; nil: given when the table has ax, else mid.
    public var ax: AxRule?
    /// The sex, `female` or `male`, for the un and pas rules.
    public var sex: String?
    /// The radix l at the first age.
    public var radix: Double
    /// The infant mortality rate ₁q₀ for the pas rule (LTPOPDTH's IMR), if known: it sets
    /// ₁a₀, ₄a₁ and the table's ₁q₀.
    public var infantMortality: Double?
    /// The Coale–Demeny region of the pas rule: west (default), north, east or south.
    public var region: String?
    /// Where to write the life table.
    public var out: String

    public init(
        input: String, ax: AxRule? = nil, sex: String? = nil, radix: Double = 100_000,
        infantMortality: Double? = nil, region: String? = nil, out: String
    ) {
        self.input = input
        self.ax = ax
        self.sex = sex
        self.radix = radix
        self.infantMortality = infantMortality
        self.region = region
        self.out = out
    }

    /// Whether a label names a sex: female or male (F/M, 女/男).
    public static func isSex(_ label: String) -> Bool { Sex(label: label) != nil }

    /// The Coale–Demeny regions the pas rule knows.
    public static let regions = CoaleDemenyRegion.allCases.map(\.rawValue)
}

/// A life table's columns, one value per age band.
public struct LifeTableOutcome: Sendable {
    /// The bands' lower bounds; the last band is open.
    public var ages: [Int]
    /// The bands' widths; nil for the open band.
    public var widths: [Int?]
    public var mx: [Double]
    public var qx: [Double]
    public var ax: [Double]
    public var lx: [Double]
    public var dx: [Double]
    public var Lx: [Double]
    public var Tx: [Double]
    public var ex: [Double]
    /// The file written.
    public var file: String

    /// Life expectancy at the first age.
    public var lifeExpectancy: Double { ex[0] }
}

extension Planning {
    /// Builds the life table and writes it (`age,n,mx,qx,ax,lx,dx,Lx,Tx,ex`).
    /// - Parameter warnings: receives the problems of the table that are not errors.
    /// - Throws: bad input (the table's problems, located, including a table that cannot be
    ///   built) or a failure to write.
    public static func lifeTable(
        _ request: LifeTableRequest, warnings: (InputReport) -> Void = { _ in }
    ) throws(PlanningError) -> LifeTableOutcome {
        var inputs = InputTables()
        var read: LifeTableInput?
        if let table = inputs.table(request.input) {
            read = DemographyTables.lifeTable(table, log: &inputs.log)
        }
        if let read, request.ax == .given, read.averageYears == nil, let first = read.rows.first {
            inputs.log.error(
                .missingColumn(column: "ax", suggestion: nil),
                at: .init(file: first.file, line: 1, column: 1))
        }
        var table: LifeTable?
        if let read {
            let choice = request.ax ?? (read.averageYears == nil ? .mid : .given)
            let sex = request.sex.flatMap { Sex(label: $0) } ?? .female
            var rule = choice.rule(sex, given: read.averageYears)
            if choice == .pas {
                rule = .populationAnalysisSystem(
                    sex,
                    region: request.region.flatMap { CoaleDemenyRegion(rawValue: $0) } ?? .west,
                    infantMortality: request.infantMortality)
            }
            do {
                if let deaths = read.deaths, let exposures = read.exposures {
                    table = try LifeTable(
                        bands: read.bands, deaths: deaths, exposures: exposures, rule: rule,
                        radix: request.radix)
                } else {
                    table = try LifeTable(
                        bands: read.bands, deathRates: read.deathRates, rule: rule,
                        radix: request.radix)
                }
            } catch {
                let row: Int
                switch error {
                case .probabilityAboveOne(let age, _), .averageYearsOutOfRange(let age, _, _),
                    .zeroRateInOpenBand(let age), .zeroExposure(let age), .invalidRate(let age, _):
                    row = read.bands.lowerBounds.firstIndex(of: age) ?? 0
                default:
                    row = 0
                }
                inputs.log.error(
                    .invalidValue(
                        field: read.averageYears == nil ? "mx" : "ax", reason: error.description),
                    at: read.rows[row])
            }
        }
        try inputs.check(warnings)
        guard let table else { throw PlanningError.silent(.failed) }
        var writer = CSVWriter(header: ["age", "n", "mx", "qx", "ax", "lx", "dx", "Lx", "Tx", "ex"])
        for (index, age) in table.bands.lowerBounds.enumerated() {
            writer.append([
                String(age), table.bands.width(of: index).map(String.init) ?? "",
                Figures.format(table.mx[index], places: 8),
                Figures.format(table.qx[index], places: 8),
                Figures.format(table.ax[index], places: 4),
                Figures.format(table.lx[index], places: 2),
                Figures.format(table.dx[index], places: 2),
                Figures.format(table.Lx[index], places: 2),
                Figures.format(table.Tx[index], places: 2),
                Figures.format(table.ex[index], places: 4),
            ])
        }
        try writeWhole(writer.data, to: request.out)
        let bands = table.bands
        return LifeTableOutcome(
            ages: bands.lowerBounds, widths: bands.lowerBounds.indices.map { bands.width(of: $0) },
            mx: table.mx, qx: table.qx, ax: table.ax, lx: table.lx, dx: table.dx, Lx: table.Lx,
            Tx: table.Tx, ex: table.ex, file: request.out)
    }
}
