import Demography

/// A domain (一级指标) of the older-adult capability assessment of GB/T 42195-2022
/// 老年人能力评估规范, Appendix B.
public enum AssessmentDomain: Int, CaseIterable, Hashable, Sendable, CustomStringConvertible {
    /// B.1 自理能力: eight items of 0–4 points, at most 32.
    case selfCare = 0
    /// B.2 基础运动能力: three items of 0–4 and stairs of 0–3, at most 15.
    case basicMobility
    /// B.3 精神状态: six items of 0–4, aggression and depressive symptoms 0–1, level of
    /// consciousness 0–2, at most 28.
    case mentalState
    /// B.4 感知觉与社会参与: vision and hearing 0–2, daily affairs 0–4, going out by
    /// transport 0–3, social interaction 0–4, at most 15.
    case perceptionAndSocialParticipation

    /// The domain's code in the standard's Appendix B (`B.1` … `B.4`).
    public var code: String { "B.\(rawValue + 1)" }

    /// The domain's name in the standard.
    public var chineseName: String {
        switch self {
        case .selfCare: "自理能力"
        case .basicMobility: "基础运动能力"
        case .mentalState: "精神状态"
        case .perceptionAndSocialParticipation: "感知觉与社会参与"
        }
    }

    /// A short English name for tables (`self_care`, `mobility`, `mental`, `perception`).
    public var description: String {
        switch self {
        case .selfCare: "self_care"
        case .basicMobility: "mobility"
        case .mentalState: "mental"
        case .perceptionAndSocialParticipation: "perception"
        }
    }

    /// The highest score of the domain: the sum of its items' maxima.
    public var maximumScore: Int {
        AssessmentItem.all.filter { $0.domain == self }.reduce(0) { $0 + $1.maximumScore }
    }
}

/// One item (二级指标) of GB/T 42195-2022 Appendix B, scored from 0 (no capability) to its
/// maximum (full capability).
public struct AssessmentItem: Hashable, Sendable, CustomStringConvertible {
    /// The item's code in Appendix B, e.g. `B.1.1`.
    public let code: String
    /// The item's name in the standard, e.g. 进食.
    public let chineseName: String
    /// A short English name, e.g. `eating`.
    public let englishName: String
    /// The domain it belongs to.
    public let domain: AssessmentDomain
    /// The highest score (1, 2, 3 or 4); the lowest is 0.
    public let maximumScore: Int

    /// `B.1.1 进食`.
    public var description: String { "\(code) \(chineseName)" }

    /// The 26 items in the order of Appendix B (tables B.1 to B.4).
    ///
    /// Source: GB/T 42195-2022 Appendix B (规范性附录 老年人能力评估表), as reproduced in the
    /// standard's public forms and in several public implementations; the score ranges agree
    /// with the domain maxima 32, 15, 28 and 15 and the total of 90 that the standard's
    /// levels use.
    public static let all: [AssessmentItem] = [
        AssessmentItem("B.1.1", "进食", "eating", .selfCare, 4),
        AssessmentItem("B.1.2", "修饰", "grooming", .selfCare, 4),
        AssessmentItem("B.1.3", "洗澡", "bathing", .selfCare, 4),
        AssessmentItem("B.1.4", "穿/脱上衣", "dressing_upper", .selfCare, 4),
        AssessmentItem("B.1.5", "穿/脱裤子和鞋袜", "dressing_lower", .selfCare, 4),
        AssessmentItem("B.1.6", "小便控制", "urine_control", .selfCare, 4),
        AssessmentItem("B.1.7", "大便控制", "bowel_control", .selfCare, 4),
        AssessmentItem("B.1.8", "如厕", "toileting", .selfCare, 4),
        AssessmentItem("B.2.1", "床上体位转移", "bed_mobility", .basicMobility, 4),
        AssessmentItem("B.2.2", "床椅转移", "bed_chair_transfer", .basicMobility, 4),
        AssessmentItem("B.2.3", "平地行走", "walking", .basicMobility, 4),
        AssessmentItem("B.2.4", "上下楼梯", "stairs", .basicMobility, 3),
        AssessmentItem("B.3.1", "时间定向", "time_orientation", .mentalState, 4),
        AssessmentItem("B.3.2", "空间定向", "place_orientation", .mentalState, 4),
        AssessmentItem("B.3.3", "人物定向", "person_orientation", .mentalState, 4),
        AssessmentItem("B.3.4", "记忆", "memory", .mentalState, 4),
        AssessmentItem("B.3.5", "理解能力", "understanding", .mentalState, 4),
        AssessmentItem("B.3.6", "表达能力", "expression", .mentalState, 4),
        AssessmentItem("B.3.7", "攻击行为", "aggression", .mentalState, 1),
        AssessmentItem("B.3.8", "抑郁症状", "depression", .mentalState, 1),
        AssessmentItem("B.3.9", "意识水平", "consciousness", .mentalState, 2),
        AssessmentItem(
            "B.4.1", "视力", "vision", .perceptionAndSocialParticipation, 2),
        AssessmentItem(
            "B.4.2", "听力", "hearing", .perceptionAndSocialParticipation, 2),
        AssessmentItem(
            "B.4.3", "执行日常事务", "daily_affairs", .perceptionAndSocialParticipation, 4),
        AssessmentItem(
            "B.4.4", "使用交通工具外出", "transport", .perceptionAndSocialParticipation, 3),
        AssessmentItem(
            "B.4.5", "社会交往能力", "social_interaction", .perceptionAndSocialParticipation, 4),
    ]

