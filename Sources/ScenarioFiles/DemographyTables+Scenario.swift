import CSV
import Demography
import Diagnostics
import Geography

/// Readers of the tables a scenario's `demography:` section names.
extension DemographyTables {
    /// Reads `age,share` (or `age,percent`): the age pattern of fertility. Ages are the lower
    /// bounds of the mother's bands, all of one width; an open band with no births follows
    /// the last.
    public static func fertilitySchedule(_ table: CSVTable, log: inout DiagnosticLog)
        -> FertilitySchedule?
    {
        var local = DiagnosticLog()
        defer { log.append(contentsOf: local) }
        let valueName = table.column("percent") != nil ? "percent" : "share"
        guard table.check(CSVColumns(required: ["age", valueName]), log: &local) else { return nil }
        let ageColumn = table.column("age")!
        let valueColumn = table.column(valueName)!
        var ages: [Int] = []
        var shares: [Double] = []
        for row in 0..<table.rowCount {
            let age = age(table, row: row, column: ageColumn, log: &local)
            let value = number(
                table, row: row, column: valueColumn,
                range: 0...(valueName == "percent" ? 100 : 1),
                describe: valueName == "percent" ? "between 0 and 100" : "between 0 and 1",
                log: &local)
            guard let age, let value else { continue }
            if let last = ages.last, age <= last {
                ageError(
                    "ages must increase down the table (\(age) follows \(last))", table, row: row,
                    column: ageColumn, log: &local)
                continue
            }
            ages.append(age)
            shares.append(value)
        }
        guard !local.hasErrors, ages.count >= 2 else {
            if !local.hasErrors {
                local.error(
                    .invalidValue(
                        field: "age", reason: "a fertility pattern needs at least two age bands"),
                    at: table.headerLocation())
            }
            return nil
        }
        let width = ages[1] - ages[0]
        for index in 1..<ages.count where ages[index] - ages[index - 1] != width {
            ageError(
                "the bands of a fertility pattern must all be \(width) years wide", table,
                row: index, column: ageColumn, log: &local)
            return nil
        }
        do {
            let bands = try AgeBands(lowerBounds: ages + [ages[ages.count - 1] + width])
            return try FertilitySchedule(bands: bands, shares: shares + [0])
        } catch let error as FertilityRates.InvariantError {
            let row: Int
            if case .outsideChildbearingAges(let age) = error {
                row = ages.firstIndex(of: age) ?? 0
            } else {
                row = 0
            }
            ageError(error.description, table, row: row, column: ageColumn, log: &local)
        } catch {
            ageError("\(error)", table, row: 0, column: ageColumn, log: &local)
        }
        return nil
    }

    /// Reads `year,age,asfr`: age-specific fertility rates for key years, the ages of every
    /// year being the same lower bounds of bands of one width.
    public static func fertilityByYear(_ table: CSVTable, log: inout DiagnosticLog)
        -> FertilityAssumption?
    {
        var local = DiagnosticLog()
        defer { log.append(contentsOf: local) }
        guard table.check(CSVColumns(required: ["year", "age", "asfr"]), log: &local) else {
            return nil
        }
        var byYear: [Int: [(age: Int, rate: Double, row: Int)]] = [:]
        for row in 0..<table.rowCount {
            let year = table.requiredText(row: row, column: table.column("year")!, log: &local)
                .flatMap { text -> Int? in
                    guard let year = Int(text), (1900...2200).contains(year) else {
                        local.error(
                            .outOfRange(
                                field: "year", value: text, range: "a year between 1900 and 2200"),
                            at: table.location(row: row, column: table.column("year")!))
                        return nil
                    }
                    return year
                }
            let age = age(table, row: row, column: table.column("age")!, log: &local)
            let rate = number(
                table, row: row, column: table.column("asfr")!, range: 0...1,
                describe: "between 0 and 1 births per woman per year", log: &local)
            guard let year, let age, let rate else { continue }
            byYear[year, default: []].append((age, rate, row))
        }
        guard !local.hasErrors, !byYear.isEmpty else { return nil }
        let years = byYear.keys.sorted()
        var schedules: [FertilityRates] = []
        for year in years {
            let entries = byYear[year]!.sorted { $0.age < $1.age }
            let ages = entries.map(\.age)
            guard ages.count >= 2 else {
                local.error(
                    .invalidValue(
                        field: "age", reason: "year \(year) needs at least two age bands"),
                    at: table.location(row: entries[0].row))
                return nil
            }
            let width = ages[1] - ages[0]
            do {
                let bands = try AgeBands(lowerBounds: ages + [ages[ages.count - 1] + width])
                schedules.append(try FertilityRates(bands: bands, rates: entries.map(\.rate) + [0]))
            } catch {
                local.error(
                    .invalidValue(field: "age", reason: "year \(year): \(error)"),
                    at: table.location(row: entries[0].row, column: table.column("age")!))
                return nil
            }
        }
        return .rates(years: years, schedules: schedules)
    }

