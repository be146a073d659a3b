/// The long help of the standalone commands (`--help`): what they read, what they write,
/// examples.
enum Help {
    static let coverage = """
        D.csv has id,x,y,weight (x, y in metres of a projected system) or
        id,lon,lat,weight (degrees, projected locally); optional columns: unit (a label
        such as a community code, for shares per unit) and weight_<group> (more groups
        of persons, such as weight_80_plus). F.csv has id,x,y[,capacity] or
        id,lon,lat[,capacity].

        --method radius: a point is covered when a facility lies within --radius metres
        of walking (straight line × --detour, or along --network); boundary included.
        --method 2sfca: two-step floating catchment (Luo & Wang 2003) with catchment
        --radius and supply = capacity (1 per facility without the column).
        --method e2sfca: enhanced 2SFCA (Luo & Qi 2009): --decay step weighs the thirds
        of the radius 1, 0.68, 0.22; --decay gaussian weighs exp(−d²/2σ²), σ = --sigma
        or 0.38 × radius. Both as PySAL access computes them.

        Writes OUT.csv (one row per demand point) and OUT.json (the summary) beside it,
        and with --geojson a point layer for QGIS; all or nothing, and existing files
        are replaced only with --overwrite.

        Examples:
          yanglao coverage --demand Examples/coverage/demand.csv \\
            --facilities Examples/coverage/facilities.csv --radius 1000 \\
            --out coverage.csv
          yanglao coverage --demand Examples/coverage/demand.csv \\
            --facilities Examples/coverage/facilities.csv --radius 1000 \\
            --network Examples/coverage/edges.csv --nodes Examples/coverage/nodes.csv \\
            --out walk.csv --geojson walk.geojson
          yanglao coverage --demand Examples/coverage/demand.csv \\
            --facilities Examples/coverage/facilities.csv --radius 1500 \\
            --method e2sfca --decay gaussian --out access.csv --lang en
        """

    static let site = """
        D.csv has id,x,y,weight (or id,lon,lat,weight); C.csv (candidate sites) and
        F.csv (existing facilities, always open) have id,x,y[,capacity] (or lon,lat). A
        demand point is covered when an existing or chosen site lies within --radius
        metres of walking (boundary included).

        --count P: the P new sites covering the most weight (MCLP, Church & ReVelle
        1974).
        --cover SHARE: the fewest new sites covering SHARE (0–1) of all weight (LSCP,
        Toregas et al. 1971). --capacitated (with --count): the weight served within
        the sites' capacities, which C.csv and F.csv then give.

        By default a fast method (greedy, swap local search, Lagrangian bound) answers
        in seconds for tens of thousands of points and reports its gap to a proven
        bound;
        --exact solves the integer program with GLPK (--time-limit, --gap).

        Writes OUT.csv (existing and chosen sites) and OUT.json (covered weight, share,
        objective, bound, gap, solver status) beside it.

        Examples:
          yanglao site --demand Examples/coverage/demand.csv \\
            --candidates Examples/coverage/candidates.csv \\
            --existing Examples/coverage/facilities.csv --radius 1000 --count 3 \\
            --out sites.csv
          yanglao site --demand Examples/coverage/demand.csv \\
            --candidates Examples/coverage/candidates.csv --radius 1000 --cover 0.9 \\
            --exact --time-limit 60 --out cover.csv --lang en
        """

    static let assess = """
        Scores each record of RECORDS.csv by GB/T 42195-2022: four domains,
        total 0-90, five levels; coma -> complete loss; a diagnosis F00-F99
        or two or more care-risk events in 30 days -> one level higher.
        Estimates the share of each level by year, sex and age group (and
        urban/rural with a 'part' column), with Wilson score intervals.

        RECORDS.csv: id, age, sex, area, and the 26 items of Appendix B
        named by code (B.1.1 ... B.4.5, or b1_1), Chinese name (进食 ...)
        or English name (eating ...); optional: year, part, coma,
        diagnoses (ICD-10 codes), mental_disorder, risk_events.

        PREVALENCE.csv: year,sex,age,intact,mild,moderate,severe,complete
        (,part), the table demography.care_need.prevalence reads.
        PREVALENCE.intervals.csv (or --intervals): each level's count,
        share and interval. --scores FILE: each record's domain scores,
        total and levels. Files are written whole (temporary file, then
        renamed); an existing file is replaced only with --overwrite.

        A record with an item score out of range, a missing item, or a
        bad age or sex is reported with its file, line and column, and
        nothing is written (exit 64), unless --skip-bad: then bad records
        are reported as warnings, left out and counted.

        Examples:
          yanglao assess Examples/entitlements/assessments.csv \\
            --out Output/prevalence.csv --year 2023 --overwrite
          yanglao assess Examples/entitlements/assessments.csv \\
            --out Output/prevalence.csv --year 2023 --ages 60,70,80 \\
            --simultaneous --overwrite
        """

