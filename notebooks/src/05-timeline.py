CELLS = [
    (
        "md",
        """
# 05 · The political timeline

Events by category: filled dots are the sourced reference chronology
(`data/reference/timeline.csv`), hollow dots the dated events the articles state
(`data/processed/events.csv`). Above, the official trade total for context.
""",
    ),
    (
        "code",
        """
import pandas as pd

from korea_russia import charts, paths, reference, tables, views

events = tables.read_csv(paths.processed_dir() / "events.csv")
timeline = reference.timeline()
fig, _ = views.timeline(
    events, timeline, reference.official_trade(), reference.presidents(),
    "Sanctions come only after 2022; the articles dwell on diplomacy and economic plans",
)
charts.save(fig, "05-timeline")
""",
    ),
    (
        "code",
        """
counts = {"reference": timeline["category"], "articles": events["category"]}
table = pd.DataFrame({k: v.value_counts() for k, v in counts.items()}).fillna(0).astype(int)
print(table.to_string())
assert table.loc["sanctions", "articles"] == 0 and table.loc["sanctions", "reference"] == 10
assert timeline.loc[timeline["category"] == "sanctions", "date"].min() >= "2022"
""",
    ),
    (
        "md",
        """
Every sanctions step in the reference chronology dates from 2022 or later: Seoul's export
bans, the central-bank freeze, Moscow's unfriendly-countries list and four rounds of export
controls (57 → 798 → 1,159 → 1,402 items, and 1,431 by January 2025). The articles
date none of them; they date diplomacy (Lavrov's 2021 visit, envoys, seminars) and
economic plans (Nine Bridges, funds, LNG), most of it from the Moon years.
""",
    ),
    (
        "code",
        """
moon = events[(events["date_start"] >= "2017-05-10") & (events["date_start"] < "2022-05-10")]
print(f"{len(moon)} of {len(events)} article events fall in Moon Jae-in's term")
assert len(moon) > len(events) / 2
""",
    ),
]
