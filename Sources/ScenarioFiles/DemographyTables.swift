import CSV
import Demography
import Diagnostics
import Quantities

/// Persons by area, sex and age band, as read from `area,sex,age,count`.
public struct PopulationTable: Sendable {
    /// The areas as written, in the order they first appear.
    public var areas: [String]
    /// Where each area first appears.
    public var areaLocations: [SourceLocation]
    /// The bands every area shares.
    public var bands: AgeBands
    /// One population per area.
    public var populations: [AgeSexPopulation]
    /// The first data row, for problems with the table as a whole.
    public var firstRow: SourceLocation
}

/// A schedule by age and sex for all areas (area nil) or per area: death rates, person-years
/// or survival ratios.
public struct AgeScheduleTable: Sendable {
    /// What the values are.
    public enum Kind: String, Sendable, CaseIterable {
        case deathRates = "mx"
        case personYears = "Lx"
        case survivalRatios = "Sx"
    }

    public var kind: Kind
    /// nil when the table has no `area` column (one schedule for every area).
    public var areas: [String?]
    public var areaLocations: [SourceLocation]
    public var bands: AgeBands
    public var values: [BySex<[Double]>]
    public var firstRow: SourceLocation
}

/// The input of a life table, `age,deaths,exposure[,ax]` or `age,mx[,ax]`.
public struct LifeTableInput: Sendable {
    public var bands: AgeBands
    /// Death rates (from deaths / exposure when those were given).
    public var deathRates: [Double]
    public var deaths: [Double]?
    public var exposures: [Double]?
    public var averageYears: [Double]?
    /// Each band's row.
    public var rows: [SourceLocation]
}

/// One unit of a census table: code, name and persons by sex and age group.
public struct CensusUnit: Sendable {
    public var code: String
    public var name: String
    public var population: AgeSexPopulation
    public var location: SourceLocation
}

/// Readers of the demographic tables that scenarios and the `project`, `lifetable` and
/// `backtest` commands take. Every problem is logged at its file, line and column, with the
/// field it concerns; a reader returns nil when it logged an error.
public enum DemographyTables {
    /// The census age groups: 0, 1–4, 5–9, …, 80–84, 85+.
    public static let censusBands = AgeBands.abridged(to: 85)
    /// Their column suffixes in the census tables.
    public static let censusAgeColumns =
        ["0", "1_4"] + stride(from: 5, to: 85, by: 5).map { "\($0)_\($0 + 4)" } + ["85plus"]

    // MARK: - Cells

    /// An age: a whole number ≥ 0; `85+` is read as 85.
    static func age(_ table: CSVTable, row: Int, column: Int, log: inout DiagnosticLog) -> Int? {
        guard var text = table.requiredText(row: row, column: column, log: &log) else { return nil }
        if text.hasSuffix("+") { text.removeLast() }
        guard let value = Int(text) else {
            log.error(
                .notANumber(column: table.header[column], value: text),
                at: table.location(row: row, column: column))
            return nil
        }
        guard value >= 0, value <= 130 else {
            log.error(
                .outOfRange(field: table.header[column], value: text, range: "between 0 and 130"),
                at: table.location(row: row, column: column))
            return nil
        }
        return value
    }

    static func sex(_ table: CSVTable, row: Int, column: Int, log: inout DiagnosticLog) -> Sex? {
        guard let text = table.requiredText(row: row, column: column, log: &log) else { return nil }
        guard let sex = Sex(label: text) else {
            log.error(
                .notOneOf(field: "sex", value: text, allowed: Sex.labels),
                at: table.location(row: row, column: column))
            return nil
        }
        return sex
    }

    /// The urban (0) or rural (1) part of a row: `urban`/`城镇` or `rural`/`乡村`.
    static func part(_ table: CSVTable, row: Int, column: Int, log: inout DiagnosticLog) -> Int? {
        guard let text = table.requiredText(row: row, column: column, log: &log) else { return nil }
        switch text {
        case "urban", "城镇": return 0
        case "rural", "乡村": return 1
        default:
            log.error(
                .notOneOf(field: "part", value: text, allowed: ["urban", "rural", "城镇", "乡村"]),
                at: table.location(row: row, column: column))
            return nil
        }
    }

