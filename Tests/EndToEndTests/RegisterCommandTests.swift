import Foundation
import Testing

/// The example register (`Examples/register`, an Excel workbook with its mistakes on sheet
/// 机构名录 and corrected on sheet 更正后) through the command line, as the README shows it.
@Suite struct RegisterCommandTests {
    let readme = (try? String(contentsOfFile: repository + "/README.md", encoding: .utf8)) ?? ""

    /// The lines printed after `$ command` in the README, up to the next `$` line or the end
    /// of the block.
    func printed(after command: String) -> [String] {
        let lines = readme.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let start = lines.firstIndex(of: "$ " + command) else { return [] }
        return Array(lines[(start + 1)...].prefix { !$0.hasPrefix("$") && !$0.hasPrefix("```") })
    }

    @Test func validatingTheRegisterPrintsWhatTheReadmeShowsAndExits64() throws {
        let shown = printed(after: "yanglao validate Examples/register")
        // 9 findings, the summary's heading and counts, and the error count.
        #expect(shown.count == 12)
        let result = try yanglao(["validate", "Examples/register"])
        #expect(result.status == 64)
        #expect(result.output.isEmpty)
        #expect(result.errors.split(separator: "\n").map(String.init) == shown)
    }

    @Test func theCorrectedSheetValidatesAsTheReadmeShows() throws {
        let shown = printed(
            after:
                "yanglao validate Examples/register --set facilities.sheet=更正后 2>/dev/null | tail -2"
        )
        #expect(shown.count == 2)
        let result = try yanglao(["validate", "Examples/register", "--set", "facilities.sheet=更正后"])
        #expect(result.status == 0)
        #expect(Array(result.output.split(separator: "\n").map(String.init).suffix(2)) == shown)
    }

    @Test func aRunWritesTheDataQualitySummaryToItsFolder() throws {
        let folder = try TemporaryFolder()
        let result = try yanglao([
            "run", "Examples/register", "--set", "facilities.sheet=更正后", "--out", folder.path,
            "--run-id", "register", "--format", "csv", "--quiet",
        ])
        #expect(result.status == 0)
        let file = folder.path + "/register-example/register/data-quality.txt"
        let text = try String(contentsOfFile: file, encoding: .utf8)
        let lines = text.split(separator: "\n").map(String.init)
        // The heading, the counts of the corrected sheet (its errors fixed, its 5 warnings
        // kept), and each finding at its cell.
        #expect(lines.first == "数据质量摘要")
        #expect(
            lines.dropFirst().first
                == "Examples/register/register.xlsx：隐藏行 1，重复记录 1，缺少坐标 1，坐标超出区域范围 1，数值异常 1")
        #expect(
            lines.dropFirst(2).map { $0.split(separator: ":").dropFirst().first.map(String.init) }
                == ["更正后!H6", "更正后!J7", "更正后!J10", "更正后!A12", "更正后!B12"])
    }
}
