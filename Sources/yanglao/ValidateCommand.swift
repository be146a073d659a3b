import ArgumentParser

/// `yanglao validate SCENARIO`: load and check a scenario without writing anything.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a scenario and every table it names; print all problems.",
        discussion: """
            Examples:
              yanglao validate Scenarios/anshan
              yanglao validate Scenarios/anshan --set report_year=2025
            """)

    @OptionGroup var options: ScenarioOptions

    func run() throws {
        let loaded = try options.load()
        guard !options.quiet else { return }
        let messages = Messages(options.lang)
        Console.out(messages.summary(loaded.scenario))
        Console.out(messages.valid)
    }
}