    /// The largest count of persons one cell of a population or migration table may hold,
    /// 10^9: above any country's people of one sex and age (China 2020's largest single-year
    /// cell is about 12.5 million), so sums over a table never approach `Int.max`.
    static let largestCell = 1e9

    /// A required number within a range (described for the message).
    static func number(
        _ table: CSVTable, row: Int, column: Int, range: ClosedRange<Double>, describe: String,
        log: inout DiagnosticLog
    ) -> Double? {
        guard table.requiredText(row: row, column: column, log: &log) != nil,
            let value = table.number(row: row, column: column, log: &log)
        else { return nil }
        guard range.contains(value) else {
            let name = table.header[column]
            if range.lowerBound == 0, value < 0 {
                log.error(
                    .negative(column: name, value: table.text(row: row, column: column) ?? ""),
                    at: table.location(row: row, column: column))
            } else {
                log.error(
                    .outOfRange(
                        field: name, value: table.text(row: row, column: column) ?? "",
                        range: describe), at: table.location(row: row, column: column))
            }
            return nil
        }
        return value
    }

    /// Logs a problem with the age of a row, at its cell.
    static func ageError(
        _ reason: String, _ table: CSVTable, row: Int, column: Int, log: inout DiagnosticLog
    ) {
        log.error(
            .invalidValue(field: "age", reason: reason),
            at: table.location(row: row, column: column))
    }

    // MARK: - Grouping by area, sex and age

    /// Rows of one area and sex: (age, value, row), in file order.
    struct Group {
        var entries: [(age: Int, value: Double, row: Int)] = []
    }

    /// Collects `area,sex,age,value` rows; duplicate ages are errors at the second row.
    struct Collector {
        var areas: [String] = []
        var areaRows: [Int] = []
        var index: [String: Int] = [:]
        var groups: [[Group]] = []  // [area][sex]
        var seen: [String: Int] = [:]

        mutating func add(
            area: String, sex: Sex, age: Int, value: Double, row: Int, table: CSVTable,
            ageColumn: Int, log: inout DiagnosticLog
        ) {
            guard
                isFirst(
                    age: age, of: "\(area)\u{1F}\(sex.rawValue)",
                    whose: " for area \(area.isEmpty ? "(all)" : area), \(sex)", seen: &seen,
                    table: table, row: row, ageColumn: ageColumn, log: &log)
            else { return }
            let position = DemographyTables.position(of: area, in: &index) {
                areas.append(area)
                areaRows.append(row)
                groups.append([Group(), Group()])
            }
            groups[position][sex.rawValue].entries.append((age, value, row))
        }
    }

    /// Whether an age is the first of its group (`group`: the area and sex, as a key); a
    /// repeated one is logged at its cell (`whose`: the group, for the message).
    static func isFirst(
        age: Int, of group: String, whose: String, seen: inout [String: Int], table: CSVTable,
        row: Int, ageColumn: Int, log: inout DiagnosticLog
    ) -> Bool {
        let key = "\(group)\u{1F}\(age)"
        if let first = seen[key] {
            ageError(
                "age \(age) appears twice\(whose) (first on line \(table.line(ofRow: first))); age bands must not overlap",
                table, row: row, column: ageColumn, log: &log)
            return false
        }
        seen[key] = row
        return true
    }

    /// The position of an area in the order first seen; `add` is called for a new one.
    static func position(of area: String, in index: inout [String: Int], add: () -> Void) -> Int {
        if let known = index[area] { return known }
        let position = index.count
        index[area] = position
        add()
        return position
    }

    /// The band an age opens, which must be a lower bound of a projection's bands.
    static func band(
        of age: Int, in bands: AgeBands, table: CSVTable, row: Int, ageColumn: Int,
        log: inout DiagnosticLog
    ) -> Int? {
        guard bands.lowerBounds.contains(age), let band = bands.index(containing: age) else {
            ageError(
                "age \(age) is not a lower bound of the population's bands (\(bands)); the schedule's ages must match the population's",
                table, row: row, column: ageColumn, log: &log)
            return nil
        }
        return band
    }

