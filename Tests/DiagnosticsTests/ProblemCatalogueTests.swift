import Testing

@testable import Diagnostics

/// The message catalogue: every ``Problem`` speaks Chinese and English.
@Suite struct ProblemCatalogueTests {
    /// A value of each case. The switch has no `default`, so adding a case to ``Problem``
    /// (and so to ``Problem/Kind``) does not compile until it has a sample here.
    static func sample(_ kind: Problem.Kind) -> Problem {
        switch kind {
        case .fileNotFound: .fileNotFound(path: "Scenarios/x/regions.csv")
        case .unreadableFile: .unreadableFile(path: "a.csv", reason: "Permission denied")
        case .invalidEncoding: .invalidEncoding(detail: "UTF-16")
        case .fileTooLarge:
            .fileTooLarge(path: "r.csv", size: 600 << 20, limit: 512 << 20, what: "a table")
        case .omitted: .omitted(count: 99_980, severity: .error, file: "t.csv")
        case .yamlSyntax: .yamlSyntax("expected ':'")
        case .unsupportedYAML: .unsupportedYAML("an anchor (&)")
        case .duplicateKey: .duplicateKey(key: "horizon", firstLine: 3)
        case .unknownKey: .unknownKey(key: "horizn", section: "", suggestion: "horizon")
        case .missingKey: .missingKey(key: "region", section: "facilities")
        case .wrongType: .wrongType(field: "seed", expected: "a whole number", got: "'x'")
        case .outOfRange:
            .outOfRange(field: "horizon", value: "1990", range: "between 2020 and 2120")
        case .notOneOf: .notOneOf(field: "sex", value: "mael", allowed: ["male", "female"])
        case .invalidValue: .invalidValue(field: "bands", reason: "bands overlap")
        case .unitMismatch: .unitMismatch(field: "budget", unit: "beds", expected: "yuan")
        case .extendsCycle: .extendsCycle(chain: ["a", "b", "a"])
        case .badOverride: .badOverride(argument: "horizon", reason: "expected key.path=value")
        case .missingColumn: .missingColumn(column: "weight", suggestion: "wieght")
        case .unknownColumn: .unknownColumn(column: "colour", suggestion: nil)
        case .duplicateColumn: .duplicateColumn(column: "beds")
        case .raggedRow: .raggedRow(expected: 5, found: 4)
        case .badQuoting: .badQuoting("unterminated quote")
        case .notANumber: .notANumber(column: "beds", value: "many")
        case .emptyCell: .emptyCell(column: "code")
        case .negative: .negative(column: "beds", value: "-3")
        case .emptyTable: .emptyTable
        case .badRegionCode: .badRegionCode(value: "21A3", reason: "digits only")
        case .duplicateRegion: .duplicateRegion(code: "210302", firstLine: 4)
        case .missingParent: .missingParent(code: "210302", parent: "210300")
        case .unknownRegion: .unknownRegion(code: "999999")
        case .parentMismatch:
            .parentMismatch(code: "210302", given: "210400", impliedByCode: "210300")
        case .duplicateID: .duplicateID(id: "a", firstLine: 2)
        case .badWorkbook: .badWorkbook(reason: "not a zip archive")
        case .unknownSheet: .unknownSheet(name: "Cels", sheets: ["Cells", "Notes"])
        case .hiddenRow: .hiddenRow
        case .formulaValue: .formulaValue(reason: "#REF!")
        case .duplicateEntry: .duplicateEntry(name: "Tiedong home", first: "row 4")
        case .missingCoordinates: .missingCoordinates(name: "Tiedong home")
        case .outsideRegion:
            .outsideRegion(longitude: 130.5, latitude: 41.1, box: "122.6–123.3, 40.8–41.3")
        case .implausible: .implausible(field: "beds", value: "30000", limit: "3,000")
        case .unmatchedName:
            .unmatchedName(name: "Jiefang", within: "210302002", suggestions: ["Jiefangjie"])
        case .ambiguousName:
            .ambiguousName(
                name: "Xinhua", within: "210302002", candidates: ["Xinhua 1", "Xinhua 2"])
        case .unknownNode: .unknownNode(id: "zz")
        case .offNetwork: .offNetwork(distance: 1400, limit: 500)
        case .badBoundary: .badBoundary(.badRing)
        }
    }

