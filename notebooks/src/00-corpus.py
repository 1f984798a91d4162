CELLS = [
    (
        "md",
        """
# 00 · The corpus: five articles, 2018–2025

Every figure and event in this collection comes from these five texts in `data/raw/`,
kept byte for byte as they were scraped (page furniture, reader comments and a poll
included). What is known about each is in `data/sources.csv`; unknown facts stay empty.
""",
    ),
    (
        "code",
        """
from korea_russia import paths, tables

documents = tables.read_csv(paths.processed_dir() / "documents.csv")
print(documents[["source_id", "outlet", "author", "published"]].to_string(index=False))
""",
    ),
    (
        "md",
        """
Two articles carry an exact publication day (New Eastern Outlook's dateline and East Asia
Forum's URL); for the three 2025 pieces only the year is known, so dates without a year in
them ("on October 31") resolve to 2025 and nothing finer.
""",
    ),
    (
        "code",
        """
print(documents.groupby("published_precision").size().to_string())
assert (documents["published_precision"] == "day").sum() == 2
assert documents["published"].min() == "2018-02-03"
""",
    ),
    (
        "md",
        """
The texts are short: about 6,600 words in all. The RIAC analysis by Andrey Gubin is the
longest, partly because it repeats its opening paragraphs (a figure stated twice there is
counted once in the tables).
""",
    ),
    (
        "code",
        """
sizes = documents[["source_id", "chars", "words"]].astype({"chars": int, "words": int})
print(sizes.sort_values("words", ascending=False).to_string(index=False))
assert sizes.loc[sizes["words"].idxmax(), "source_id"] == "riac-gubin-2025"
print("total words:", sizes["words"].sum())
assert 6_500 < sizes["words"].sum() < 6_700
""",
    ),
]