    /// The `[area,]sex,age,value` cells of a row, each read (and its problem logged) before
    /// any is dropped; the area is "" when the table has no area column.
    static func cells(
        _ table: CSVTable, row: Int, areaColumn: Int?, valueColumn: Int,
        range: ClosedRange<Double>, describe: String, log: inout DiagnosticLog
    ) -> (area: String, sex: Sex, age: Int, value: Double)? {
        let area = areaColumn.map { table.requiredText(row: row, column: $0, log: &log) } ?? ""
        let sex = sex(table, row: row, column: table.column("sex")!, log: &log)
        let age = age(table, row: row, column: table.column("age")!, log: &log)
        let value = number(
            table, row: row, column: valueColumn, range: range, describe: describe, log: &log)
        guard let area, let sex, let age, let value else { return nil }
        return (area, sex, age, value)
    }

    /// Reads the `[area,]sex,age,value` rows of a table, each area (when `areas` is given) one
    /// of `areas`, and checks that every area and sex has the same bands, starting at 0
    /// (`what` each area's rows are, for messages).
    /// - Returns: the rows collected, the shared bands and the values per area, or nil after
    ///   logging errors.
    static func schedules(
        _ table: CSVTable, areaColumn: Int?, valueColumn: Int, range: ClosedRange<Double>,
        describe: String, what: String, areas: [String]? = nil, log: inout DiagnosticLog
    ) -> (collector: Collector, bands: AgeBands, values: [BySex<[Double]>])? {
        let ageColumn = table.column("age")!
        var collector = Collector()
        for row in 0..<table.rowCount {
            guard
                let (area, sex, age, value) = cells(
                    table, row: row, areaColumn: areaColumn, valueColumn: valueColumn,
                    range: range, describe: describe, log: &log)
            else { continue }
            if let areas, let areaColumn, !areas.contains(area) {
                log.error(
                    .unknownRegion(code: area), at: table.location(row: row, column: areaColumn))
                continue
            }
            collector.add(
                area: area, sex: sex, age: age, value: value, row: row, table: table,
                ageColumn: ageColumn, log: &log)
        }
        guard
            let (bands, values) = bands(
                of: collector, table: table, ageColumn: ageColumn, sexColumn: table.column("sex"),
                what: what, log: &log),
            !log.hasErrors
        else { return nil }
        return (collector, bands, values)
    }

    /// Checks the groups of a collector, which must start at age 0 and have both sexes, and
    /// turns them into bands and values.
    /// - Returns: the shared bands and the values per area, or nil after logging errors.
    static func bands(
        of collector: Collector, table: CSVTable, ageColumn: Int, sexColumn: Int?, what: String,
        log: inout DiagnosticLog
    ) -> (AgeBands, [BySex<[Double]>])? {
        var failed = false
        var reference: (ages: [Int], area: String, sex: Sex)?
        var values: [BySex<[Double]>] = []
        for (position, area) in collector.areas.enumerated() {
            var bySex = BySex(both: [Double]())
            let name = area.isEmpty ? "the table" : "area \(area)"
            for sex in Sex.allCases {
                let entries = collector.groups[position][sex.rawValue].entries.sorted {
                    $0.age < $1.age
                }
                guard let first = entries.first else {
                    let other = sex == .female ? Sex.male : .female
                    log.error(
                        .invalidValue(
                            field: "sex",
                            reason:
                                "\(name) has rows for \(other) but none for \(sex); both sexes are needed"
                        ),
                        at: table.location(
                            row: collector.areaRows[position], column: sexColumn ?? ageColumn))
                    failed = true
                    continue
                }
                if first.age != 0 {
                    ageError(
                        "the age bands of \(name), \(sex) start at \(first.age); they must start at 0",
                        table, row: first.row, column: ageColumn, log: &log)
                    failed = true
                    continue
                }
                let ages = entries.map(\.age)
                if let reference {
                    if ages != reference.ages {
                        let common = min(ages.count, reference.ages.count)
                        let mismatch =
                            (0..<common).first { ages[$0] != reference.ages[$0] } ?? common
                        let row = entries[min(mismatch, entries.count - 1)].row
                        ageError(
                            "the ages of \(name), \(sex) (\(summary(ages))) differ from those of \(reference.area.isEmpty ? "the table" : "area " + reference.area), \(reference.sex) (\(summary(reference.ages))); every \(what) needs the same bands",
                            table, row: row, column: ageColumn, log: &log)
                        failed = true
                        continue
                    }
                } else {
                    reference = (ages, area, sex)
                }
                bySex[sex] = entries.map(\.value)
            }
            values.append(bySex)
        }
        guard !failed, let reference, let bands = try? AgeBands(lowerBounds: reference.ages) else {
            return nil
        }
        return (bands, values)
    }

