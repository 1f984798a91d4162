CELLS = [
    (
        "md",
        """
# 01 · What the articles say: every economic figure, with its sentence

`data/processed/figures.csv` holds each economic figure the five articles state, one row per
distinct figure (a repeated paragraph counts once), with the verbatim sentence and the span
it came from. This notebook lists them and asks whether the sources ever disagree.
""",
    ),
    (
        "code",
        """
from korea_russia import charts, paths, tables, views

figures = tables.read_figures(paths.processed_dir() / "figures.csv")
print(len(figures), "figures from", figures["source_id"].nunique(), "of the 5 articles")
print(figures.groupby(["source_id", "metric"]).size().to_string())
""",
    ),
    (
        "md",
        """
Fifteen figures, from three articles: the RIAC analysis by Andrey Gubin (2025) states eight,
Rinna's East Asia Forum piece (2018) four, Asmolov's New Eastern Outlook report (2021) three.
The News1 and Archyde reports on the 2025 dialogue seminars state no economic figure.
""",
    ),
    (
        "code",
        """
assert len(figures) == 15
assert figures.groupby("source_id").size().to_dict() == {
    "eaf-rinna-2018": 4, "neo-asmolov-2021": 3, "riac-gubin-2025": 8,
}
fig, counts = views.figures_by_source(figures, "Three of the five articles state economic figures")
charts.save(fig, "01-figures-by-source")
""",
    ),
    (
        "md",
        """
Each figure as a reader would quote it, with the sentence it stands in:
""",
    ),
    (
        "code",
        """
for _, row in figures.iterrows():
    quote = row["quote"] if len(row["quote"]) < 150 else row["quote"][:147] + "…"
    said = views.describe(row) if row["unit"] == "USD" else row["mention"]
    print(f"{said}  [{row['metric']}, {row['measure']}]")
    print(f"    “{quote}”")
""",
    ),
    (
        "md",
        """
**Do the sources disagree?** Not within the corpus: no two articles give a figure for the
same metric and period, so there is nothing to reconcile between them. Where they can be
checked, it is against the official statistics (notebook 02 draws them side by side).
""",
    ),
    (
        "code",
        """
dated = figures[figures["period_start"] != ""]
overlaps = dated.groupby(["metric", "measure", "period_start", "period_end"])["source_id"].nunique()
print(overlaps[overlaps > 1] if (overlaps > 1).any() else "no metric and period has two sources")
assert not (overlaps > 1).any()
""",
    ),
]