    /// Reads `sex,year,age,mx`: death rates by year for a Lee–Carter fit, every year on the
    /// same bands.
    public static func mortalityHistory(_ table: CSVTable, log: inout DiagnosticLog)
        -> (bands: AgeBands, years: [Int], rates: BySex<[[Double]]>)?
    {
        var local = DiagnosticLog()
        defer { log.append(contentsOf: local) }
        guard table.check(CSVColumns(required: ["sex", "year", "age", "mx"]), log: &local) else {
            return nil
        }
        var cells: [String: Double] = [:]
        var ageSet = Set<Int>()
        var yearSet = Set<Int>()
        for row in 0..<table.rowCount {
            let sex = sex(table, row: row, column: table.column("sex")!, log: &local)
            let year = table.requiredText(row: row, column: table.column("year")!, log: &local)
                .flatMap { Int($0) }
            let age = age(table, row: row, column: table.column("age")!, log: &local)
            let mx = number(
                table, row: row, column: table.column("mx")!, range: 0...Double.infinity,
                describe: "at least 0", log: &local)
            guard let sex, let year, let age, let mx else { continue }
            cells["\(sex.rawValue) \(year) \(age)"] = mx
            ageSet.insert(age)
            yearSet.insert(year)
        }
        let ages = ageSet.sorted()
        let years = yearSet.sorted()
        guard !local.hasErrors, let bands = try? AgeBands(lowerBounds: ages) else { return nil }
        var rates = BySex(both: [[Double]]())
        for sex in Sex.allCases {
            for year in years {
                var row: [Double] = []
                for age in ages {
                    guard let value = cells["\(sex.rawValue) \(year) \(age)"] else {
                        local.error(
                            .invalidValue(
                                field: "mx",
                                reason:
                                    "no death rate for \(sex) aged \(age) in \(year); every year needs every age"
                            ),
                            at: table.headerLocation())
                        return nil
                    }
                    row.append(value)
                }
                rates[sex].append(row)
            }
        }
        return (bands, years, rates)
    }

    /// Reads `area,sex,age,net` on the table's own bands (the same for every area, from 0)
    /// and spreads each band's count evenly over its single years of `singleYears` (an open
    /// band's count goes to its lower age).
    public static func netMigrationPerYear(
        _ table: CSVTable, areas: [String], singleYears: AgeBands, log: inout DiagnosticLog
    ) -> [BySex<[Double]>]? {
        var local = DiagnosticLog()
        defer { log.append(contentsOf: local) }
        guard table.check(CSVColumns(required: ["area", "sex", "age", "net"]), log: &local) else {
            return nil
        }
        // Any finite count (the cell reader refuses other numbers).
        guard
            let (collector, bands, values) = schedules(
                table, areaColumn: table.column("area")!, valueColumn: table.column("net")!,
                range: -Double.infinity...Double.infinity, describe: "", what: "area",
                areas: areas, log: &local)
        else { return nil }
        var result = [BySex<[Double]>](
            repeating: BySex(both: [Double](repeating: 0, count: singleYears.count)),
            count: areas.count)
        for (position, area) in collector.areas.enumerated() {
            let target = areas.firstIndex(of: area)!
            for sex in Sex.allCases {
                for (band, lower) in bands.lowerBounds.enumerated() {
                    let width = bands.width(of: band) ?? 1
                    for age in lower..<(lower + width) {
                        let index = singleYears.index(containing: age)!
                        result[target][sex][index] += values[position][sex][band] / Double(width)
                    }
                }
            }
        }
        return result
    }

