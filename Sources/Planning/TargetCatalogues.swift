import Diagnostics
import Foundation
import ScenarioFiles
import Targets

extension Planning {
    /// The target catalogues (目标清单) to list: the files given, or every `*.yaml` of a folder
    /// in name order.
    /// - Returns: the catalogues and the warnings found reading them, rendered.
    /// - Throws: bad input, with every problem located, when a catalogue is malformed or the
    ///   folder holds none.
    public static func targetCatalogues(_ documents: [String], folder: String)
        throws(PlanningError) -> (catalogues: [TargetCatalogue], warnings: BilingualText?)
    {
        var files = documents
        if files.isEmpty {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            files = names.filter { $0.hasSuffix(".yaml") }.sorted().map { folder + "/" + $0 }
            if files.isEmpty {
                throw PlanningError(
                    .badInput,
                    error: BilingualText(
                        chinese: "\(folder) 中没有目标清单（*.yaml）",
                        english: "no target catalogues (*.yaml) in \(folder)"))
            }
        }
        var log = DiagnosticLog()
        var sources = SourceTexts()
        var catalogues: [TargetCatalogue] = []
        for file in files {
            if let catalogue = TargetCatalogueFile.load(path: file, log: &log, sources: &sources) {
                catalogues.append(catalogue)
            }
        }
        let rendered =
            log.diagnostics.isEmpty
            ? nil
            : BilingualText {
                DiagnosticRenderer(sources: sources, language: $0).render(log.sorted)
            }
        if log.hasErrors {
            throw PlanningError(.badInput, rendered ?? BilingualText(verbatim: ""))
        }
        return (catalogues, rendered)
    }
}
