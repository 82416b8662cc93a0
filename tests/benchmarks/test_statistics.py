"""The comparison's arithmetic on known distributions: exact percentiles, medians, quartiles."""

from decimal import Decimal as D
from fractions import Fraction
from statistics import quantiles

from readiness.benchmarks.comparison import percentile, quantile, standing
from readiness.benchmarks.suppression import shown, suppressed


def counts(*scores):
    result = {}
    for s in scores:
        result[D(s)] = result.get(D(s), 0) + 1
    return result


TEN = counts("1.0", "1.5", "2.0", "2.0", "2.5", "3.0", "3.0", "3.0", "4.0", "5.0")


def test_percentile_counts_those_lower_and_half_of_those_the_same():
    # 5 lower, 3 the same: (5 + 1.5) / 10.
    assert percentile(TEN, D("3.0")) == Fraction(65, 100)
    assert percentile(TEN, D("1.0")) == Fraction(5, 100)
    assert percentile(TEN, D("5.0")) == Fraction(95, 100)
    # A score nobody else has: all lower ones, none the same.
    assert percentile(TEN, D("3.5")) == Fraction(8, 10)


def test_median_and_quartiles_of_ten_firms_interpolate_between_neighbours():
    # Positions (n - 1) * p from 0: 2.25, 4.5 and 6.75.
    assert quantile(TEN, Fraction(1, 4)) == D("2.0")
    assert quantile(TEN, Fraction(1, 2)) == D("2.75")
    assert quantile(TEN, Fraction(3, 4)) == D("3.0")


def test_quartiles_can_need_three_decimals_and_match_excels_inclusive_method():
    scores = counts("2.1", "2.2", "2.4", "2.9", "3.3", "3.6", "3.8", "4.4", "4.5", "4.7", "4.9")
    scores[D("2.2")] += 1  # 12 firms
    # Position 2.75: 2.2 + 0.75 * (2.4 - 2.2); position 8.25: 4.4 + 0.25 * (4.5 - 4.4).
    assert quantile(scores, Fraction(1, 4)) == D("2.35")
    assert quantile(scores, Fraction(3, 4)) == D("4.425")
    assert quantile(scores, Fraction(1, 2)) == D("3.45")
    flat = [float(s) for s, n in sorted(scores.items()) for _ in range(n)]
    expected = quantiles(flat, n=4, method="inclusive")
    assert [float(quantile(scores, Fraction(k, 4))) for k in (1, 2, 3)] == [
        round(v, 6) for v in expected
    ]


def test_a_quartile_that_lands_on_a_whole_number_keeps_one_decimal():
    assert str(quantile(counts("2.9", "3.1"), Fraction(1, 2))) == "3.0"


def test_a_standing_reports_its_percent_to_one_decimal_rounded_half_up():
    s = standing("overall", "Overall", D("2.0"), counts(*["1.0"] * 3, "2.0", *["3.0"] * 4))
    # 3 lower + half of 1, out of 8: 43.75 %.
    assert s.percentile == Fraction(7, 16)
    assert s.percent == D("43.8")
    assert s.as_json()["middle_half"] == ["1.0", "3.0"]


def test_counts_under_ten_are_withheld_and_ten_is_shown():
    assert suppressed(9) and shown(9) is None
    assert not suppressed(10) and shown(10) == 10
    assert suppressed(0)
