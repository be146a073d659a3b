#!/usr/bin/env python3
"""Writes cohort-sizes-births.csv (age,weight) for the shipped scenarios: the relative size of
the single-year cohorts aged 55-64 at the 2020 census (1 November), from China's births.

Births of year y = crude birth rate of y x the mean of the year-end populations of y-1 and y
(National Bureau of Statistics, 中国统计年鉴 1983, 人口 table of year-end population, birth rate;
the figures for 1954-1965 as below). A person aged a on 1 November 2020 was born between
1 November 2019-a and 31 October 2020-a: 2/12 of the births of 2019-a and 10/12 of those of
2020-a. Survival from birth to 2020 is taken as equal within a five-year band.

Usage: python3 Scripts/build-cohort-shape.py > Scenarios/<name>/cohort-sizes-births.csv
"""

YEAR_END_POPULATION = {  # 10,000 persons
    1954: 60266, 1955: 61465, 1956: 62828, 1957: 64653, 1958: 65994, 1959: 67207,
    1960: 66207, 1961: 65859, 1962: 67295, 1963: 69172, 1964: 70499, 1965: 72538,
}
BIRTH_RATE = {  # per 1,000
    1955: 32.60, 1956: 31.90, 1957: 34.03, 1958: 29.22, 1959: 24.78, 1960: 20.86,
    1961: 18.02, 1962: 37.01, 1963: 43.37, 1964: 39.14, 1965: 37.88,
}


def births(year):
    mean = (YEAR_END_POPULATION[year - 1] + YEAR_END_POPULATION[year]) / 2
    return BIRTH_RATE[year] * mean / 1000 * 10000


print("age,weight")
for age in range(55, 65):
    weight = 2 / 12 * births(2019 - age) + 10 / 12 * births(2020 - age)
    print(f"{age},{round(weight)}")