    /// `0, 1, 5, …, 85` for messages.
    static func summary(_ ages: [Int]) -> String {
        ages.count <= 6
            ? ages.map(String.init).joined(separator: ", ")
            : "\(ages[0]), \(ages[1]), …, \(ages[ages.count - 1])"
    }

    // MARK: - Tables

    /// Reads `area,sex,age,count`: persons by area, sex and age band. The bands follow from
    /// the ages present (each the lower bound of a band, the last open); every area and sex
    /// must have the same bands, starting at 0.
    public static func population(_ table: CSVTable, log: inout DiagnosticLog) -> PopulationTable? {
        var local = DiagnosticLog()
        defer { log.append(contentsOf: local) }
        guard table.check(CSVColumns(required: ["area", "sex", "age", "count"]), log: &local),
            let areaColumn = table.column("area"), let countColumn = table.column("count")
        else { return nil }
        guard table.rowCount > 0 else {
            local.error(.emptyTable, at: table.headerLocation())
            return nil
        }
        guard
            let (collector, bands, values) = schedules(
                table, areaColumn: areaColumn, valueColumn: countColumn,
                range: 0...Self.largestCell, describe: "between 0 and 10^9 persons", what: "area",
                log: &local)
        else { return nil }
        let populations = values.compactMap {
            try? AgeSexPopulation(bands: bands, female: $0.female, male: $0.male)
        }
        return PopulationTable(
            areas: collector.areas,
            // Where each area's first row starts (a cell's column would cost a scan of the
            // file per area).
            areaLocations: collector.areaRows.map { table.location(row: $0) },
            bands: bands, populations: populations, firstRow: table.location(row: 0))
    }

    /// Reads `[area,]sex,age,` and one of `mx`, `Lx` or `Sx`: a mortality schedule, for all
    /// areas or per area. Death rates must be at least 0, survival ratios within 0–1,
    /// person-years at least 0 and, between bands of one width, not increasing.
    public static func mortality(_ table: CSVTable, log: inout DiagnosticLog) -> AgeScheduleTable? {
        var local = DiagnosticLog()
        defer { log.append(contentsOf: local) }
        let kinds = AgeScheduleTable.Kind.allCases.filter { table.column($0.rawValue) != nil }
        guard
            table.check(
                CSVColumns(required: ["sex", "age"], optional: ["area", "mx", "Lx", "Sx"]),
                log: &local)
        else { return nil }
        guard kinds.count == 1, let kind = kinds.first else {
            local.error(
                .invalidValue(
                    field: "header",
                    reason: kinds.isEmpty
                        ? "a mortality table needs one column of mx (death rates), Lx (person-years) or Sx (survival ratios)"
                        : "a mortality table has one of mx, Lx and Sx, not \(kinds.map(\.rawValue).joined(separator: " and "))"
                ), at: table.headerLocation())
            return nil
        }
        guard table.rowCount > 0 else {
            local.error(.emptyTable, at: table.headerLocation())
            return nil
        }
        let areaColumn = table.column("area")
        let valueColumn = table.column(kind.rawValue)!
        let (range, describe): (ClosedRange<Double>, String) =
            kind == .survivalRatios
            ? (0...1, "between 0 and 1") : (0...Double.infinity, "at least 0")
        guard
            let (collector, bands, values) = schedules(
                table, areaColumn: areaColumn, valueColumn: valueColumn, range: range,
                describe: describe, what: "schedule", log: &local)
        else { return nil }
        if kind == .personYears {
            // A life table's L cannot rise from one band to the next of the same width.
            for (position, bySex) in values.enumerated() {
                for sex in Sex.allCases {
                    let entries = collector.groups[position][sex.rawValue].entries.sorted {
                        $0.age < $1.age
                    }
                    for index in 1..<max(bands.count - 1, 1)
                    where bands.width(of: index) == bands.width(of: index - 1)
                        && bySex[sex][index] > bySex[sex][index - 1]
                    {
                        local.error(
                            .invalidValue(
                                field: "Lx",
                                reason:
                                    "person-years lived rise from \(format(bySex[sex][index - 1])) at age \(bands.lowerBounds[index - 1]) to \(format(bySex[sex][index])) at age \(bands.lowerBounds[index]); a life table's Lx (and lx) cannot increase"
                            ), at: table.location(row: entries[index].row, column: valueColumn))
                    }
                }
            }
            guard !local.hasErrors else { return nil }
        }
        return AgeScheduleTable(
            kind: kind, areas: areaColumn == nil ? [nil] : collector.areas.map { $0 },
            areaLocations: collector.areaRows.map { table.location(row: $0) }, bands: bands,
            values: values, firstRow: table.location(row: 0))
    }

