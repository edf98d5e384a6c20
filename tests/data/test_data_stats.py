"""Confidence intervals, checked against numbers worked out by hand.

Throughout: z = 1.959964 (95%), z^2 = 3.841459.
Wilson: centre = (p + z^2/(2n)) / (1 + z^2/n)
        half   = z * sqrt(p(1-p)/n + z^2/(4n^2)) / (1 + z^2/n)
"""

from __future__ import annotations

import pytest

from slidekit.data.stats import normal_interval, wilson_interval, z_for


def test_z_for_95_percent():
    assert z_for(0.95) == pytest.approx(1.959964, abs=1e-6)


def test_z_for_90_percent():
    # The textbook 90% two-sided value.
    assert z_for(0.90) == pytest.approx(1.644854, abs=1e-6)


@pytest.mark.parametrize(
    ("successes", "n", "lo", "hi"),
    [
        # 7/20: p = 0.35
        #   z^2/n = 3.841459/20 = 0.192073 -> denominator 1.192073
        #   centre = (0.35 + 0.096036) / 1.192073 = 0.446036 / 1.192073 = 0.374169
        #   p(1-p)/n = 0.2275/20 = 0.011375; z^2/(4n^2) = 3.841459/1600 = 0.002401
        #   half = 1.959964 * sqrt(0.013776) / 1.192073 = 1.959964 * 0.117371 / 1.192073
        #        = 0.230043 / 1.192073 = 0.192977
        #   -> 0.374169 -/+ 0.192977 = (0.181192, 0.567146)
        (7, 20, 0.1812, 0.5671),
        # 3/5: p = 0.6
        #   z^2/n = 0.768292 -> denominator 1.768292
        #   centre = (0.6 + 0.384146) / 1.768292 = 0.984146 / 1.768292 = 0.556552
        #   p(1-p)/n = 0.24/5 = 0.048; z^2/(4n^2) = 3.841459/100 = 0.038415
        #   half = 1.959964 * sqrt(0.086415) / 1.768292 = 1.959964 * 0.293964 / 1.768292
        #        = 0.576158 / 1.768292 = 0.325827
        #   -> (0.230724, 0.882379)
        (3, 5, 0.2307, 0.8824),
        # 1/4: p = 0.25
        #   z^2/n = 0.960365 -> denominator 1.960365
        #   centre = (0.25 + 0.480182) / 1.960365 = 0.730182 / 1.960365 = 0.372473
        #   p(1-p)/n = 0.1875/4 = 0.046875; z^2/(4n^2) = 3.841459/64 = 0.060023
        #   half = 1.959964 * sqrt(0.106898) / 1.960365 = 1.959964 * 0.326952 / 1.960365
        #        = 0.640815 / 1.960365 = 0.326885
        #   -> (0.045587, 0.699358)
        (1, 4, 0.0456, 0.6994),
        # 0/10: p = 0, so centre = half = (z^2/(2n)) / (1 + z^2/n)
        #   = 0.192073 / 1.384146 = 0.138766  -> (0, 2 * 0.138766) = (0, 0.277533)
        (0, 10, 0.0, 0.2775),
        # 10/10: the mirror image of 0/10 -> (1 - 0.277533, 1) = (0.722467, 1)
        (10, 10, 0.7225, 1.0),
        # 1/2: p = 0.5, centre = 0.5 exactly
        #   z^2/n = 1.920729 -> denominator 2.920729
        #   p(1-p)/n = 0.125; z^2/(4n^2) = 3.841459/16 = 0.240091
        #   half = 1.959964 * sqrt(0.365091) / 2.920729 = 1.959964 * 0.604228 / 2.920729
        #        = 1.184265 / 2.920729 = 0.405469  -> (0.094531, 0.905469)
        (1, 2, 0.0945, 0.9055),
    ],
)
def test_wilson_interval_matches_hand_computation(successes, n, lo, hi):
    got_lo, got_hi = wilson_interval(successes, n)
    assert got_lo == pytest.approx(lo, abs=1e-4)
    assert got_hi == pytest.approx(hi, abs=1e-4)


def test_wilson_interval_stays_inside_0_1_at_the_extremes():
    lo, hi = wilson_interval(0, 1)
    assert lo >= 0.0
    assert 0.0 < hi < 1.0
    lo, hi = wilson_interval(1, 1)
    assert hi <= 1.0
    assert 0.0 < lo < 1.0


def test_wilson_interval_narrows_with_a_lower_level():
    # 3/5 at 90%: z = 1.644854, z^2 = 2.705544
    #   z^2/n = 0.541109 -> denominator 1.541109
    #   centre = (0.6 + 0.270554) / 1.541109 = 0.870554 / 1.541109 = 0.564888
    #   p(1-p)/n = 0.048; z^2/(4n^2) = 2.705544/100 = 0.027055
    #   half = 1.644854 * sqrt(0.075055) / 1.541109 = 1.644854 * 0.273962 / 1.541109
    #        = 0.450627 / 1.541109 = 0.292405
    #   -> (0.272483, 0.857293)
    lo, hi = wilson_interval(3, 5, level=0.90)
    assert lo == pytest.approx(0.2725, abs=1e-4)
    assert hi == pytest.approx(0.8573, abs=1e-4)


def test_wilson_interval_refuses_zero_samples():
    with pytest.raises(ValueError, match="^n must be positive$"):
        wilson_interval(0, 0)


def test_normal_interval_matches_hand_computation():
    # mean 3, sd 2, n 4: half = 1.959964 * 2 / sqrt(4) = 1.959964 -> (1.040036, 4.959964)
    lo, hi = normal_interval(3.0, 2.0, 4)
    assert lo == pytest.approx(1.0400, abs=1e-4)
    assert hi == pytest.approx(4.9600, abs=1e-4)


def test_normal_interval_of_one_sample_is_none():
    assert normal_interval(3.0, 0.0, 1) is None


def test_normal_interval_without_a_spread_is_none():
    assert normal_interval(3.0, float("nan"), 5) is None


def test_normal_interval_with_zero_spread_is_the_mean():
    assert normal_interval(0.5, 0.0, 10) == (0.5, 0.5)
