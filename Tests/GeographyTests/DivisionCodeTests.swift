import Geography
import Testing

@Suite struct DivisionCodeTests {
    // NBS codes: 21 辽宁省, 2103 鞍山市, 210302 铁东区, 210302002 解放街道; a village code has
    // 12 digits. Short forms are padded with zeros to 12 digits.
    @Test(arguments: [
        ("21", 210_000_000_000, RegionLevel.province, nil as String?),
        ("2103", 210_300_000_000, .city, "21"),
        ("210302", 210_302_000_000, .county, "2103"),
        ("210302002", 210_302_002_000, .township, "210302"),
        ("210302002001", 210_302_002_001, .village, "210302002"),
        ("210300000000", 210_300_000_000, .city, "21"),
    ])
    func shortAndFullCodesParse(
        text: String, value: UInt64, level: RegionLevel, parent: String?
    ) throws {
        let code = try DivisionCode(parsing: text)
        #expect(code.value == value)
        #expect(code.level == level)
        #expect(code.parent?.shortForm == parent)
        #expect(code.fullForm.count == 12)
    }

    @Test(arguments: [
        ("", DivisionCode.ParseError.empty),
        ("21A3", .notDigits),
        ("21030", .badLength(5)),
        ("2103020", .badLength(7)),
        ("002103", .zeroProvince),
        ("210003", .gapInSegments),
        ("210302000001", .gapInSegments),
    ])
    func malformedCodesAreRefusedWithTheReason(text: String, error: DivisionCode.ParseError) {
        #expect(throws: error) { try DivisionCode(parsing: text) }
    }

    @Test func aTownshipLiesWithinItsCountyCityAndProvinceOnly() throws {
        let township = try DivisionCode(parsing: "210302002")
        #expect(township.isWithin(try DivisionCode(parsing: "210302")))
        #expect(township.isWithin(try DivisionCode(parsing: "2103")))
        #expect(township.isWithin(try DivisionCode(parsing: "21")))
        #expect(!township.isWithin(try DivisionCode(parsing: "210303")))
        #expect(!township.isWithin(try DivisionCode(parsing: "2104")))
    }

    @Test func codesOrderAsAPreOrderWalk() throws {
        // A parent sorts before its children, and a subtree before the next sibling.
        let codes = try ["210303", "2103", "210302002", "210302"].map {
            try DivisionCode(parsing: $0)
        }
        #expect(codes.sorted().map(\.shortForm) == ["2103", "210302", "210302002", "210303"])
    }
}
