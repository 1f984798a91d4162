CELLS = [
    (
        "md",
        """
# 03 · Energy: LNG from Russia to South Korea

Gubin (2025) gives two tonnages: in 2018 KOGAS wanted to buy "well beyond the 1.5 million
tonnes it was already buying", and in 2024 "Russia shipped 2.1 million tonnes of LNG to South
Korea". The reported annual figures in `data/reference/lng_annual.csv` mix contract,
exporter and customs bases, so they are drawn as points, never joined into a line.
""",
    ),
    (
        "code",
        """
from korea_russia import charts, paths, reference, tables, views

figures = tables.read_figures(paths.processed_dir() / "figures.csv")
fig, rows = views.energy(
    figures, reference.lng(), reference.presidents(), reference.key_events(reference.ENERGY_EVENTS),
    "LNG from Russia grew from the 1.5 Mt Sakhalin-2 contract to 2.1 Mt in 2024",
)
charts.save(fig, "03-energy")
""",
    ),
    (
        "code",
        """
print(rows[["period_start", "value", "unit", "metric", "mention"]].to_string(index=False))
assert rows[["period_start", "value"]].values.tolist() == [["2018", 1.5e6], ["2024", 2.1e6]]
assert set(rows["metric"]) == {"lng_imports"}
""",
    ),
    (
        "md",
        """
The 1.5 Mt is the Sakhalin-2 contract volume (the 2005 KOGAS contract and the 2009 start of
deliveries are marked); the 2.1 Mt for 2024 is the first article figure above it. The war did
not stop the flow: the reported figures for 2022 and 2023 are 1.5 and 1.7 Mt.
""",
    ),
    (
        "code",
        """
lng = reference.lng().dropna(subset=["tonnes"]).set_index("year")["tonnes"]
assert lng[2022] == 1.5e6 and lng[2023] == 1.7e6
""",
    ),
]
