import Geography
import Testing

@Suite struct KindRulesTests {
    // The name rules of the NBS division lists' README, applied in order, with names from the
    // 2023 and 2016 lists.
    @Test(arguments: [
        ("解放街道", RegionKind.street),
        ("长甸街道办事处", .street),
        ("定襄县居民办事处", .street),
        ("某某农场办事处", .otherTownship),
        ("东四方台镇", .town),
        ("大营子乡", .township),
        ("杨木林子满族乡", .township),
        ("乌兰苏木", .township),
        ("玉佛山风景区", .otherTownship),
        ("唐槐园区街道", .street),
    ])
    func townshipKindFollowsTheNameSuffix(name: String, kind: RegionKind) {
        #expect(KindRules.townshipKind(fromName: name) == kind)
    }

    // NBS code digits 7–9: 001–099 street, 100–199 town, 200–399 township, 400–599 other.
    @Test(arguments: [
        ("210302002", RegionKind.street),
        ("210381100", .town),
        ("210323200", .township),
        ("140171401", .otherTownship),
        ("140122400", .otherTownship),
    ])
    func townshipKindFollowsTheCodeClass(code: String, kind: RegionKind) throws {
        #expect(KindRules.townshipKind(fromCode: try DivisionCode(parsing: code)) == kind)
    }

    // NBS code digits 10–12: 001–199 居委会, 200–399 村委会, 400–499 virtual communities,
    // 500–599 living areas of farms.
    @Test(arguments: [
        ("210302002001", RegionKind.community),
        ("210302002199", .community),
        ("210381100201", .village),
        ("210381100401", .community),
        ("210381100501", .village),
    ])
    func villageKindFollowsTheCommitteeCode(code: String, kind: RegionKind) throws {
        #expect(KindRules.villageKind(fromCode: try DivisionCode(parsing: code)) == kind)
    }

    @Test(arguments: [
        ("铁东区", RegionKind.district),
        ("台安县", .county),
        ("岫岩满族自治县", .county),
        ("海城市", .countyCity),
        ("达尔罕茂明安联合旗", .county),
        ("市辖区", .otherCounty),
        ("山西转型综合改革示范区", .otherCounty),
        ("五台山风景名胜区", .otherCounty),
        ("神农架林区", .otherCounty),
    ])
    func countyKindFollowsTheName(name: String, kind: RegionKind) {
        #expect(KindRules.countyKind(fromName: name) == kind)
    }

    // 城乡分类代码: 1xx are urban (城镇), 2xx rural (乡村).
    @Test func urbanRuralClassesSplitAt200() {
        #expect(
            UrbanRuralClass.allCases.filter(\.isUrban).map(\.rawValue) == [111, 112, 121, 122, 123])
        #expect(UrbanRuralClass.village.villageKind == .village)
        #expect(UrbanRuralClass.townCentre.villageKind == .community)
    }

    @Test func kindsAreReadFromEnglishOrChineseWords() {
        #expect(RegionKind(name: "street") == .street)
        #expect(RegionKind(name: "街道") == .street)
        #expect(RegionKind(name: "county_city") == .countyCity)
        #expect(RegionKind(name: "县级市") == .countyCity)
        #expect(RegionKind(name: "hamlet") == nil)
    }
}
