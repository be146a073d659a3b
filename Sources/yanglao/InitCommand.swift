import ArgumentParser
import Diagnostics
import Foundation
import Planning

/// `yanglao init --region CODE --out DIR`: a scenario folder for any place of the shipped
/// scenarios.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Make a scenario folder for a province, city or county of the shipped scenarios.",
        discussion: """
            Takes the place from the shipped scenario whose region is the smallest that
            holds it: its census population, divisions and (synthetic) facilities, the
            shipped rates and assumptions, and the target catalogues issued for the place or
            a region above it. The investment plan is empty. README.md in the folder lists
            what a bureau should replace. The folder validates and runs at once.

            Examples:
              yanglao init --region 210123 --out Output/kangping
              yanglao init --region 140121 --out Output/qingxu --lang en
            """)

    @Option(help: "The place's statistical division code (e.g. 210123 for 康平县).")
    var region: String

    @Option(help: "The folder to make (it must not exist).")
    var out: String

    @Option(help: "The folder of shipped scenarios to take the place from.")
    var from = "Scenarios"

    @Option(help: "Language of the messages: zh (default) or en.")
    var lang: Language = .zh

    func run() throws {
        let made = try Yanglao.call(lang) {
            try Planning.newScenario(NewScenarioRequest(region: region, out: out, from: from))
        }
        if lang == .zh {
            Console.out(
                "已新建情景 \(made.id)：\(made.placeName)（\(made.placeCode)），取自 \(made.base)，"
                    + "\(made.files.count) 个文件写入 \(made.folder)/")
            Console.out("投资计划为空；请按 \(made.folder)/README.md 替换合成数据和假设。")
            Console.out("下一步：yanglao run \(made.folder)")
        } else {
            Console.out(
                "New scenario \(made.id): \(made.placeName) (\(made.placeCode)) from \(made.base), "
                    + "\(made.files.count) files in \(made.folder)/")
            Console.out(
                "The investment plan is empty; replace the synthetic data and assumptions as "
                    + "\(made.folder)/README.md lists.")
            Console.out("Next: yanglao run \(made.folder)")
        }
    }
}
