import CFuzzer
import Foundation

/// The fuzz targets: each feeds the input's bytes to one reader (or one family of readers) the
/// way the tool does, and renders every diagnostic the way the tool prints them. A diagnostic,
/// however many, is a correct answer; only a crash, a hang or a memory blowup is a finding.
enum FuzzTarget: String, CaseIterable {
    /// CSV bytes: encoding detection, the RFC 4180 reader, cell locations, number fields.
    case csv
    /// YAML text: the parser, and the writer's output read back.
    case yaml
    /// A scenario file loaded from a folder of real tables, through the decoder.
    case scenario
    /// The tables that name regions: regions, facilities, elderly population, unit costs.
    case regionTables = "region-tables"
    /// The demography tables, the tables of `project` and of `assess`.
    case demographyTables = "demography-tables"
    /// The YAML documents read on their own: service lists and target catalogues.
    case documents
    /// Excel workbooks (`.xlsx`): the zip archive, the XML parts, the sheet as a table, and
    /// the register readers on it.
    case xlsx

    func run(_ bytes: [UInt8]) {
        switch self {
        case .csv: Readers.csv(bytes)
        case .yaml: Readers.yaml(bytes)
        case .scenario: Readers.scenario(bytes)
        case .regionTables: Readers.regionTables(bytes)
        case .demographyTables: Readers.demographyTables(bytes)
        case .documents: Readers.documents(bytes)
        case .xlsx: Readers.xlsx(bytes)
        }
    }

    /// The target named by `--target=NAME` (libFuzzer ignores flags that start with two
    /// dashes) or by the environment variable YANGLAO_FUZZ_TARGET.
    static func chosen(arguments: [String]) -> FuzzTarget {
        let prefix = "--target="
        let name =
            arguments.last { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }
            ?? ProcessInfo.processInfo.environment["YANGLAO_FUZZ_TARGET"]
        guard let name, let target = FuzzTarget(rawValue: name) else {
            let names = allCases.map(\.rawValue).joined(separator: ", ")
            FileHandle.standardError.write(
                Data("yanglao-fuzz: name a target with --target=NAME, one of: \(names)\n".utf8))
            exit(2)
        }
        return target
    }
}

/// The target of this process, chosen before the first input.
nonisolated(unsafe) private var target: FuzzTarget?

/// Runs one input.
private func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    target?.run(bytes)
    return 0
}

let chosen = FuzzTarget.chosen(arguments: CommandLine.arguments)
Fixtures.prepare(for: chosen)
target = chosen
var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv) { testOneInput($0, $1) })