    /// Reads `year,sex,age,intact,mild,moderate,severe,complete[,part]`: the prevalence of the
    /// GB/T 42195-2022 capability levels as shares summing to 1 per row. `part` is `urban`
    /// or `rural` (城镇/乡村) when urban and rural differ.
    public static func capabilityPrevalence(_ table: CSVTable, log: inout DiagnosticLog)
        -> CapabilityPrevalence?
    {
        var local = DiagnosticLog()
        defer { log.append(contentsOf: local) }
        let levels = CapabilityLevel.identifiers
        guard
            table.check(
                CSVColumns(required: ["year", "sex", "age"] + levels, optional: ["part"]),
                log: &local)
        else { return nil }
        let partColumn = table.column("part")
        var cells: [String: (values: [Double], row: Int)] = [:]
        var ageSet = Set<Int>()
        var yearSet = Set<Int>()
        for row in 0..<table.rowCount {
            let year = table.requiredText(row: row, column: table.column("year")!, log: &local)
                .flatMap { Int($0) }
            let sex = sex(table, row: row, column: table.column("sex")!, log: &local)
            let age = age(table, row: row, column: table.column("age")!, log: &local)
            var part = 0
            if let partColumn {
                let given = DemographyTables.part(table, row: row, column: partColumn, log: &local)
                // A part that is given but unknown leaves the row out; an empty one is
                // reported and the row's other cells are still checked.
                if given == nil, table.text(row: row, column: partColumn)?.isEmpty == false {
                    continue
                }
                part = given ?? 0
            }
            let values = levels.compactMap { name in
                number(
                    table, row: row, column: table.column(name)!, range: 0...1,
                    describe: "between 0 and 1", log: &local)
            }
            guard let year, let sex, let age, values.count == 5 else { continue }
            let sum = values.reduce(0, +)
            guard abs(sum - 1) <= 0.001 else {
                local.error(
                    .invalidValue(
                        field: "intact…complete",
                        reason: "the shares of the five capability levels sum to \(sum), not 1"),
                    at: table.location(row: row, column: table.column("intact")!))
                continue
            }
            cells["\(year) \(part) \(sex.rawValue) \(age)"] = (values, row)
            ageSet.insert(age)
            yearSet.insert(year)
        }
        guard !local.hasErrors, let groups = try? AgeBands(lowerBounds: ageSet.sorted()) else {
            return nil
        }
        let years = yearSet.sorted()
        let parts = partColumn == nil ? 1 : 2
        var shares: [Double] = []
        for year in years {
            for part in 0..<parts {
                for sex in Sex.allCases {
                    for age in groups.lowerBounds {
                        guard let cell = cells["\(year) \(part) \(sex.rawValue) \(age)"] else {
                            local.error(
                                .invalidValue(
                                    field: "age",
                                    reason:
                                        "no prevalence for \(sex) aged \(age) in \(year)\(parts == 2 ? (part == 0 ? ", urban" : ", rural") : ""); every year, sex\(parts == 2 ? ", part" : "") and age group is needed"
                                ),
                                at: table.headerLocation())
                            return nil
                        }
                        shares += cell.values
                    }
                }
            }
        }
        return try? CapabilityPrevalence(
            ageGroups: groups, years: years, parts: parts, shares: shares)
    }
}

extension DemographyTables {
    /// Reads `age,weight`: the relative size of single-year cohorts at the census date (any
    /// positive scale; ages increasing), for ``Graduation/reshaped(_:sourceBands:weights:)``.
    public static func cohortShape(_ table: CSVTable, log: inout DiagnosticLog) -> [Int: Double]? {
        var local = DiagnosticLog()
        defer { log.append(contentsOf: local) }
        guard table.check(CSVColumns(required: ["age", "weight"]), log: &local) else { return nil }
        let ageColumn = table.column("age")!
        let weightColumn = table.column("weight")!
        var weights: [Int: Double] = [:]
        var last: Int?
        for row in 0..<table.rowCount {
            let age = age(table, row: row, column: ageColumn, log: &local)
            let weight = number(
                table, row: row, column: weightColumn, range: 0...1e15, describe: "at least 0",
                log: &local)
            guard let age, let weight else { continue }
            if let last, age <= last {
                ageError(
                    "ages must increase down the table (\(age) follows \(last))", table, row: row,
                    column: ageColumn, log: &local)
                continue
            }
            last = age
            weights[age] = weight
        }
        return local.hasErrors ? nil : weights
    }
}

extension DemographyTables {
    /// Reads `area,urban,rural`: each area's census residents by urban–rural part (城镇/乡村),
    /// whole persons ≥ 0; every area must be one of the population table's.
    public static func urbanRural(
        _ table: CSVTable, areas: [DivisionCode], log: inout DiagnosticLog
    ) -> [DivisionCode: UrbanRuralPersons]? {
        var local = DiagnosticLog()
        defer { log.append(contentsOf: local) }
        guard table.check(CSVColumns(required: ["area", "urban", "rural"]), log: &local) else {
            return nil
        }
        let areaColumn = table.column("area")!
        var result: [DivisionCode: UrbanRuralPersons] = [:]
        for row in 0..<table.rowCount {
            guard let text = table.requiredText(row: row, column: areaColumn, log: &local) else {
                continue
            }
            let values = ["urban", "rural"].map { name in
                wholePersons(table, row: row, column: table.column(name)!, log: &local)
            }
            guard let code = try? DivisionCode(parsing: text), areas.contains(code) else {
                local.error(
                    .invalidValue(
                        field: "area",
                        reason: "\(text) is not an area of the population table"),
                    at: table.location(row: row, column: areaColumn))
                continue
            }
            guard result[code] == nil else {
                local.error(
                    .invalidValue(field: "area", reason: "\(text) is given twice"),
                    at: table.location(row: row, column: areaColumn))
                continue
            }
            guard let urban = values[0], let rural = values[1] else { continue }
            result[code] = UrbanRuralPersons(urban: urban, rural: rural)
        }
        return local.hasErrors ? nil : result
    }