    /// Reads `[area,]age,asfr` onto a projection's bands: each age must be a lower bound of
    /// those bands, rates are births per woman per year (0–1), and births come only from
    /// women aged 10–54 (every band with a positive rate lies within those ages). Bands not
    /// listed have rate 0.
    /// - Returns: rates per area (area nil: all areas), in the order first seen.
    public static func fertility(_ table: CSVTable, bands: AgeBands, log: inout DiagnosticLog)
        -> [(area: String?, rates: [Double], location: SourceLocation)]?
    {
        var local = DiagnosticLog()
        defer { log.append(contentsOf: local) }
        guard table.check(CSVColumns(required: ["age", "asfr"], optional: ["area"]), log: &local)
        else { return nil }
        let areaColumn = table.column("area")
        let ageColumn = table.column("age")!
        let rateColumn = table.column("asfr")!
        var result: [(area: String?, rates: [Double], location: SourceLocation)] = []
        var index: [String: Int] = [:]
        var seen: [String: Int] = [:]
        for row in 0..<table.rowCount {
            let area =
                areaColumn.map { table.requiredText(row: row, column: $0, log: &local) } ?? ""
            let age = age(table, row: row, column: ageColumn, log: &local)
            let rate = number(
                table, row: row, column: rateColumn, range: 0...1,
                describe: "between 0 and 1 births per woman per year", log: &local)
            guard let area, let age, let rate,
                let band = band(
                    of: age, in: bands, table: table, row: row, ageColumn: ageColumn, log: &local)
            else { continue }
            if rate > 0 {
                let width = bands.width(of: band) ?? 0
                if width == 0 || age < FertilityRates.childbearingAges.lowerBound
                    || age + width > FertilityRates.childbearingAges.upperBound
                {
                    ageError(
                        width == 0
                            ? "births are only counted for mothers aged 10–54; the open band \(age)+ must have asfr 0"
                            : "births are only counted for mothers aged 10–54; the band \(age)–\(age + width - 1) has asfr \(format(rate))",
                        table, row: row, column: ageColumn, log: &local)
                    continue
                }
            }
            guard
                isFirst(
                    age: age, of: area, whose: "", seen: &seen, table: table, row: row,
                    ageColumn: ageColumn, log: &local)
            else { continue }
            let position = Self.position(of: area, in: &index) {
                result.append(
                    (
                        areaColumn == nil ? nil : area,
                        [Double](repeating: 0, count: bands.count),
                        table.location(row: row, column: areaColumn ?? ageColumn)
                    ))
            }
            result[position].rates[band] = rate
        }
        guard !local.hasErrors, !result.isEmpty else {
            if result.isEmpty, !local.hasErrors {
                local.error(.emptyTable, at: table.headerLocation())
            }
            return nil
        }
        return result
    }