    static let project = """
        The UN World Population Prospects one-step projection (any step equal to the
        width of the age bands), two sexes, open top band, births from the mean female
        exposure of each step split by the sex ratio at birth, and net migration added
        half at the start and half at the end of each step (or all at the end).

        Input tables (CSV, UTF-8 or GB18030; see Examples/demography/README.md):
          P.csv  area,sex,age,count     persons; sex female/male (F/M, 女/男); age is a
                                        band's lower bound; the last band is open
          M.csv  [area,]sex,age,mx|Lx|Sx  death rates, person-years (radix --radix; the
                                        open band's value is T), or survival ratios
          F.csv  [area,]age,asfr        annual births per woman, mothers aged 10–54
          N.csv  area,sex,age,net       net migrants over one step
        Five-year or abridged (0, 1–4, 5–9, …) populations are projected in five-year
        steps; with --step 1 they are first split into single years (Sprague).

        Output: OUT.csv area,year,sex,age,count for the start and every step;
        B.csv area,step,mother_age,births.

        Examples:
          yanglao project --population Examples/demography/population.csv \\
            --mortality Examples/demography/mortality.csv \\
            --fertility Examples/demography/fertility.csv \\
            --migration Examples/demography/migration.csv --steps 3 \\
            --out projection.csv --births-out births.csv
        """

    static let backtest = """
        Each unit's 2010 population (census day 1 November) is projected two five-year
        steps with UN WPP 2024 rates for China (mortality moved to WPP's life
        expectancy of 2010–2015 and 2015–2020, WPP's total fertility of those periods,
        the sex ratio at birth of those years), closed to migration, and compared with
        the 2020 census by sex and five-year age group. The error shows how far a
        projection without local rates and migration can be trusted; at province level
        it is mostly migration.

        Census tables: the layout of the county tables of the 6th and 7th censuses:
        code6, a name (name, or province/city/county), male_0, female_0, male_1_4,
        female_1_4, male_5_9, …, male_85plus, female_85plus. The repository carries the
        province tables (Data/census/, the default when run from the repository's
        root); give the county tables for --level city or county. Units are matched by
        code; those whose code changed between the censuses are left out and counted.

        Output OUT.csv:
        level,code,name,age,sex,projected,observed,difference,relative_error (sex
        'both' for both sexes; one row per unit, age group and sex, and totals; the
        last unit, code 000000, is the sum of all matched units).

        From 2020 (--scenario): the scenario's 2020 census population (graduated, re-split
        by its cohort shape) is projected with its rates and migration to the ends of
        2023 and 2024 (census day is 1 November: the year-end value is 10/12 of the value
        at the census day before and 2/12 of the one after) and compared with the persons
        aged 60+ and 65+ of the statistical bulletins of its region (Liaoning 21, Shanxi
        14). --national-census FILE projects the sum of the provinces of FILE (China) with
        the scenario's rates, closed to migration, against NBS's national figures.
        Output OUT.csv: region,year,age,modelled,published,relative_error,source.

        Examples:
          yanglao backtest --from 2010 --to 2020 --out backtest.csv
          yanglao backtest --from 2020 --to 2024 --scenario Scenarios/liaoning --out ln.csv
          yanglao backtest --from 2020 --to 2024 --scenario Scenarios/liaoning \\
            --national-census Data/census/census2020-provinces.csv --out china.csv
          yanglao backtest --from 2010 --to 2020 --level county \\
            --census-2010 census2010_county_age_sex.csv \\
            --census-2020 census2020_county_age_sex.csv --out counties.csv
        """
}
