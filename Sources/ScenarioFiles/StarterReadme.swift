import Geography

/// The README of a folder made by `yanglao init`: what each file is, where it comes from,
/// what a bureau should put in its place, the figures marked as assumptions, and what was
/// left out because it was sized to the shipped region. Chinese first, then English.
struct StarterReadme {
    let place: Region
    let label: String
    let baseName: String
    let files: [(name: String, key: String)]
    let assumptions: [(key: String, source: String)]
    let dropped: [String]

    /// What a file named under a key path is and what replaces it: Chinese, English.
    static func advice(key: String, name: String) -> (String, String) {
        if name.contains("synthetic") {
            return (
                "**合成数据**：按公开总量生成，不是真实台账。请换成本地的机构台账（CSV 或 .xlsx，中文表头可直接识别）。",
                "**Synthetic**: made to match published totals, not a register. Replace it with "
                    + "the bureau's own facility register (CSV or .xlsx; Chinese headers are read)."
            )
        }
        let table: [(String, String, String)] = [
            (
                "regions", "区划代码、名称、层级、城乡分类和代表点（国家统计局统计用区划代码）。社区和村无坐标时按规则推算位置；有社区坐标请补上。",
                "Division codes, names, levels, urban–rural classes and representative points "
                    + "(NBS statistical division codes). Communities and villages without points "
                    + "get estimated ones; add the real points where the bureau has them."
            ),
            (
                "boundaries", "区县边界，仅用于地图。", "County boundaries, for the maps only."
            ),
            (
                "targets", "政策文件的目标目录（条款、阈值、期限）。本地文件的目标可另写一个目录加入 targets。",
                "A policy document's target catalogue (clause, threshold, deadline). Add a "
                    + "catalogue of the local documents to `targets`."
            ),
            (
                "demography.population", "第七次全国人口普查（2020）分区县、性别、年龄人口。",
                "2020 census population by county, sex and age."
            ),
            (
                "demography.urban_rural", "第七次全国人口普查城乡人口。",
                "2020 census urban and rural residents."
            ),
            (
                "demography.migration", "2010→2020 两次普查推算的净迁移；有本地户籍和流动人口数据时替换。",
                "Net migration from the 2010 and 2020 censuses; replace it with local "
                    + "registration and migration figures where known."
            ),
            (
                "demography.care_need", "各能力等级的老年人比例（假设）。请换成本地老年人能力评估结果。",
                "Shares of older people by capability level (an assumption). Replace them with "
                    + "the local capability assessments."
            ),
            (
                "demography", "全国的生育、死亡和出生队列率（联合国 WPP 2024 等），有本省生命表时替换。",
                "National fertility, mortality and birth-cohort rates (UN WPP 2024 and others); "
                    + "replace them with provincial life tables where published."
            ),
            (
                "investment.unit_costs", "单位造价和补助标准（多为假设）。请换成本地价格和标准。",
                "Unit costs and subsidy standards (mostly assumptions). Replace them with local "
                    + "prices and standards."
            ),
            (
                "entitlements", "基本养老服务清单及其对象和标准。请换成本地发布的清单。",
                "The basic elderly-care service list, its recipients and standards. Replace it "
                    + "with the list the place publishes."
            ),
        ]
        for (prefix, chinese, english) in table where key.hasPrefix(prefix) {
            return (chinese, english)
        }
        return ("原情景的输入，原样复制。", "An input of the shipped scenario, copied as it is.")
    }

    static let droppedText: [String: (String, String)] = [
        "investment.budget": ("各资金来源的年度预算", "the yearly budget by funding source"),
        "investment.actions": ("规划的建设、改造和服务行动", "the plan's lines (build, convert, serve)"),
        "investment.welfare_lottery_total": (
            "彩票公益金总额（用于彩票公益金占比目标）",
            "the welfare-lottery fund's total (for the lottery-share targets)"
        ),
        "childcare.approved": ("每年新增的托位", "childcare places approved each year"),
        "facilities.staffing.trained_per_year": ("每年培训的养老护理员人数", "caregivers trained a year"),
    ]

    var text: String {
        var lines: [String] = []
        lines.append("# \(label)")
        lines.append("")
        lines.append(
            "由 `yanglao init --region \(place.code)` 取自 `\(baseName)`：\(place.name)（\(place.code)）"
                + "及其下属单位的人口、区划和设施，原情景的比率和假设，适用于本地的目标目录；投资计划为空。")
        lines.append("先运行 `yanglao validate` 和 `yanglao run` 看基线，再按下表替换数据、写入本地的投资计划。")
        lines.append("")
        lines.append(
            "Made by `yanglao init --region \(place.code)` from `\(baseName)`: the population, "
                + "divisions and facilities of \(place.name) (\(place.code)) and the units "
                + "inside it, the shipped rates and assumptions, and the target catalogues "
                + "that apply to it; the investment plan is empty. Validate and run it for "
                + "the baseline, then replace the data below and write the local plan.")
        lines.append("")
        lines.append("## 文件 Files")
        lines.append("")
        lines.append("| 文件 file | 键 key | 是什么、请替换为 what it is, what replaces it |")
        lines.append("|---|---|---|")
        for file in files.sorted(by: { $0.name < $1.name }) {
            let (chinese, english) = Self.advice(key: file.key, name: file.name)
            lines.append("| `\(file.name)` | `\(file.key)` | \(chinese) \(english) |")
        }
        if !dropped.isEmpty {
            lines.append("")
            lines.append("## 未带入的内容 Left out (sized to the shipped region)")
            lines.append("")
            lines.append("原情景的这些数值按全区域测算，不能照搬到\(place.name)；请在 scenario.yaml 中按本地规划填写：")
            lines.append("")
            for key in dropped {
                let (chinese, english) = Self.droppedText[key] ?? (key, key)
                lines.append("- `\(key)`：\(chinese) — \(english)")
            }
        }
        if !assumptions.isEmpty {
            lines.append("")
            lines.append("## 假设 Assumptions a bureau must replace")
            lines.append("")
            lines.append("scenario.yaml 中以下数值在原情景中标为假设（source 写明）：")
            lines.append("")
            for assumption in assumptions {
                lines.append("- `\(assumption.key)`: \(assumption.source)")
            }
        }
        lines.append("")
        return lines.joined(separator: "\n")
    }
}
