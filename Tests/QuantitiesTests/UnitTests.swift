import Quantities
import Testing

@Suite struct UnitTests {
    // Conversions by definition: 1 % = 0.01, 1 亿 = 10^8, 1 万 = 10^4, 1 km = 1000 m,
    // 1 h = 60 min, 1 km/h = 1000 m / 60 min.
    @Test(arguments: [
        ("%", 55.0, 0.55),
        ("‰", 4.5, 0.0045),
        ("亿元", 1.2, 1.2e8),
        ("万元", 35.0, 350_000.0),
        ("km", 1.0, 1000.0),
        ("小时", 0.25, 15.0),
        ("km/h", 4.02, 67.0),
        ("万人", 3.3, 33_000.0),
    ])
    func writtenUnitsConvertToTheBaseUnit(spelling: String, written: Double, base: Double) throws {
        let unit = try #require(Unit.named(spelling))
        #expect(abs(unit.toBase(written) - base) < 1e-9 * max(1, base))
        #expect(abs(unit.fromBase(base) - written) < 1e-9 * max(1, written))
    }

    @Test func unknownSpellingsNameNoUnit() {
        #expect(Unit.named("furlong") == nil)
    }

    @Test func everySpellingNamesExactlyOneUnit() {
        let spellings = Unit.allSpellings
        #expect(Set(spellings).count == spellings.count)
    }
}
