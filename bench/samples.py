"""Repeated timings of one thing, and the order statistics the benchmark reports for them."""

import math
import statistics
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Samples:
    """Durations in seconds of repeated runs of the same measurement."""

    seconds: tuple[float, ...]

    @classmethod
    def of(cls, seconds: Iterable[float]) -> "Samples":
        values = tuple(seconds)
        if not values:
            raise ValueError("a measurement needs at least one sample")
        return cls(values)

    @property
    def min(self) -> float:
        return min(self.seconds)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def p95(self) -> float:
        """The 95th percentile by the nearest-rank method, so it is always an observed value."""
        ordered = sorted(self.seconds)
        return ordered[math.ceil(0.95 * len(ordered)) - 1]
