"""How far a stated figure reaches: the tolerance its qualifier and its rounding allow. Shared
by the claims check (a figure against the official value) and `cite` (two sources against each
other); free of pandas, so `cite` starts fast."""

from korea_russia import registry

TOLERANCE = 0.05
APPROX_TOLERANCE = 0.10


def rounding(mention: str, value: float) -> float:
    """Half a unit of the last digit written, relative to the value: "$11.4 billion" -> 0.44%."""
    digits = "".join(ch for ch in mention.split("by")[0] if ch.isdigit() or ch == ".")
    if not digits or value == 0:
        return 0.0
    decimals = len(digits.split(".")[1]) if "." in digits else 0
    number = float(digits) if digits.count(".") <= 1 else 0.0
    return 0.5 * 10**-decimals / number if number else 0.0


def hedge(value: float, qualifier: str, mention: str = "") -> tuple[float, float]:
    """The values a figure allows, by its qualifier: "over 22" is (22, inf), "around 21" is
    21 ± 10%, a plain "22.3" is 22.3 ± the larger of 5% and its rounding."""
    q = registry.qualifier(qualifier)
    if q.bound == "lower":
        return value, float("inf")
    if q.bound == "upper":
        return float("-inf"), value
    spread = APPROX_TOLERANCE if q.approx else max(TOLERANCE, rounding(mention, value))
    return value - abs(value) * spread, value + abs(value) * spread
