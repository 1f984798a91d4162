CELLS = [
    (
        "md",
        """
# 06 · Which article figures hold up against the official statistics?

Every article figure that has an official counterpart in `data/reference/` is set beside
it in `data/processed/claims.csv`, with a verdict that respects the article's hedge: an
"over US$22 billion" is consistent when the official figure is above 22; an "around" is
consistent within 10%; a plain figure within 5% (or its rounding). Where the reference data
has no official value for that period, the verdict is *unverifiable*, said plainly.
""",
    ),
    (
        "code",
        """
from korea_russia import charts, paths, reference, tables, views

claims = tables.read_claims(paths.processed_dir() / "claims.csv")
official = tables.read_official(paths.processed_dir() / "official_trade.csv")
print(claims["verdict"].value_counts().to_string())
""",
    ),
    (
        "code",
        """
fig, drawn = views.claims(
    claims, official, reference.presidents(), reference.key_events(reference.TRADE_EVENTS),
    "The two trade figures that can be checked hold up; 2024's cannot be checked",
)
charts.save(fig, "06-claims")
""",
    ),
    (
        "md",
        """
The verdicts, and why:
""",
    ),
    (
        "code",
        """
for c in claims.itertuples():
    shown = f"official US${c.official_value / 1e9:.2f}bn" if c.official_value > 0 else ""
    print(f"{c.verdict:<13} {c.mention:<20} {c.period_start or 'no year':<8} {shown}")
    print(f"{'':14}{c.note}")
""",
    ),
    (
        "md",
        """
- **2019, "over US$22 billion"** (Asmolov, quoting Seoul's foreign minister): the Korean
  statistics give US$22.34bn: consistent, a lower bound that holds.
- **2022, "around US$21 billion"** (Gubin): US$21.15bn, 0.7% away: consistent — although the
  article speaks of goods *and services* and the official figure counts goods only.
- **2024, "US$11.4 billion"** (Gubin): no official total for 2024 is in the reference data,
  only Korean exports (US$4.53bn, KITA): unverifiable until a sourced total is added.
- The Russian side reports more: in the five years with both, its totals run US$0.2–3.8bn
  above the Korean ones (2014: 27.0 vs 25.8; 2016: 15.1 vs 13.4), so a claim can be right
  by one reporter and off by the other; the verdicts use the Korean series throughout.
""",
    ),
    (
        "code",
        """
verdicts = {(c.period_start, c.mention): c.verdict for c in claims.itertuples()}
assert verdicts[("2019", "US$22 billion")] == "consistent"
assert verdicts[("2022", "$21 billion")] == "consistent"
assert verdicts[("2024", "$11.4 billion")] == "unverifiable"
assert (claims["verdict"] == "differs").sum() == 0
trade = official[official["metric"] == "bilateral_trade"]
both = trade.pivot(index="year", columns="side", values="value")
gap = (both["RU"] - both["KR"]).dropna() / 1e9
print(gap.round(2).to_string())
assert gap.loc[[2014, 2016]].round(1).tolist() == [1.2, 1.7]
assert (gap > 0).all() and round(gap.min(), 1) == 0.2 and round(gap.max(), 1) == 3.8
""",
    ),
]
