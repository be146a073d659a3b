import CSV
import Demography
import Diagnostics
import Testing

@testable import ScenarioFiles

/// A projection's tables with one mistake, and where the error must be.
struct BadDemographyTable: Sendable, CustomTestStringConvertible {
    var name: String
    var population = ValidTables.population
    var mortality = ValidTables.mortality
    var fertility = ValidTables.fertility
    var migration = ValidTables.migration
    /// The file (P.csv, M.csv, F.csv, N.csv), the 1-based line and the case of ``Problem``.
    var file: String
    var line: Int
    var kind: String

    var testDescription: String { name }
}

/// Small valid tables: two areas, five-year bands 0, 5, 10, 15, 20+.
enum ValidTables {
    static let population = """
        area,sex,age,count
        A1,female,0,100
        A1,female,5,100
        A1,female,10,100
        A1,female,15,100
        A1,female,20,300
        A1,male,0,100
        A1,male,5,100
        A1,male,10,100
        A1,male,15,100
        A1,male,20,300
        A2,F,0,50
        A2,F,5,50
        A2,F,10,50
        A2,F,15,50
        A2,F,20,150
        A2,男,0,50
        A2,男,5,50
        A2,男,10,50
        A2,男,15,50
        A2,男,20,150

        """
    static let mortality = """
        sex,age,Sx
        female,0,0.99
        female,5,0.999
        female,10,0.998
        female,15,0.997
        female,20,0.8
        male,0,0.98
        male,5,0.998
        male,10,0.997
        male,15,0.996
        male,20,0.7

        """
    static let fertility = """
        age,asfr
        15,0.02
        10,0.001

        """
    static let migration = """
        area,sex,age,net
        A1,female,0,10
        A2,male,15,-5

        """

    static func table(_ text: String, _ name: String, log: inout DiagnosticLog) -> CSVTable? {
        CSVReader.parse(bytes: Array(text.utf8), file: name, log: &log)
    }

    static func read(
        population: String, mortality: String, fertility: String, migration: String,
        log: inout DiagnosticLog
    ) -> ProjectionTables? {
        ProjectionTables.read(
            population: table(population, "P.csv", log: &log),
            mortality: table(mortality, "M.csv", log: &log),
            fertility: table(fertility, "F.csv", log: &log),
            migration: table(migration, "N.csv", log: &log), step: nil,
            rule: BySex(both: .midInterval), radix: 100_000, log: &log)
    }

    /// The 1-based line of the first line containing `needle`.
    static func line(of needle: String, in text: String) -> Int {
        (text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex {
            $0.contains(needle)
        } ?? -1) + 1
    }

    static func replacing(_ old: String, _ new: String, in text: String) -> String {
        guard let range = text.range(of: old) else { return text }
        return text.replacingCharacters(in: range, with: new)
    }

