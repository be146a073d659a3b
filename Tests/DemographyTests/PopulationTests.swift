import Demography
import Testing

@Suite struct PopulationTests {
    @Test("Bands are found by binary search: age 37 lies in 35–39, index 7 of five-year bands")
    func bandLookup() throws {
        let bands = AgeBands.uniform(width: 5, to: 85)
        #expect(bands.index(containing: 37) == 7)
        #expect(bands.index(containing: 120) == 17)
        #expect(bands.uniformWidth == 5)
        #expect(AgeBands.abridged(to: 85).uniformWidth == nil)
        #expect(bands.label(of: 7) == "35-39" && bands.label(of: 17) == "85+")
        #expect(AgeBands.singleYears(to: 100).refines(bands) == false)
        #expect(AgeBands.singleYears(to: 85).refines(bands))
    }

    @Test(
        "Age bands that overlap, repeat or go below 0 are refused",
        arguments: [
            ([0, 5, 5, 10], AgeBands.InvariantError.notIncreasing(previous: 5, next: 5)),
            ([0, 10, 5], .notIncreasing(previous: 10, next: 5)),
            ([-1, 5], .negativeAge(-1)),
            ([], .empty),
        ] as [([Int], AgeBands.InvariantError)])
    func badBands(bounds: [Int], expected: AgeBands.InvariantError) {
        #expect(throws: expected) { try AgeBands(lowerBounds: bounds) }
    }

    @Test(
        "A population must start at 0, have one count per band and sex, none negative",
        arguments: [
            (
                [5, 10], [1.0, 2], [1.0, 2],
                AgeSexPopulation.InvariantError.bandsDoNotStartAtZero(firstAge: 5)
            ),
            ([0, 10], [1.0, 2, 3], [1.0, 2], .countMismatch(sex: .female, counts: 3, bands: 2)),
            ([0, 10], [1.0, 2], [1.0, -2], .negative(sex: .male, age: 10, value: -2)),
            ([0, 10], [Double.nan, 2], [1.0, 2], .notFinite(sex: .female, age: 0)),
        ] as [([Int], [Double], [Double], AgeSexPopulation.InvariantError)])
    func badPopulations(
        bounds: [Int], female: [Double], male: [Double], expected: AgeSexPopulation.InvariantError
    ) throws {
        let bands = try AgeBands(lowerBounds: bounds)
        #expect(throws: expected) { try AgeSexPopulation(bands: bands, female: female, male: male) }
    }

    @Test("Single years regroup into five-year bands by summing: 0–4 = 0+1+2+3+4")
    func regrouping() throws {
        let bands = AgeBands.singleYears(to: 10)
        let population = try AgeSexPopulation(
            bands: bands, female: (0...10).map(Double.init), male: [Double](repeating: 1, count: 11)
        )
        let five = population.regrouped(to: .uniform(width: 5, to: 10))
        #expect(five.female == [10, 35, 10])
        #expect(five.male == [5, 5, 1])
        #expect(population.persons(atLeast: 5) == 45 + 6)
    }

    @Test("Sex labels: female/F/女 and male/M/男")
    func sexLabels() {
        #expect(Sex(label: "F") == .female && Sex(label: "女") == .female)
        #expect(Sex(label: "male") == .male && Sex(label: "男") == .male)
        #expect(Sex(label: "x") == nil)
    }
}
