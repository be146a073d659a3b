import CSV
import Diagnostics
import Foundation
import Geography
import ScenarioFiles

/// What the targets need besides the input: tables from the repository, parsed once, and a
/// scratch folder holding a scenario's world (its tables, a base scenario to extend, target
/// catalogues and service lists) for the input's `scenario.yaml`.
enum Fixtures {
    /// The repository's root: YANGLAO_ROOT, or the checkout this file was compiled in.
    static let root: String =
        ProcessInfo.processInfo.environment["YANGLAO_ROOT"]
        ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .path

    /// This process's scratch folder, under TMPDIR; removed at exit.
    nonisolated(unsafe) static var scratch = ""
    /// The region tree of Examples/small-city, for the tables that name regions.
    nonisolated(unsafe) static var tree: RegionTree?
    /// Example tables of Examples/demography by file name, for the projection's other inputs.
    nonisolated(unsafe) static var demography: [String: CSVTable] = [:]

    static func prepare(for target: FuzzTarget) {
        switch target {
        case .csv, .yaml:
            break
        case .regionTables:
            var log = DiagnosticLog()
            tree =
                RegionTable.load(path: repository("Examples/small-city/regions.csv"), log: &log)
                .tree
            guard tree != nil else { fail("Examples/small-city/regions.csv does not load") }
        case .demographyTables:
            for name in ["population.csv", "mortality.csv", "fertility.csv", "migration.csv"] {
                var log = DiagnosticLog()
                let path = repository("Examples/demography/\(name)")
                guard let table = CSVReader.read(atPath: path, name: path, log: &log) else {
                    fail("\(path) does not read")
                }
                demography[name] = table
            }
        case .scenario:
            makeScratch()
            // The input's folder: Weibin's tables, the demography examples, and the files of
            // the examples' scenarios under their folder's name (small-city-regions.csv), as
            // Fuzz/Corpus/collect.sh names them in the seeds.
            copy("Scenarios/weibin", into: "Scenarios/fuzz", only: ".csv")
            copy("Examples/demography", into: "Scenarios/fuzz", only: ".csv")
            for example in ["small-city", "facilities"] {
                copy("Examples/\(example)", into: "Scenarios/fuzz", only: ".csv", prefix: example)
                copy(
                    "Examples/\(example)", into: "Scenarios/fuzz", only: "targets.yaml",
                    prefix: example)
            }
            // A base to extend (`extends: ../weibin`) and the files scenarios name by `../`.
            copy("Scenarios/weibin", into: "Scenarios/weibin", only: ".csv")
            copy("Scenarios/weibin/scenario.yaml", into: "Scenarios/weibin")
            copy("Scenarios/targets", into: "Scenarios/targets", only: ".yaml")
            copy("Scenarios/service-lists", into: "Scenarios/service-lists", only: ".yaml")
        case .documents:
            makeScratch()
            createFolder("documents")
        case .xlsx:
            // Weibin's tree, whose street and community names the example register uses.
            var log = DiagnosticLog()
            tree =
                RegionTable.load(path: repository("Scenarios/weibin/regions.csv"), log: &log).tree
            guard tree != nil else { fail("Scenarios/weibin/regions.csv does not load") }
        }
    }

    static func repository(_ path: String) -> String { root + "/" + path }

    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("yanglao-fuzz: \(message)\n".utf8))
        exit(2)
    }

    private static func makeScratch() {
        let base = ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp"
        scratch = "\(base)/yanglao-fuzz-\(getpid())"
        try? FileManager.default.removeItem(atPath: scratch)
        createFolder("")
        atexit { try? FileManager.default.removeItem(atPath: Fixtures.scratch) }
    }

    private static func createFolder(_ folder: String) {
        do {
            try FileManager.default.createDirectory(
                atPath: scratch + "/" + folder, withIntermediateDirectories: true)
        } catch {
            fail("cannot make \(scratch)/\(folder): \(error)")
        }
    }

    /// Copies a file, or a folder's files whose names end in `only`, into a scratch folder,
    /// their names after `prefix-` when one is given.
    private static func copy(
        _ source: String, into folder: String, only suffix: String? = nil,
        prefix: String? = nil
    ) {
        createFolder(folder)
        let manager = FileManager.default
        let from = repository(source)
        var isFolder: ObjCBool = false
        guard manager.fileExists(atPath: from, isDirectory: &isFolder) else {
            fail("\(from) is missing")
        }
        let names =
            isFolder.boolValue
            ? ((try? manager.contentsOfDirectory(atPath: from)) ?? []).filter {
                $0.hasSuffix(suffix ?? "")
            }.map { from + "/" + $0 }
            : [from]
        for file in names {
            let name = (file as NSString).lastPathComponent
            let target = scratch + "/" + folder + "/" + (prefix.map { "\($0)-" } ?? "") + name
            try? manager.removeItem(atPath: target)
            do {
                try manager.copyItem(atPath: file, toPath: target)
            } catch {
                fail("cannot copy \(file): \(error)")
            }
        }
    }

    /// Writes the input to a file of the scratch folder.
    static func write(_ bytes: [UInt8], to path: String) {
        let written = bytes.withUnsafeBufferPointer { buffer in
            FileManager.default.createFile(
                atPath: path, contents: Data(buffer: buffer), attributes: nil)
        }
        if !written { fail("cannot write \(path)") }
    }
}