    /// The highest total score, 90 (能力完好).
    public static let maximumTotal = all.reduce(0) { $0 + $1.maximumScore }

    private init(
        _ code: String, _ chineseName: String, _ englishName: String, _ domain: AssessmentDomain,
        _ maximumScore: Int
    ) {
        self.code = code
        self.chineseName = chineseName
        self.englishName = englishName
        self.domain = domain
        self.maximumScore = maximumScore
    }

    /// The item a table column names: its code (`B.1.1`, `B1.1`, `b1_1`), its Chinese name
    /// (进食) or its English name (`eating`); nil for any other text.
    public static func named(_ text: String) -> AssessmentItem? {
        let key = normalised(text)
        return all.first { item in
            key == normalised(item.code) || key == item.chineseName
                || key == item.englishName
        }
    }

    /// `B.1.1`, `B1.1`, `b1_1` and `b.1.1` all become `b11`.
    private static func normalised(_ text: String) -> String {
        String(
            text.lowercased().unicodeScalars.filter { $0 != "." && $0 != "_" && $0 != " " }
                .map(Character.init))
    }
}

/// One anonymised assessment (老年人能力评估记录): the 26 item scores and the facts of
/// Appendix A that change the level (coma, a diagnosis of dementia or another mental or
/// behavioural disorder, care-risk events in the last 30 days).
public struct AssessmentRecord: Hashable, Sendable {
    /// One score per item, in the order of ``AssessmentItem/all``.
    public let scores: [Int]
    /// In a coma (昏迷, Appendix A, A.5.11).
    public let coma: Bool
    /// Diagnosed with dementia (ICD-10 F00–F03) or, by a psychiatrist, another mental or
    /// behavioural disorder (F04–F99) (Appendix A, A.4.1).
    public let mentalDisorder: Bool
    /// Care-risk events in the last 30 days (falls, choking, suicide or self-harm, getting
    /// lost, …; Appendix A, A.2.14).
    public let riskEvents: Int

    /// Why scores are not an assessment.
    public enum InvalidScore: Error, Hashable, Sendable, CustomStringConvertible {
        /// Not one score per item.
        case count(expected: Int, got: Int)
        /// A score outside 0 … the item's maximum.
        case outOfRange(item: AssessmentItem, score: Int)
        /// A negative count of risk events.
        case negativeRiskEvents(Int)

        public var description: String {
            switch self {
            case .count(let expected, let got): "\(got) item scores, expected \(expected)"
            case .outOfRange(let item, let score):
                "\(item) must be between 0 and \(item.maximumScore) (got \(score))"
            case .negativeRiskEvents(let count): "risk events must not be negative (got \(count))"
            }
        }
    }

    /// Makes a record, checking each score against its item's range.
    /// - Throws: ``InvalidScore``.
    public init(
        scores: [Int], coma: Bool = false, mentalDisorder: Bool = false, riskEvents: Int = 0
    )
        throws(InvalidScore)
    {
        guard scores.count == AssessmentItem.all.count else {
            throw .count(expected: AssessmentItem.all.count, got: scores.count)
        }
        for (item, score) in zip(AssessmentItem.all, scores)
        where !(0...item.maximumScore).contains(score) {
            throw .outOfRange(item: item, score: score)
        }
        guard riskEvents >= 0 else { throw .negativeRiskEvents(riskEvents) }
        self.scores = scores
        self.coma = coma
        self.mentalDisorder = mentalDisorder
        self.riskEvents = riskEvents
    }