    /// Samples hold ASCII values only, so that any CJK character in an English message comes
    /// from the catalogue.
    static let samples = Problem.Kind.allCases.map(sample)

    // 44 cases today; a sample of another case would make a diagnostic count as the wrong kind.
    @Test(arguments: Problem.Kind.allCases)
    func eachSampleIsOfItsOwnKind(_ kind: Problem.Kind) {
        #expect(Self.sample(kind).kind == kind)
    }

    @Test(arguments: samples)
    func everyMessageHasAChineseAndAnEnglishText(_ problem: Problem) {
        let chinese = problem.message(in: .zh)
        let english = problem.message(in: .en)
        #expect(!chinese.isEmpty && !english.isEmpty)
        #expect(
            chinese.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) },
            "no Chinese in \(chinese)")
        #expect(chinese != english)
        #expect(
            !english.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) },
            "Chinese in the English \(english)")
    }

    @Test(arguments: Diagnostic.Severity.allCases)
    func severityWordsAreChineseByDefaultAndEnglishOnRequest(_ severity: Diagnostic.Severity) {
        #expect(severity.name(in: .en) == severity.rawValue)
        #expect(["错误", "警告", "提示"].contains(severity.name(in: .zh)))
    }

    // The location and the ": " around the severity word are the same in both languages.
    @Test func aLocatedErrorKeepsItsLocationInBothLanguages() {
        let diagnostic = Diagnostic.error(
            .notANumber(column: "beds", value: "many"),
            at: SourceLocation(file: "facilities.csv", line: 3, column: 7))
        #expect(diagnostic.description == "facilities.csv:3:7: 错误: beds 不是数字：「many」")
        #expect(diagnostic.description(in: .zh) == diagnostic.description)
        #expect(
            diagnostic.description(in: .en)
                == "facilities.csv:3:7: error: beds must be a number (got 'many')")
    }

    @Test func rangesAndShapesReadInChinese() {
        #expect(
            Problem.outOfRange(field: "horizon", value: "1990", range: "between 2020 and 2120")
                .message(in: .zh) == "horizon 超出范围，应为 2020 至 2120 之间（实际为 1990）")
        #expect(
            Problem.wrongType(field: "seed", expected: "a whole number", got: "'x'")
                .message(in: .zh) == "seed 应为整数（实际为 'x'）")
        #expect(
            Problem.unknownKey(key: "horizn", section: "", suggestion: "horizon").message(in: .zh)
                == "未知的键「horizn」（是否应为「horizon」？）")
    }
}

extension Problem: CustomTestStringConvertible {
    public var testDescription: String { kind.rawValue }
}

/// Sizes in binary units, worked by hand. The fuzzer's workbook declaring a part of nearly
/// Int.max bytes (Fuzz/Regressions/xlsx/trap-byte-size-overflow-declared-size.xlsx) trapped
/// on `bytes * 10`: Int.max = 2⁶³ − 1 is 8,589,934,591 GiB and 2³⁰ − 1 bytes, which round up
/// to 8,589,934,592.0 GiB.
@Suite struct ByteSizeTests {
    @Test(arguments: [
        (17, "17 bytes"), (1, "1 byte"), (600 << 10, "600 KiB"), (512 << 20, "512 MiB"),
        (1_610_612_736, "1.5 GiB"), (1 << 30, "1.0 GiB"), (Int.max, "8589934592.0 GiB"),
    ])
    func sizes(bytes: Int, text: String) {
        #expect(Problem.byteSize(bytes) == text)
    }
}