    static let cases: [BadDemographyTable] = [
        BadDemographyTable(
            name: "bands that do not start at 0",
            population: replacing("A1,male,0,100\n", "", in: population),
            file: "P.csv", line: line(of: "A1,male,5,100", in: population) - 1, kind: "invalidValue"
        ),
        BadDemographyTable(
            name: "bands that overlap (age 10 twice)",
            population: replacing("A1,female,15,100", "A1,female,10,7", in: population),
            file: "P.csv", line: line(of: "A1,female,15,100", in: population),
            kind: "invalidValue"),
        BadDemographyTable(
            name: "a missing sex",
            population: population.split(separator: "\n").filter { !$0.hasPrefix("A2,男") }
                .joined(separator: "\n") + "\n",
            file: "P.csv", line: line(of: "A2,F,0,50", in: population), kind: "invalidValue"),
        BadDemographyTable(
            name: "a negative count",
            population: replacing("A2,F,10,50", "A2,F,10,-50", in: population),
            file: "P.csv", line: line(of: "A2,F,10,50", in: population), kind: "negative"),
        BadDemographyTable(
            name: "a sex that is not female or male",
            population: replacing("A2,F,10,50", "A2,X,10,50", in: population),
            file: "P.csv", line: line(of: "A2,F,10,50", in: population), kind: "notOneOf"),
        BadDemographyTable(
            name: "a survival ratio above 1",
            mortality: replacing("male,10,0.997", "male,10,1.2", in: mortality),
            file: "M.csv", line: line(of: "male,10,0.997", in: mortality), kind: "outOfRange"),
        BadDemographyTable(
            name: "a negative death rate",
            mortality: "sex,age,mx\nfemale,0,0.01\nfemale,20,-0.2\nmale,0,0.01\nmale,20,0.2\n",
            file: "M.csv", line: 3, kind: "negative"),
        BadDemographyTable(
            name: "a life table whose Lx increases",
            mortality: """
                sex,age,Lx
                female,0,490000
                female,5,489000
                female,10,489500
                female,15,488000
                female,20,3000000
                male,0,490000
                male,5,489000
                male,10,488000
                male,15,487000
                male,20,2900000

                """,
            file: "M.csv", line: 4, kind: "invalidValue"),
        BadDemographyTable(
            name: "fertility outside ages 10–54",
            fertility: "age,asfr\n15,0.02\n20,0.01\n",
            file: "F.csv", line: 3, kind: "invalidValue"),
        BadDemographyTable(
            name: "a fertility rate above 1",
            fertility: "age,asfr\n15,1.5\n",
            file: "F.csv", line: 2, kind: "outOfRange"),
        BadDemographyTable(
            name: "a mortality schedule on other ages than the population",
            mortality:
                "sex,age,Sx\nfemale,0,0.99\nfemale,10,0.99\nfemale,20,0.8\nmale,0,0.99\nmale,10,0.99\nmale,20,0.7\n",
            file: "M.csv", line: 2, kind: "invalidValue"),
        BadDemographyTable(
            name: "a fertility age that is not a band of the population",
            fertility: "age,asfr\n17,0.02\n",
            file: "F.csv", line: 2, kind: "invalidValue"),
        BadDemographyTable(
            name: "a migration age that is not a band of the population",
            migration: "area,sex,age,net\nA1,female,3,10\n",
            file: "N.csv", line: 2, kind: "invalidValue"),
        BadDemographyTable(
            name: "migration for an area not in the population",
            migration: "area,sex,age,net\nA9,female,0,10\n",
            file: "N.csv", line: 2, kind: "unknownRegion"),
        BadDemographyTable(
            name: "a population without a count column",
            population: replacing("area,sex,age,count", "area,sex,age,persons", in: population),
            file: "P.csv", line: 1, kind: "missingColumn"),
        BadDemographyTable(
            name: "death rates that stop before the population's open age",
            mortality: "sex,age,mx\nfemale,0,0.01\nfemale,10,0.2\nmale,0,0.01\nmale,10,0.2\n",
            file: "M.csv", line: 2, kind: "invalidValue"),
    ]
}

@Suite struct DemographyTablesTests {
    func kind(_ problem: Problem) -> String {
        String(String(describing: problem).prefix { $0 != "(" })
    }

    @Test("The small valid tables read into two areas on bands 0, 5, 10, 15, 20+")
    func validTables() throws {
        var log = DiagnosticLog()
        let tables = try #require(
            ValidTables.read(
                population: ValidTables.population, mortality: ValidTables.mortality,
                fertility: ValidTables.fertility, migration: ValidTables.migration, log: &log))
        #expect(!log.hasErrors)
        #expect(tables.areas == ["A1", "A2"])
        #expect(tables.grid.bands.lowerBounds == [0, 5, 10, 15, 20])
        #expect(tables.grid[1, 0, .male, 4] == 150)
        #expect(tables.fertility == [[0, 0, 0.001, 0.02, 0]])
        #expect(tables.survival[0].male.values[4] == 0.7)
        // N.csv: A1 female 0 gains 10; A2 male 15 loses 5 (layout area, sex, band).
        #expect(tables.migration?.counts[0] == 10)
        #expect(tables.migration?.counts[10 + 5 + 3] == -5)
    }

    @Test(arguments: ValidTables.cases)
    func badTableIsReportedWithFileLineAndKind(_ input: BadDemographyTable) throws {
        var log = DiagnosticLog()
        let tables = ValidTables.read(
            population: input.population, mortality: input.mortality,
            fertility: input.fertility, migration: input.migration, log: &log)
        #expect(tables == nil)
        let first = try #require(log.sorted.first { $0.severity == .error })
        #expect(first.location.file == input.file, "\(log.sorted)")
        #expect(first.location.line == input.line, "\(log.sorted)")
        #expect(kind(first.problem) == input.kind, "\(log.sorted)")
    }

    @Test("A census table row reads into the 19 census age groups with its code and name")
    func censusRow() throws {
        let cells = DemographyTables.censusAgeColumns.flatMap { ["male_\($0)", "female_\($0)"] }
        let text =
            "code6,name," + cells.joined(separator: ",") + "\n210000,辽宁省,"
            + (0..<38).map { String($0 + 1) }.joined(separator: ",") + "\n"
        var log = DiagnosticLog()
        let table = try #require(ValidTables.table(text, "census.csv", log: &log))
        let units = try #require(DemographyTables.census(table, log: &log))
        #expect(units.count == 1 && units[0].code == "210000" && units[0].name == "辽宁省")
        // male_0 = 1, female_0 = 2, …, female_85plus = 38.
        #expect(units[0].population.male[0] == 1 && units[0].population.female[18] == 38)
        #expect(units[0].population.total == Double(38 * 39 / 2))
    }
}