    /// Reads `area,sex,age,net` onto a projection's bands: each age must be a lower bound of
    /// those bands and each area one of `areas`. Counts may be negative.
    /// - Returns: net migrants per area of `areas` (0 where not listed).
    public static func migration(
        _ table: CSVTable, bands: AgeBands, areas: [String], log: inout DiagnosticLog
    ) -> [BySex<[Double]>]? {
        var local = DiagnosticLog()
        defer { log.append(contentsOf: local) }
        guard table.check(CSVColumns(required: ["area", "sex", "age", "net"]), log: &local) else {
            return nil
        }
        let position = Dictionary(
            areas.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        var result = [BySex<[Double]>](
            repeating: BySex(both: [Double](repeating: 0, count: bands.count)), count: areas.count)
        var seen: [String: Int] = [:]
        let areaColumn = table.column("area")!
        let ageColumn = table.column("age")!
        for row in 0..<table.rowCount {
            guard
                let (area, sex, age, net) = cells(
                    table, row: row, areaColumn: areaColumn, valueColumn: table.column("net")!,
                    range: -Self.largestCell...Self.largestCell,
                    describe: "between −10^9 and 10^9 persons a year", log: &local)
            else { continue }
            guard let index = position[area] else {
                local.error(
                    .unknownRegion(code: area), at: table.location(row: row, column: areaColumn))
                continue
            }
            guard
                let band = band(
                    of: age, in: bands, table: table, row: row, ageColumn: ageColumn, log: &local),
                isFirst(
                    age: age, of: "\(area)\u{1F}\(sex.rawValue)",
                    whose: " for area \(area), \(sex)",
                    seen: &seen, table: table, row: row, ageColumn: ageColumn, log: &local)
            else { continue }
            result[index][sex][band] = net
        }
        return local.hasErrors ? nil : result
    }

    /// Reads the input of a life table: `age,deaths,exposure[,ax]` or `age,mx[,ax]`. Ages
    /// increase down the table (any start; the last band open); deaths are at least 0,
    /// exposures above 0, rates at least 0, ax within 0 and the band's width.
    public static func lifeTable(_ table: CSVTable, log: inout DiagnosticLog) -> LifeTableInput? {
        var local = DiagnosticLog()
        defer { log.append(contentsOf: local) }
        let fromCounts = table.column("deaths") != nil || table.column("exposure") != nil
        let required = fromCounts ? ["age", "deaths", "exposure"] : ["age", "mx"]
        guard table.check(CSVColumns(required: required, optional: ["ax"]), log: &local) else {
            return nil
        }
        guard table.rowCount > 0 else {
            local.error(.emptyTable, at: table.headerLocation())
            return nil
        }
        let ageColumn = table.column("age")!
        let axColumn = table.column("ax")
        var ages: [Int] = []
        var rows: [Int] = []
        var deaths: [Double] = []
        var exposures: [Double] = []
        var rates: [Double] = []
        var ax: [Double] = []
        for row in 0..<table.rowCount {
            guard let age = age(table, row: row, column: ageColumn, log: &local) else { continue }
            if let last = ages.last, age <= last {
                ageError(
                    "ages must increase down the table (\(age) follows \(last)); age bands must not overlap",
                    table, row: row, column: ageColumn, log: &local)
                continue
            }
            if fromCounts {
                let died = number(
                    table, row: row, column: table.column("deaths")!, range: 0...Double.infinity,
                    describe: "at least 0", log: &local)
                let exposed = number(
                    table, row: row, column: table.column("exposure")!,
                    range: Double.leastNonzeroMagnitude...Double.infinity,
                    describe: "above 0 person-years", log: &local)
                guard let died, let exposed else { continue }
                deaths.append(died)
                exposures.append(exposed)
                rates.append(died / exposed)
            } else {
                guard
                    let rate = number(
                        table, row: row, column: table.column("mx")!, range: 0...Double.infinity,
                        describe: "at least 0", log: &local)
                else { continue }
                rates.append(rate)
            }
            if let axColumn {
                guard
                    let value = number(
                        table, row: row, column: axColumn, range: 0...Double.infinity,
                        describe: "at least 0", log: &local)
                else { continue }
                ax.append(value)
            }
            ages.append(age)
            rows.append(row)
        }
        guard !local.hasErrors, let bands = try? AgeBands(lowerBounds: ages) else { return nil }
        if axColumn != nil {
            for index in 0..<(bands.count - 1) where ax[index] > Double(bands.width(of: index)!) {
                local.error(
                    .outOfRange(
                        field: "ax", value: format(ax[index]),
                        range: "between 0 and the band's width \(bands.width(of: index)!)"),
                    at: table.location(row: rows[index], column: axColumn!))
            }
        }
        if rates.last == 0 {
            local.error(
                .invalidValue(
                    field: fromCounts ? "deaths" : "mx",
                    reason:
                        "the open band \(bands.openAge)+ needs a death rate above 0 to close the table"
                ),
                at: table.location(
                    row: rows[rows.count - 1], column: table.column(fromCounts ? "deaths" : "mx")!))
        }
        guard !local.hasErrors else { return nil }
        return LifeTableInput(
            bands: bands, deathRates: rates, deaths: fromCounts ? deaths : nil,
            exposures: fromCounts ? exposures : nil, averageYears: axColumn == nil ? nil : ax,
            rows: rows.map { table.location(row: $0) })
    }

    /// Reads a census table by unit, sex and age group in the layout of the county tables of
    /// the 2010 and 2020 censuses: `code6`, a name (`name`, or `province`/`city`/`county`),
    /// and `male_0, female_0, male_1_4, female_1_4, male_5_9, …, male_85plus, female_85plus`.
    public static func census(_ table: CSVTable, log: inout DiagnosticLog) -> [CensusUnit]? {
        var local = DiagnosticLog()
        defer { log.append(contentsOf: local) }
        let cells = censusAgeColumns.flatMap { ["male_\($0)", "female_\($0)"] }
        let optional = [
            "name", "province", "city", "county", "pop_total", "pop_male", "pop_female",
            "pop_urban", "pop_rural",
        ]
        guard table.check(CSVColumns(required: ["code6"] + cells, optional: optional), log: &local)
        else { return nil }
        let codeColumn = table.column("code6")!
        let nameColumns = ["name", "county", "city", "province"].compactMap { table.column($0) }
        var units: [CensusUnit] = []
        for row in 0..<table.rowCount {
            guard let code = table.requiredText(row: row, column: codeColumn, log: &local) else {
                continue
            }
            var female: [Double] = []
            var male: [Double] = []
            var failed = false
            for age in censusAgeColumns {
                for (sex, name) in [(Sex.male, "male_\(age)"), (.female, "female_\(age)")] {
                    let column = table.column(name)!
                    guard let count = table.count(row: row, column: column, log: &local) else {
                        failed = true
                        continue
                    }
                    guard Double(count) <= Self.largestCell else {
                        local.error(
                            .outOfRange(
                                field: name, value: String(count),
                                range: "at most 10^9 persons"),
                            at: table.location(row: row, column: column))
                        failed = true
                        continue
                    }
                    if sex == .male {
                        male.append(Double(count))
                    } else {
                        female.append(Double(count))
                    }
                }
            }
            guard !failed else { continue }
            let name =
                nameColumns.lazy.compactMap { table.text(row: row, column: $0) }.first {
                    !$0.isEmpty
                } ?? code
            // Counts read as non-negative whole numbers keep the invariants.
            guard
                let population = try? AgeSexPopulation(
                    bands: censusBands, female: female, male: male)
            else { continue }
            units.append(
                CensusUnit(
                    code: code, name: name,
                    population: population, location: table.location(row: row)))
        }
        return local.hasErrors ? nil : units
    }

    static func format(_ value: Double) -> String { NumberText.plain(value) }
}
