/// The summaries the coverage and siting commands print, in Chinese or English.
struct CoverageMessages {
    let language: Language

    init(_ language: Language) {
        self.language = language
    }

    private func persons(_ value: Double) -> String {
        value == value.rounded() ? Number.exact(value) : Number.fixed(value, 1)
    }

    func radius(covered: Double, total: Double, share: Double?, radius: Double, uncovered: Int)
        -> String
    {
        switch language {
        case .zh:
            "步行 \(Number.exact(radius)) 米内有设施：\(persons(covered)) / \(persons(total))（\(Number.percent(share))）；未覆盖点 \(uncovered) 个"
        case .en:
            "Within \(Number.exact(radius)) m of a facility: \(persons(covered)) of \(persons(total)) (\(Number.percent(share))); \(uncovered) points uncovered"
        }
    }

    func group(_ name: String, covered: Double, total: Double, share: Double?) -> String {
        switch language {
        case .zh: "  \(name)：\(persons(covered)) / \(persons(total))（\(Number.percent(share))）"
        case .en: "  \(name): \(persons(covered)) of \(persons(total)) (\(Number.percent(share)))"
        }
    }

    func access(method: String, mean: Double?, withoutAccess: Int, count: Int) -> String {
        let average = mean.map { String(format: "%.6g", $0) } ?? "–"
        switch language {
        case .zh:
            return
                "\(method.uppercased()) 可达性：人均 \(average)（按需求加权平均）；\(withoutAccess) / \(count) 个需求点范围内无设施"
        case .en:
            return
                "\(method.uppercased()) accessibility: weighted mean \(average); \(withoutAccess) of \(count) demand points have no facility in reach"
        }
    }

    func written(_ paths: [String]) -> String {
        switch language {
        case .zh: "已写入 " + paths.joined(separator: "、")
        case .en: "Written: " + paths.joined(separator: ", ")
        }
    }
}
