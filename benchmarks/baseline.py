"""The script a researcher writes by hand instead of using slidekit (the baseline).

pandas reads the whole table; each chart filters it (dragging the prompt column
along), groups, computes Wilson intervals, draws a grouped bar chart with error
bars and a red annotate() arrow with pyplot at 200 dpi; python-pptx assembles an
11-slide deck. Nothing is cached or parallel: this is the ordinary way.

    python benchmarks/baseline.py TABLE OUT.pptx
"""

import io
import math
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
from pptx import Presentation  # noqa: E402
from pptx.util import Inches, Pt  # noqa: E402

CHARTS = [  # (x, colour, filter on cue or model, callout point)
    ("cue", "family", None, ("Professor", "ITC")),
    ("cue", "model", None, ("Professor", "DeepSeek-R1")),
    ("model", "cue", None, ("DeepSeek-R1", "Professor")),
    ("family", "cue", None, ("ITC", "Professor")),
    ("cue", "family", ("model", ["DeepSeek-R1", "GPT-4o"]), ("Professor", "ITC")),
    ("model", "family", ("cue", ["Professor"]), ("DeepSeek-R1", "ITC")),
]


def wilson(k, n, z=1.959964):
    p = k / n
    d = 1 + z * z / n
    c = (p + z * z / (2 * n)) / d
    h = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / d
    return c - h, c + h


def chart_png(df, x, color, target):
    g = df.groupby([x, color])["articulated"].agg(["sum", "count"]).reset_index()
    g["rate"] = g["sum"] / g["count"]
    g[["lo", "hi"]] = [wilson(k, n) for k, n in zip(g["sum"], g["count"])]
    xs = list(dict.fromkeys(df[x]))
    series = list(dict.fromkeys(df[color]))
    fig, ax = plt.subplots(figsize=(12, 5.2))
    width = 0.8 / len(series)
    for j, s in enumerate(series):
        rows = g[g[color] == s].set_index(x).reindex(xs)
        pos = [i + (j - (len(series) - 1) / 2) * width for i in range(len(xs))]
        ax.bar(pos, rows["rate"], width, label=s,
               yerr=[rows["rate"] - rows["lo"], rows["hi"] - rows["rate"]], capsize=4)
        if target[1] == s:
            i = xs.index(target[0])
            ax.annotate("look here - that's what we want!", xy=(pos[i], rows["hi"].iloc[i]),
                        xytext=(pos[i] + 0.5, rows["hi"].max() * 1.2), color="red", fontsize=16,
                        arrowprops={"color": "red", "arrowstyle": "->", "lw": 2.5})
    ax.set_xticks(range(len(xs)), xs, fontsize=14)
    ax.set_ylabel("articulated", fontsize=14)
    ax.legend(fontsize=14)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=200)
    plt.close(fig)
    return buf.getvalue()


def main(table, out):
    df = pd.read_parquet(table) if table.endswith(".parquet") else pd.read_csv(table)
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    slide = prs.slides.add_slide(prs.slide_layouts[0])
    slide.shapes.title.text = "Week 12"
    slide = prs.slides.add_slide(prs.slide_layouts[1])
    slide.shapes.title.text = "Recap"
    slide.placeholders[1].text = "Last week: cues switch answers\nITC: reasoning models"
    for x, color, subset, target in CHARTS:
        part = df if subset is None else df[df[subset[0]].isin(subset[1])]
        png = chart_png(part, x, color, target)
        slide = prs.slides.add_slide(prs.slide_layouts[5])
        slide.shapes.title.text = f"articulated by {x} and {color}"
        slide.shapes.add_picture(io.BytesIO(png), Inches(0.6), Inches(1.3), Inches(12), Inches(5.2))
        slide.notes_slide.notes_text_frame.text = f"n = {len(part)}"
    slide = prs.slides.add_slide(prs.slide_layouts[5])
    slide.shapes.title.text = "The prompt"
    box = slide.shapes.add_textbox(Inches(0.6), Inches(1.3), Inches(12), Inches(5))
    box.text_frame.text = str(df["prompt"].iloc[0])
    box.text_frame.paragraphs[0].runs[0].font.size = Pt(16)
    slide = prs.slides.add_slide(prs.slide_layouts[1])
    slide.shapes.title.text = "Next steps"
    slide.placeholders[1].text = "Run a second reasoning model"
    prs.slides.add_slide(prs.slide_layouts[2]).shapes.title.text = "Backup"
    prs.save(out)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
