import Testing

@testable import Facilities

/// The childcare stock (托位), worked by hand.
@Suite struct ChildcareTests {
    // Two units: 10,000 and 30,000 residents, 100 and 300 children under 3 in 2021, 200 and
    // 200 in 2022. Base rate 3 per 1,000: 30 and 90 places. 2021 approves 80 places (lead time
    // 1): shared 100 : 300 → 20 and 60, opening in 2022, paid in 2021 at 20,000 yuan each:
    // 400,000 and 1,200,000. 2022 approves 40: 20 and 20, opening in 2023.
    @Test func placesOpenAfterTheLeadTimeWhereTheChildrenAre() {
        let plan = ChildcarePlan(
            basePerThousand: 3, approved: [2021: 80, 2022: 40], leadTime: 1, costPerPlace: 20_000)
        let residents = [
            [10_000.0, 30_000], [10_000, 30_000], [10_000, 30_000], [9_000, 28_000],
        ]
        let children = [[100.0, 300], [100, 300], [200, 200], [200, 200]]
        let run = ChildcareStock.run(
            plan, years: 2020...2023, residents: residents, childrenUnder3: children)
        #expect(run.places[0] == [30, 90])
        #expect(run.places[1] == [30, 90])
        #expect(run.places[2] == [50, 150])
        #expect(run.places[3] == [70, 170])
        #expect(run.capital[1] == [400_000, 1_200_000])
        #expect(run.capital[2] == [400_000, 400_000])
        #expect(run.capital[3] == [0, 0])
    }

    // Lead time 0: places approved open the same year.
    @Test func aLeadTimeOfZeroOpensTheSameYear() {
        let plan = ChildcarePlan(basePerThousand: 0, approved: [2021: 10], leadTime: 0)
        let run = ChildcareStock.run(
            plan, years: 2020...2021, residents: [[1000], [1000]], childrenUnder3: [[5], [5]])
        #expect(run.places == [[0], [10]])
        #expect(run.capital == [[0], [0]])
    }
}