    /// Reads `code,sex,age,count`: a bureau's persons of communities and villages (or the
    /// lowest units of the tree) by sex and age band (the band's lower bound; the last band
    /// of a unit is open). Each code must be a lowest unit below an area of the population
    /// table; an area's units are given all or none; counts are whole persons.
    public static func unitPopulation(
        _ table: CSVTable, tree: RegionTree, areas: [DivisionCode], log: inout DiagnosticLog
    ) -> [DivisionCode: AgeSexPopulation]? {
        var local = DiagnosticLog()
        defer { log.append(contentsOf: local) }
        guard table.check(CSVColumns(required: ["code", "sex", "age", "count"]), log: &local)
        else { return nil }
        let codeColumn = table.column("code")!
        var cells: [DivisionCode: [Int: BySex<Double>]] = [:]
        var firstRow: [DivisionCode: Int] = [:]
        var seen = Set<String>()
        for row in 0..<table.rowCount {
            let text = table.requiredText(row: row, column: codeColumn, log: &local)
            let sex = sex(table, row: row, column: table.column("sex")!, log: &local)
            let age = age(table, row: row, column: table.column("age")!, log: &local)
            let count = wholePersons(table, row: row, column: table.column("count")!, log: &local)
            guard let text else { continue }
            guard let code = try? DivisionCode(parsing: text), let index = tree.index(of: code)
            else {
                local.error(
                    .invalidValue(field: "code", reason: "\(text) is not a region of the scenario"),
                    at: table.location(row: row, column: codeColumn))
                continue
            }
            guard tree.children(of: index).isEmpty,
                areas.contains(where: { code.isWithin($0) && code != $0 })
            else {
                local.error(
                    .invalidValue(
                        field: "code",
                        reason:
                            "\(text) is not a community or village (a lowest unit) below an area of the population table"
                    ),
                    at: table.location(row: row, column: codeColumn))
                continue
            }
            guard let sex, let age, let count else { continue }
            guard seen.insert("\(code.shortForm) \(sex) \(age)").inserted else {
                ageError(
                    "\(text) has two rows for \(sex) aged \(age)", table, row: row,
                    column: table.column("age")!, log: &local)
                continue
            }
            firstRow[code] = firstRow[code] ?? row
            var byAge = cells[code] ?? [:]
            var pair = byAge[age] ?? BySex(both: 0)
            pair[sex] += count
            byAge[age] = pair
            cells[code] = byAge
        }
        guard !local.hasErrors else { return nil }
        // All or none of an area's units.
        for area in areas {
            guard let index = tree.index(of: area) else { continue }
            let units = tree.subtree(of: index).filter {
                tree.children(of: $0).isEmpty && $0 != index
            }
            let given = units.filter { cells[tree.regions[$0].code] != nil }
            guard !given.isEmpty, given.count < units.count else { continue }
            let missing = units.filter { cells[tree.regions[$0].code] == nil }
                .prefix(3).map { tree.regions[$0].code.shortForm }
            let row = given.compactMap { firstRow[tree.regions[$0].code] }.min() ?? 0
            local.error(
                .invalidValue(
                    field: "code",
                    reason:
                        "area \(area.shortForm) has \(units.count) units and the table gives \(given.count); give all of them or none (missing: \(missing.joined(separator: ", "))…)"
                ),
                at: table.location(row: row, column: codeColumn))
        }
        guard !local.hasErrors else { return nil }
        var result: [DivisionCode: AgeSexPopulation] = [:]
        for (code, byAge) in cells {
            let ages = byAge.keys.sorted()
            let bands: AgeBands
            do {
                bands = try AgeBands(lowerBounds: ages[0] == 0 ? ages : [0] + ages)
            } catch {
                continue
            }
            let female = bands.lowerBounds.map { byAge[$0]?.female ?? 0 }
            let male = bands.lowerBounds.map { byAge[$0]?.male ?? 0 }
            if let population = try? AgeSexPopulation(bands: bands, female: female, male: male) {
                result[code] = population
            }
        }
        return result
    }

    /// A count of persons: a whole number from 0 to 10^9.
    static func wholePersons(_ table: CSVTable, row: Int, column: Int, log: inout DiagnosticLog)
        -> Double?
    {
        guard
            let value = number(
                table, row: row, column: column, range: 0...largestCell,
                describe: "between 0 and 1,000,000,000", log: &log)
        else { return nil }
        guard value == value.rounded() else {
            log.error(
                .invalidValue(
                    field: table.header[column],
                    reason:
                        "a count of persons must be a whole number (got \(table.text(row: row, column: column) ?? ""))"
                ),
                at: table.location(row: row, column: column))
            return nil
        }
        return value
    }
}
