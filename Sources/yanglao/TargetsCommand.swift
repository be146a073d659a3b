import ArgumentParser
import Diagnostics
import Foundation
import Planning
import Targets

/// `yanglao targets`: list the target catalogues, or the indicators they use.
struct TargetsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "targets",
        abstract: "List the targets of the policy documents, with their sources.",
        discussion: """
            Reads every catalogue in Scenarios/targets/ (or the files given with
            --document) and prints each target: indicator, threshold, deadline, scope and
            the clause it comes from. With --indicators, lists the indicators targets can
            use.

            Examples:
              yanglao targets
              yanglao targets --document Scenarios/targets/001-anshan-2021.yaml --lang en
              yanglao targets --indicators
            """)

    @Option(name: .customLong("document"), help: "A target catalogue to list (repeatable).")
    var documents: [String] = []

    @Option(help: "The folder of catalogues listed when no --document is given.")
    var folder = "Scenarios/targets"

    @Flag(help: "List the indicators instead of the targets.")
    var indicators = false

    @Option(help: "Language: zh (default) or en.")
    var lang: Language = .zh

    func run() throws {
        if indicators {
            for indicator in IndicatorCatalogue.all {
                Console.out(TargetText(lang).describe(indicator))
            }
            return
        }
        let (catalogues, warnings) = try Yanglao.call(lang) {
            try Planning.targetCatalogues(documents, folder: folder)
        }
        if let warnings { Console.error(warnings.text(in: lang)) }
        let text = TargetText(lang)
        for catalogue in catalogues {
            Console.out(text.heading(catalogue))
            for target in catalogue.targets { Console.out(text.describe(target)) }
            Console.out("")
        }
    }
}
