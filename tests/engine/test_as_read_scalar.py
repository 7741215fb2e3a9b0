"""The scalar path of ``as_read`` gives the array path's bits (it exists only for speed)."""

from __future__ import annotations

import struct

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from mmlib.trace import as_read


def _bits(x: float) -> bytes:
    return struct.pack("<d", x)


def _via_array(x: float) -> float:
    return float(as_read(np.array([x]))[0])


EDGES = [0.0, -0.0, 1.0, -1.0, 100.0, 440 / 4.4, 0.1 + 0.2, 3.29 - 2.99, 999.9999999999999, 1000.0000000000001,
         9.999999999999999e11, 1e12, 1e-12, 2.5e-13, 123456789012.5, 0.5, 1.5, 2.5, 5e-324, 1.7976931348623157e308,
         -2.2 * 3, 1e22, 1e23, 1e-300, 1e-310, float("inf"), float("-inf")]


def test_edges_match_the_array_path():
    for x in EDGES + [v * s for v in (1.0, 10.0, 100.0) for s in (0.99999999999995, 1.00000000000005)]:
        assert _bits(as_read(x)) == _bits(_via_array(x)), x
    assert np.isnan(as_read(float("nan")))
    assert as_read(True) == 1.0 and as_read(3) == 3.0


@settings(max_examples=3000, deadline=None)
@given(st.floats(allow_nan=False, allow_infinity=False))
def test_any_float_matches_the_array_path(x):
    assert _bits(as_read(x)) == _bits(_via_array(x))


@settings(max_examples=2000, deadline=None)
@given(st.integers(min_value=-10**15, max_value=10**15), st.integers(min_value=-20, max_value=20))
def test_decimal_values_near_cut_offs_match_the_array_path(mantissa, exponent):
    x = mantissa * 10.0 ** exponent
    assert _bits(as_read(x)) == _bits(_via_array(x))
    assert _bits(as_read(x * (1 + 2**-52))) == _bits(_via_array(x * (1 + 2**-52)))
