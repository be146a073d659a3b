import ArgumentParser
import Foundation
import Geography
import Planning
import Reports

/// `yanglao districts RUN_DIR --level county --year Y`: units compared.
struct DistrictsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "districts",
        abstract: "Compare the units of a level within the planning region (HTML).",
        discussion: """
            Writes districts-LEVEL-YEAR.html into the run folder: every unit of the level
            on the key indicators, with its rank, a colour scale, its share of the region's
            shortfall and a map of the units.

            Examples:
              yanglao districts Output/anshan/20261123T101500Z --level county --year 2025
              yanglao districts Output/liaoning/plan --level city --lang en
            """)

    @Argument(help: "A run folder.")
    var folder: String

    @Option(help: "The level: city, county or township (default county).")
    var level = "county"

    @Option(help: "The year (default: the scenario's report year).")
    var year: Int?

    @OptionGroup var options: RunFolderOptions

    func run() throws {
        guard let level = RegionLevel(name: level) else {
            Console.error(
                Messages(options.lang).error(
                    "未知的层级「\(level)」；可选 city、county 或 township",
                    "unknown level '\(level)'; choose city, county or township"))
            throw ExitCode(64)
        }
        try options.make(.districts(level: level, year: year), of: folder)
    }
}
