import ArgumentParser
import Foundation
import Planning
import ScenarioFiles
import Simulation
import Targets

/// `yanglao required SCENARIO --target ID`: the smallest budget or yearly action count that
/// meets a target by its deadline.
struct RequiredCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "required",
        abstract: "The smallest budget or yearly action count that meets a target by its deadline.",
        discussion: """
            The lever is a key path of the scenario, as --set names values: a plan
            line's yearly count (searched as a whole number, by bisection), a budget
            source (a factor on every year of it, by Brent's method) or
            investment.budget (every source scaled together; the default). Each lever
            value is run to the target's deadline. With --probability P the scenario's
            uncertainty: section is sampled --draws times at every lever value (the same
            draws each time) and the smallest value at which the share of draws meeting
            the target reaches P is found.

            Examples:
              yanglao required Scenarios/anshan/variants/plan.yaml --target as.meal-sites
              yanglao required Examples/small-city --target ex.nursing-share \\
                  --lever investment.actions.0.convert_to_nursing.per_year
              yanglao required Scenarios/liaoning/variants/uncertain.yaml \\
                  --target ln.street-centres --lever investment.budget.central_budget \\
                  --probability 0.9 --draws 50
            """)

    @OptionGroup var options: ScenarioOptions

    @Option(help: "The target's id (yanglao targets lists them).")
    var target: String

    @Option(help: ArgumentHelp("The lever (default: investment.budget).", valueName: "key.path"))
    var lever: String = RequiredEffortSearch.defaultLever

    @Option(help: "Probability to reach over the scenario's distributions, in (0, 1).")
    var probability: Double?

    @Option(help: "Replicates per lever value with --probability.")
    var draws: Int = 100

    @Option(help: "Threads for the replicates (default: every core).")
    var threads: Int?

    @Flag(
        help:
            "Give the plain smallest value that meets the target, even if another target gets worse."
    )
    var allowWorse = false

    func validate() throws {
        if let probability, !(probability > 0 && probability < 1) {
            throw ValidationError("--probability must lie strictly between 0 and 1")
        }
        if draws < 2 { throw ValidationError("--draws must be at least 2") }
    }

    func run() throws {
        let template = try options.loadTemplate()
        let outcome = try Yanglao.call(options.lang) {
            try Planning.required(
                RequiredRequest(
                    template: template, target: target, lever: lever, probability: probability,
                    draws: draws,
                    threads: threads ?? ProcessInfo.processInfo.activeProcessorCount,
                    keepingOthers: !allowWorse))
        }
        Console.out(RequiredMessages(english: options.lang == .en).describe(outcome))
    }
}
