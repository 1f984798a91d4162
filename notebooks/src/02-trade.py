CELLS = [
    (
        "md",
        """
# 02 · Bilateral trade: what the articles say against the official series

The articles' trade figures, as points labelled with their source and hedge, over the
official Korean series (`data/reference/`, one source per year by the rule documented in
`korea_russia.reference`), the totals Russian officials have stated, South Korean
presidential terms, and the key events of the relationship.
""",
    ),
    (
        "code",
        """
from korea_russia import charts, paths, reference, tables, views

figures = tables.read_figures(paths.processed_dir() / "figures.csv")
official = reference.official_trade()
fig, placed, drawn = views.trade(
    figures, official, reference.presidents(), reference.key_events(reference.TRADE_EVENTS),
    "Trade rose to over US$22bn by 2019 and, the articles say, fell to US$11.4bn in 2024",
)
charts.save(fig, "02-trade")
""",
    ),
    (
        "md",
        """
- Asmolov (2021) quotes Seoul's foreign minister: two-way trade rose to **over US$22 billion
  in 2019** from $200 million thirty years before; the Korean statistics give $22.34bn.
- Gubin (2025) puts 2022 at **around US$21 billion** (Korean statistics: $21.15bn) and 2024
  at **US$11.4 billion**, about half; no official 2024 total is in the reference data, so the
  chart shows a gap there rather than a guess.
- Rinna (2018) reports the Moon administration's aim to **double** a US$15 billion turnover
  **by 2020** — a US$30bn target that trade never reached (the 2019 official total is $22.3bn).
""",
    ),
    (
        "code",
        """
by_year = {(r.period_start, r.qualifier): r.value for r in placed.itertuples()}
assert by_year[("2019", "over")] == 22e9 and by_year[("2022", "approx")] == 21e9
assert by_year[("2024", "")] == 11.4e9 and by_year[("2020", "")] == 30e9
kr = drawn[drawn["side"] == "KR"].set_index("year")["value"]
assert round(kr[2019] / 1e9, 2) == 22.34 and round(kr[2022] / 1e9, 2) == 21.15
assert not {2020, 2023, 2024} & set(kr.index)  # gaps stay gaps
print(f"official peak: {kr.idxmax()} at US${kr.max() / 1e9:.2f}bn")
assert kr.idxmax() == 2021
""",
    ),
]
