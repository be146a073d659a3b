import Quantities
import Testing

@Suite struct YearlyValuesTests {
    let keys = [2020, 2025]
    let values = [0.30, 0.55]

    // Hold: the 2020 value until 2025, then 0.55; before 2020 the first value.
    @Test func holdKeepsEachValueUntilTheNextKey() {
        let path = YearlyValues(years: keys, values: values, rule: .hold)
        #expect(path.value(in: 2019) == 0.30)
        #expect(path.value(in: 2024) == 0.30)
        #expect(path.value(in: 2025) == 0.55)
        #expect(path.value(in: 2040) == 0.55)
    }

    // Interpolate: 2022 is 2/5 of the way from 2020 to 2025: 0.30 + 0.4 × 0.25 = 0.40.
    @Test func interpolateIsLinearBetweenKeysAndFlatOutside() {
        let path = YearlyValues(years: keys, values: values, rule: .interpolate)
        #expect(abs(path.value(in: 2022)! - 0.40) < 1e-12)
        #expect(path.value(in: 2015) == 0.30)
        #expect(path.value(in: 2031) == 0.55)
    }

    @Test func keyedYearsOnlyHasNoValueBetweenKeys() {
        let budget = YearlyValues(
            years: [2021, 2023], values: [1.2e8, 0.8e8], rule: .keyedYearsOnly)
        #expect(budget.values(in: 2020...2024) == [nil, 1.2e8, nil, 0.8e8, nil])
    }
}
