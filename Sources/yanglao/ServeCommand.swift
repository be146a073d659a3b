import ArgumentParser
import Diagnostics
import Foundation
import Workbench

/// `yanglao serve [SCENARIO_DIR…]`: the planning workbench in the browser.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Open the planning workbench: change a scenario's levers in the browser.",
        discussion: """
            Serves a page where the levers of a scenario (budget by source and year, each
            plan line's yearly count and years, priorities, occupancy and take-up pins) are
            form controls; each change is run as `yanglao run --set` runs it and the target
            table and trend charts update in place. The state can be saved as a variant
            (variants/NAME.yaml, which extends the scenario and lists only the changes) and
            its annual report exported.

            Only the scenario folders given (default: every folder of Scenarios/ with a
            scenario.yaml) and their variants/ are opened. The server listens on loopback;
            any other --host needs --token, which every request must then carry.

            Examples:
              yanglao serve Scenarios/anshan
              yanglao serve Scenarios/anshan Scenarios/liaoning --port 8090
            """)

    @Argument(help: "Scenario folders to open (default: the folders of Scenarios/).")
    var folders: [String] = []

    @Option(help: "The port to listen on (0: any free port).")
    var port = 8080

    @Option(help: "The address to listen on; other than loopback needs --token.")
    var host = "127.0.0.1"

    @Option(help: "A secret of 16 or more characters every request must carry.")
    var token: String?

    @Option(help: "Language of the console lines: zh (default) or en.")
    var lang: Language = .zh

    func validate() throws {
        guard (0...65535).contains(port) else {
            throw ValidationError("--port must be 0…65535")
        }
    }

    func run() throws {
        var folders = self.folders
        if folders.isEmpty {
            let shipped = (try? FileManager.default.contentsOfDirectory(atPath: "Scenarios")) ?? []
            folders = shipped.sorted().map { "Scenarios/" + $0 }
        }
        let workbench: Workbench
        do {
            workbench = try Workbench(
                folders: folders, host: host, port: port, token: token, build: Yanglao.build)
        } catch {
            Console.error(error.text.text(in: lang))
            throw ExitCode(64)
        }
        let language = lang
        try workbench.serveUntilStopped { address in
            // Written unbuffered, so that a script reading the address sees it at once.
            let line =
                language == .zh
                ? "规划工作台：\(address)（Ctrl-C 停止）\n"
                : "Planning workbench: \(address) (Ctrl-C to stop)\n"
            FileHandle.standardOutput.write(Data(line.utf8))
        }
    }
}
