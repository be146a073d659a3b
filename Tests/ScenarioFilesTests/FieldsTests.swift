import Diagnostics
import Quantities
import Testing

@testable import ScenarioFiles

@Suite struct FieldsTests {
    func node(_ text: String) throws -> YAMLNode {
        try #require(YAMLParser.parseValue(text, file: "f.yaml").root)
    }

    @Test(arguments: [
        ("0.55", 0.55),
        ("55 %", 0.55),
        ("55%", 0.55),
        ("{value: 55, unit: '%', source: '004 一(二)'}", 0.55),
        ("550 ‰", 0.55),
    ])
    func sharesMayBeWrittenAsFractionsOrPercentages(text: String, expected: Double) throws {
        var log = DiagnosticLog()
        let value = Read.quantity(
            try node(text), field: "nursing_share", unit: .fraction, range: 0...1, log: &log)
        #expect(log.diagnostics.isEmpty)
        #expect(abs((value?.value ?? -1) - expected) < 1e-12)
    }

    @Test func theSourceOfANumberIsKept() throws {
        var log = DiagnosticLog()
        let value = Read.quantity(
            try node("{value: 1.2, unit: 亿元, source: 福彩公益金}"), field: "budget", unit: .yuan,
            log: &log)
        #expect(value?.value == 1.2e8)
        #expect(value?.source == "福彩公益金")
    }

    // The example of the foundation issue: a share written as 55 without a unit.
    @Test func aShareOfFiftyFiveIsOutOfRangeWithTheIssuesMessage() throws {
        var log = DiagnosticLog()
        _ = Read.quantity(
            try node("55"), field: "nursing_share", unit: .fraction, range: 0...1, log: &log)
        #expect(
            log.diagnostics.map { $0.problem.message(in: .en) } == [
                "nursing_share must be between 0 and 1 (got 55)"
            ])
    }

    @Test func unitsOfTheWrongDimensionOrUnknownUnitsAreErrors() throws {
        var log = DiagnosticLog()
        _ = Read.quantity(try node("3 km"), field: "nursing_share", unit: .fraction, log: &log)
        _ = Read.quantity(
            try node("{value: 3, unit: yaun}"), field: "budget", unit: .yuan, log: &log)
        _ = Read.quantity(try node("lots"), field: "budget", unit: .yuan, log: &log)
        #expect(
            log.diagnostics.map(\.problem) == [
                .unitMismatch(field: "nursing_share", unit: "km", expected: "fraction"),
                .invalidValue(
                    field: "budget.unit", reason: "unknown unit 'yaun' (did you mean 'yuan'?)"),
                .wrongType(field: "budget", expected: "a number", got: "'lots'"),
            ])
    }

    // {2020: 30 %, 2025: 0.55} interpolated: 2022 is 0.30 + 2/5 × 0.25 = 0.40.
    @Test func yearlyValuesMixUnitsAndInterpolate() throws {
        var log = DiagnosticLog()
        let result = Read.yearly(
            try node("{2025: 0.55, 2020: 30 %}"), field: "nursing_share", unit: .fraction,
            rule: .interpolate, range: 0...1, log: &log)
        #expect(log.diagnostics.isEmpty)
        let path = try #require(result?.values)
        #expect(path.years == [2020, 2025])
        #expect(abs(path.value(in: 2022)! - 0.40) < 1e-12)
    }

    @Test func yearlyValuesTakeAUnitAndSourceForAllYears() throws {
        var log = DiagnosticLog()
        let result = Read.yearly(
            try node("{values: {2021: 1.2, 2022: 0.8}, unit: 亿元, source: 省级福彩公益金}"),
            field: "budget",
            unit: .yuan, rule: .keyedYearsOnly, log: &log)
        #expect(log.diagnostics.isEmpty)
        #expect(result?.values.values(in: 2020...2022) == [nil, 1.2e8, 0.8e8])
        #expect(result?.source == "省级福彩公益金")
    }

    @Test func aSingleNumberIsTheSameInEveryYear() throws {
        var log = DiagnosticLog()
        let result = Read.yearly(
            try node("1.1"), field: "tfr", unit: .one, rule: .interpolate, log: &log)
        #expect(result?.values.value(in: 1990) == 1.1)
        #expect(result?.values.value(in: 2100) == 1.1)
    }

    @Test func badYearsAndBadValuesInAPathAreEachReported() throws {
        var log = DiagnosticLog()
        let result = Read.yearly(
            try node("{2020: 0.3, twenty: 0.4, 2030: 1.5}"), field: "nursing_share",
            unit: .fraction,
            rule: .hold, range: 0...1, years: 2000...2100, log: &log)
        #expect(result == nil)
        #expect(
            log.diagnostics.map(\.problem) == [
                .outOfRange(
                    field: "a year of nursing_share", value: "twenty",
                    range: "between 2000 and 2100"),
                .outOfRange(field: "nursing_share in 2030", value: "1.5", range: "between 0 and 1"),
            ])
    }

    @Test func unknownKeysAreReportedWithTheClosestKnownKey() throws {
        var log = DiagnosticLog()
        let mapping = try #require(
            YAMLParser.parse("file: a.csv\ndatun: GCJ-02\n", file: "f.yaml").root)
        _ = Fields(mapping, section: "regions", keys: ["file", "datum"], log: &log)
        #expect(
            log.diagnostics == [
                .error(
                    .unknownKey(key: "datun", section: "regions", suggestion: "datum"),
                    at: SourceLocation(file: "f.yaml", line: 2, column: 1))
            ])
    }

    @Test func fileNamesResolveAgainstTheFileThatNamesThem() throws {
        var log = DiagnosticLog()
        let fromBase = YAMLNode.scalar(
            "regions.csv", at: SourceLocation(file: "Scenarios/anshan/scenario.yaml"))
        #expect(Read.file(fromBase, field: "regions", log: &log) == "Scenarios/anshan/regions.csv")
        let upward = YAMLNode.scalar(
            "../shared/r.csv", at: SourceLocation(file: "Scenarios/anshan-plan/scenario.yaml"))
        #expect(Read.file(upward, field: "regions", log: &log) == "Scenarios/shared/r.csv")
        let fromCommandLine = YAMLNode.scalar(
            "x/r.csv", at: SourceLocation(file: "--set regions=x/r.csv"))
        #expect(Read.file(fromCommandLine, field: "regions", log: &log) == "x/r.csv")
    }
}
