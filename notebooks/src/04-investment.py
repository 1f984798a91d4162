CELLS = [
    (
        "md",
        """
# 04 · Investment, funds and projects: stocks and pledges, not a time series

The articles give three money figures that are not trade: a cumulative investment stock, a
fund under negotiation and the valuation of a pipeline that was never built. They measure
different things over different (or unstated) periods, so they are drawn side by side as
what they are, each with its hedge.
""",
    ),
    (
        "code",
        """
from korea_russia import charts, paths, tables, views

figures = tables.read_figures(paths.processed_dir() / "figures.csv")
fig, rows = views.investment(figures, "Korea invested about US$3.5bn in Russia over 1990–2022")
charts.save(fig, "04-investment")
columns = ["metric", "value", "qualifier", "period_start", "period_end", "source_id"]
print(rows[columns].to_string(index=False))
""",
    ),
    (
        "md",
        """
- **≈ US$3.5 billion** invested by South Korea in Russia from 1990 until 2022 (Gubin), "less
  than 1%" of its outbound investment over that period.
- a Russian-Korean investment fund worth **up to US$1 billion**, under negotiation in 2021
  though first arranged in 2014 (Asmolov);
- a gas pipeline from Russia to Busan via North Korea valued at **no less than US$2.5 billion**
  (Gubin), blocked by the sanctions on Pyongyang.
""",
    ),
    (
        "code",
        """
values = {r.metric: (r.value, r.qualifier) for r in rows.itertuples()}
assert values == {"investment": (3.5e9, "approx"), "fund_value": (1e9, "up_to"),
                  "project_value": (2.5e9, "at_least")}
share = figures[(figures["metric"] == "investment") & (figures["unit"] == "percent")].iloc[0]
assert (share["value"], share["qualifier"], share["measure"]) == (1.0, "under", "share")
""",
    ),
]
