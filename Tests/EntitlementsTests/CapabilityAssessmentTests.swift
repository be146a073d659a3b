import Demography
import Testing

@testable import Entitlements

/// Scores with every item at its maximum except those given (by code).
func scores(_ changes: [String: Int] = [:]) -> [Int] {
    AssessmentItem.all.map { changes[$0.code] ?? $0.maximumScore }
}

/// Scores whose total is `total`: items lowered from their maxima in Appendix B order, each
/// as far as needed.
func scores(total: Int) -> [Int] {
    var missing = AssessmentItem.maximumTotal - total
    return AssessmentItem.all.map { item in
        let cut = min(missing, item.maximumScore)
        missing -= cut
        return item.maximumScore - cut
    }
}

func record(
    _ values: [Int], coma: Bool = false, mentalDisorder: Bool = false, riskEvents: Int = 0
) throws(AssessmentRecord.InvalidScore) -> AssessmentRecord {
    try AssessmentRecord(
        scores: values, coma: coma, mentalDisorder: mentalDisorder, riskEvents: riskEvents)
}

@Suite struct CapabilityAssessmentTests {
    /// GB/T 42195-2022 Appendix B: 8 + 4 + 9 + 5 = 26 items; domain maxima 32, 15, 28, 15;
    /// total 90 (the structure table of the standard, as in the project's reference notes).
    @Test func theStandardHas26ItemsInFourDomainsOf32And15And28And15Points() {
        #expect(AssessmentItem.all.count == 26)
        let counts = AssessmentDomain.allCases.map { domain in
            AssessmentItem.all.filter { $0.domain == domain }.count
        }
        #expect(counts == [8, 4, 9, 5])
        #expect(AssessmentDomain.allCases.map(\.maximumScore) == [32, 15, 28, 15])
        #expect(AssessmentItem.maximumTotal == 90)
        // The items with a maximum other than 4: stairs 3, aggression 1, depression 1,
        // consciousness 2, vision 2, hearing 2, transport 3.
        let odd = AssessmentItem.all.filter { $0.maximumScore != 4 }.map {
            "\($0.code)=\($0.maximumScore)"
        }
        #expect(
            odd == ["B.2.4=3", "B.3.7=1", "B.3.8=1", "B.3.9=2", "B.4.1=2", "B.4.2=2", "B.4.4=3"])
    }

    /// The level table of C.3: 90 intact; 66–89 mild; 46–65 moderate; 30–45 severe; 0–29
    /// complete loss. Both ends of every band.
    @Test(arguments: [
        (90, CapabilityLevel.intact), (89, .mildlyImpaired), (66, .mildlyImpaired),
        (65, .moderatelyImpaired), (46, .moderatelyImpaired), (45, .severelyImpaired),
        (30, .severelyImpaired), (29, .completelyLost), (0, .completelyLost),
    ])
    func aRecordTotallingTheBoundaryScoreHasTheStandardsLevel(
        total: Int, level: CapabilityLevel
    ) throws {
        let result = CapabilityAssessment.score(try record(scores(total: total)))
        #expect(result.total == total)
        #expect(result.preliminaryLevel == level)
        #expect(result.level == level)
        #expect(result.adjustment == .none)
    }

    /// A record worked item by item: self-care 2 on each of 8 items = 16; mobility 3 + 3 + 2
    /// + 1 = 9; mental 4 + 4 + 4 + 3 + 3 + 3 + 1 + 0 + 2 = 24; perception 2 + 1 + 3 + 2 + 3 =
    /// 11; total 60 → moderate (46–65).
    @Test func aRecordScoredItemByItemTotals16And9And24And11Making60Moderate() throws {
        let values =
            [2, 2, 2, 2, 2, 2, 2, 2] + [3, 3, 2, 1] + [4, 4, 4, 3, 3, 3, 1, 0, 2]
            + [2, 1, 3, 2, 3]
        let result = CapabilityAssessment.score(try record(values))
        #expect(result.domainScores == [16, 9, 24, 11])
        #expect(result.total == 60)
        #expect(result.level == .moderatelyImpaired)
    }

    /// One item at 0 and the rest full: the total is 90 minus that item's maximum, so a
    /// single lost point of aggression (B.3.7, 1 point) already makes 89: mild.
    @Test func losingTheOnePointOfAggressionGives89AndMildImpairment() throws {
        let result = CapabilityAssessment.score(try record(scores(["B.3.7": 0])))
        #expect(result.domainScores == [32, 15, 27, 15])
        #expect(result.total == 89)
        #expect(result.level == .mildlyImpaired)
        let stairs = CapabilityAssessment.score(try record(scores(["B.2.4": 0])))
        #expect(stairs.domainScores == [32, 12, 28, 15] && stairs.total == 87)
    }

    /// C.4: coma → complete loss directly, whatever the score.
    @Test func aPersonInAComaScoring90IsRatedCompleteLoss() throws {
        let result = CapabilityAssessment.score(try record(scores(), coma: true))
        #expect(result.total == 90 && result.preliminaryLevel == .intact)
        #expect(result.level == .completelyLost && result.adjustment == .coma)
    }

    /// C.4: a diagnosis F00–F99 raises the level by one: 66 (mild) → moderate.
    @Test func dementiaAt66RaisesMildToModerate() throws {
        let result = CapabilityAssessment.score(
            try record(scores(total: 66), mentalDisorder: true))
        #expect(result.preliminaryLevel == .mildlyImpaired)
        #expect(result.level == .moderatelyImpaired)
        #expect(result.adjustment == .raised(mentalDisorder: true, riskEvents: false))
    }

    /// C.4: two or more care-risk events in 30 days raise the level by one; one does not.
    @Test func twoRiskEventsAt46RaiseModerateToSevereAndOneDoesNot() throws {
        let two = CapabilityAssessment.score(try record(scores(total: 46), riskEvents: 2))
        #expect(two.level == .severelyImpaired)
        let one = CapabilityAssessment.score(try record(scores(total: 46), riskEvents: 1))
        #expect(one.level == .moderatelyImpaired && one.adjustment == .none)
    }

    /// Both grounds together still raise by one level (90 intact → mild), and a raise never
    /// goes past complete loss (29 stays complete).
    @Test func bothGroundsRaiseByOneLevelAndCompleteLossStaysComplete() throws {
        let both = CapabilityAssessment.score(
            try record(scores(), mentalDisorder: true, riskEvents: 3))
        #expect(both.level == .mildlyImpaired)
        #expect(both.adjustment == .raised(mentalDisorder: true, riskEvents: true))
        let floor = CapabilityAssessment.score(
            try record(scores(total: 29), mentalDisorder: true))
        #expect(floor.level == .completelyLost)
    }

    /// Scores outside an item's range are refused, with the item named.
    @Test(arguments: [
        ("B.1.1", 5), ("B.2.4", 4), ("B.3.7", 2), ("B.3.9", 3), ("B.4.4", 4), ("B.1.8", -1),
    ])
    func aScoreOutsideItsItemsRangeIsRefused(code: String, score: Int) {
        #expect(throws: AssessmentRecord.InvalidScore.self) {
            try record(scores([code: score]))
        }
        do {
            _ = try record(scores([code: score]))
        } catch {
            guard case .outOfRange(let item, let value) = error else {
                Issue.record("wrong error \(error)")
                return
            }
            #expect(item.code == code && value == score)
        }
    }

    @Test func twentyFiveScoresAreNotAnAssessment() {
        #expect(throws: AssessmentRecord.InvalidScore.count(expected: 26, got: 25)) {
            try AssessmentRecord(scores: Array(scores().dropLast()))
        }
    }

    /// ICD-10 chapter V is F00–F99; Alzheimer's disease itself is G30 (chapter VI), so only
    /// the F code of its dementia (F00) counts.
    @Test func icd10CodesF01AndF03Point9AndF20CountAndG30DoesNot() {
        for code in ["F01", "f03.9", "F20.0", "F99"] {
            #expect(AssessmentRecord.isMentalDisorder(icd10: code), "\(code)")
        }
        for code in ["G30", "F", "I10", "FX1", ""] {
            #expect(!AssessmentRecord.isMentalDisorder(icd10: code), "\(code)")
        }
    }

    @Test func itemsAreFoundByCodeChineseNameOrEnglishName() {
        for name in ["B.1.1", "B1.1", "b1_1", "进食", "eating"] {
            #expect(AssessmentItem.named(name)?.code == "B.1.1", "\(name)")
        }
        #expect(AssessmentItem.named("上下楼梯")?.maximumScore == 3)
        #expect(AssessmentItem.named("B.5.1") == nil)
    }
}
