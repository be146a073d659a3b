/// Figures for China (location code 156) from the United Nations, *World Population
/// Prospects 2024* (UN DESA Population Division), as distributed in the tab-delimited tables
/// of the `wpp2024` R package (`data-raw/`: `mxM5.txt`, `mxF5.txt`, `tfr.txt`, `tfr5.txt`,
/// `e0M5.txt`, `e0F5.txt`, `percentASFR5.txt`, `sexRatio.txt` and the median projections).
///
/// These are the defaults of `yanglao backtest` and the source of the Anshan scenario's
/// rates; each figure is quoted as published.
public enum WorldPopulationProspects2024 {
    /// The abridged bands of the death rates: 0, 1–4, 5–9, …, 95–99, 100+.
    public static let deathRateBands = AgeBands.abridged(to: 100)

    /// Central death rates ₙmₓ, 2015–2020 (`mxM5.txt`, `mxF5.txt`, column 2015-2020).
    public static let deathRates2015to2020 = BySex(
        female: [
            0.00670937, 0.0004589, 0.0003084, 0.00028859, 0.00033003, 0.00049386, 0.00055702,
            0.00060788, 0.00075336, 0.00114974, 0.00167546, 0.00273772, 0.00385689, 0.00696635,
            0.01193689, 0.02121015, 0.03717788, 0.07029145, 0.12254554, 0.21537465, 0.35918228,
            0.53465841,
        ],
        male: [
            0.00783544, 0.00045297, 0.00035351, 0.0004532, 0.00053241, 0.00077738, 0.00094565,
            0.00105759, 0.00132405, 0.00221723, 0.00346547, 0.00580011, 0.00832887, 0.01485116,
            0.02323263, 0.03711008, 0.06013746, 0.10357923, 0.17260393, 0.29298323, 0.51175699,
            0.89299663,
        ])

    /// Central death rates ₙmₓ, 2020–2025 (column 2020-2025).
    public static let deathRates2020to2025 = BySex(
        female: [
            0.00523073, 0.00039958, 0.00024434, 0.00022171, 0.0002647, 0.00043181, 0.00053499,
            0.00060567, 0.00071765, 0.00103411, 0.0015412, 0.00256259, 0.00376739, 0.00680534,
            0.01121011, 0.01970092, 0.03493009, 0.06716029, 0.12199021, 0.21867215, 0.37047233,
            0.55387104,
        ],
        male: [
            0.00617945, 0.0004244, 0.00028363, 0.00034746, 0.00043866, 0.00068096, 0.00088927,
            0.00103633, 0.00124095, 0.00200365, 0.00316504, 0.00557292, 0.00815101, 0.01442388,
            0.02268395, 0.03629138, 0.0580327, 0.10220349, 0.17461498, 0.29908516, 0.51846034,
            0.82248322,
        ])

    /// Life expectancy at birth for the five-year periods 2010–2015 and 2015–2020
    /// (`e0M5.txt`, `e0F5.txt`).
    public static let lifeExpectancy2010to2015 = BySex(female: 79.1599, male: 73.8113)
    public static let lifeExpectancy2015to2020 = BySex(female: 80.4864, male: 74.8946)

    /// Total fertility for the five-year periods 2010–2015 and 2015–2020 (`tfr5.txt`).
    public static let totalFertility2010to2015 = 1.7426
    public static let totalFertility2015to2020 = 1.6277

    /// Annual total fertility, estimates (`tfr.txt`) and the median projection
    /// (`tfrprojMed.txt`).
    public static let totalFertility: [(year: Int, value: Double)] = [
        (2010, 1.686548), (2015, 1.669555), (2019, 1.496117), (2020, 1.235682), (2021, 1.11744),
        (2022, 1.034399), (2023, 0.999488), (2025, 1.020907), (2030, 1.06119), (2035, 1.09691),
        (2040, 1.130892), (2050, 1.18416),
    ]

    /// Annual life expectancy at birth, estimates and median projection.
    public static let lifeExpectancy: [(year: Int, female: Double, male: Double)] = [
        (2010, 78.3286, 73.1912), (2015, 79.7847, 74.3646), (2019, 80.7471, 75.3033),
        (2020, 80.9992, 75.245), (2021, 80.9125, 75.4857), (2022, 81.1329, 75.4673),
        (2023, 80.9261, 75.2005), (2025, 81.2464, 75.6515), (2030, 82.4066, 77.3004),
        (2035, 83.1663, 78.4508), (2040, 83.8829, 79.5541), (2050, 85.2573, 81.5435),
    ]

    /// Sex ratio at birth, males per female (`sexRatio.txt`).
    public static let sexRatioAtBirth: [(year: Int, value: Double)] = [
        (2010, 1.171), (2015, 1.15), (2019, 1.139), (2020, 1.112), (2021, 1.104), (2022, 1.106),
        (2023, 1.108),
    ]

    /// The mother's age bands of the fertility pattern: 10–14, …, 50–54, and 55+ (no births).
    public static let fertilityBands = AgeBands(
        unchecked: Array(stride(from: 10, through: 55, by: 5)))

    /// Percent of total fertility by five-year age of mother, 2020 (`percentASFR5.txt`),
    /// 10–14 … 50–54.
    public static let fertilityPercent2020 = [
        0.002884, 2.718861, 23.724184, 35.442966, 24.319168, 10.242461, 2.633992, 0.829173,
        0.086311,
    ]

    /// The same for 2023.
    public static let fertilityPercent2023 = [
        0.002862, 2.619699, 23.321193, 34.71799, 24.347925, 11.145074, 2.927353, 0.840576,
        0.077329,
    ]
}