    /// Whether ICD-10 codes name a mental or behavioural disorder (chapter V, F00–F99): a code
    /// `F` followed by two digits (`F01`, `F03.9`, `f20.0`).
    public static func isMentalDisorder(icd10 code: String) -> Bool {
        let scalars = Array(code.uppercased().unicodeScalars)
        guard scalars.count >= 3, scalars[0] == "F" else { return false }
        return ("0"..."9").contains(scalars[1]) && ("0"..."9").contains(scalars[2])
    }
}

/// Why a record's level differs from the level of its total score.
public enum LevelAdjustment: Hashable, Sendable {
    /// No adjustment.
    case none
    /// In a coma: level 4 whatever the score.
    case coma
    /// One level higher for a diagnosis of dementia or another mental disorder, for two or
    /// more care-risk events in 30 days, or both.
    case raised(mentalDisorder: Bool, riskEvents: Bool)
}

/// A scored assessment: the domain totals, the total, the preliminary level of the total
/// (初步等级) and the final level (最终等级).
public struct AssessmentResult: Hashable, Sendable {
    /// Totals of B.1 … B.4.
    public let domainScores: [Int]
    /// The sum of the 26 item scores, 0–90.
    public let total: Int
    /// The level of the total score (Appendix C, C.3).
    public let preliminaryLevel: CapabilityLevel
    /// The level after the adjustments of Appendix C, C.4.
    public let level: CapabilityLevel
    /// What changed the level, if anything.
    public let adjustment: LevelAdjustment
}

/// Scoring of GB/T 42195-2022 老年人能力评估规范 (older-adult capability assessment).
///
/// Method (the standard's Appendix B scores and Appendix C report, C.3 and C.4):
/// 1. Each domain's score is the sum of its items; the total is the sum of the four, 0–90.
/// 2. The preliminary level follows the total: 90 能力完好 (level 0); 66–89 轻度受损 (1);
///    46–65 中度受损 (2); 30–45 重度受损 (3); 0–29 完全丧失 (4).
/// 3. Adjustments (C.4 能力等级变更依据): an older person in a coma (A.5.11) is rated
///    能力完全丧失 directly; one diagnosed with dementia (F00–F03) or, by a psychiatrist,
///    another mental or behavioural disorder (F04–F99) (A.4.1), or with two or more
///    care-risk events (falls, choking, suicide or self-harm, getting lost …) in the last 30
///    days (A.2.14), is rated one level higher than the preliminary level, never above
///    level 4. When both of these grounds hold the level still rises by one: the standard
///    raises "the original level" by one level where the grounds apply, and public forms of
///    the report tick the grounds and then give one final level.
///
/// Cross-checked with the reference notes of the project (GB/T 42195-2022 structure, levels
/// and adjustments) and with public descriptions of the standard's report form.
public enum CapabilityAssessment {
    /// The lowest total score of each level, from intact to complete loss: 90, 66, 46, 30, 0.
    public static let levelFloors = [90, 66, 46, 30, 0]

    /// The level of a total score (C.3).
    /// - Precondition: 0 ≤ total ≤ 90.
    public static func preliminaryLevel(total: Int) -> CapabilityLevel {
        precondition((0...AssessmentItem.maximumTotal).contains(total), "total out of 0…90")
        let index = levelFloors.firstIndex { total >= $0 }!
        return CapabilityLevel(rawValue: index)!
    }

    /// Scores a record.
    /// - Complexity: O(26).
    public static func score(_ record: AssessmentRecord) -> AssessmentResult {
        var domains = [0, 0, 0, 0]
        for (item, score) in zip(AssessmentItem.all, record.scores) {
            domains[item.domain.rawValue] += score
        }
        let total = domains.reduce(0, +)
        let preliminary = preliminaryLevel(total: total)
        if record.coma {
            return AssessmentResult(
                domainScores: domains, total: total, preliminaryLevel: preliminary,
                level: .completelyLost, adjustment: .coma)
        }
        let risk = record.riskEvents >= 2
        guard record.mentalDisorder || risk else {
            return AssessmentResult(
                domainScores: domains, total: total, preliminaryLevel: preliminary,
                level: preliminary, adjustment: .none)
        }
        let raised = CapabilityLevel(rawValue: min(preliminary.rawValue + 1, 4))!
        return AssessmentResult(
            domainScores: domains, total: total, preliminaryLevel: preliminary, level: raised,
            adjustment: .raised(mentalDisorder: record.mentalDisorder, riskEvents: risk))
    }
}
