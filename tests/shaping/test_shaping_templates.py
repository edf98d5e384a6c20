"""Numbers in text that never go stale: `{{ ... }}` in takeaways, titles, bullets, notes."""

from __future__ import annotations

import signal

import pytest
from shaping_helpers import notes_of, slide_texts, title_of

# First appearance: cue Professor before Squares; family ITC before Non-ITC.
#   Professor / ITC      1, 1, 0      -> 2 of 3
#   Professor / Non-ITC  0, 1         -> 1 of 2
#   Squares   / ITC      1, 1, 1, 0   -> 3 of 4
#   Squares   / Non-ITC  0, 0         -> 0 of 2
# 11 rows; qid 1..11 (mean 66/11 = 6); ITC 2 + 3 = 5 of 7; Squares 3 + 0 = 3 of 6.
CUES = """\
qid,cue,family,articulated
1,Professor,ITC,1
2,Professor,Non-ITC,0
3,Squares,ITC,1
4,Professor,ITC,1
5,Squares,Non-ITC,0
6,Squares,ITC,1
7,Professor,Non-ITC,1
8,Professor,ITC,0
9,Squares,ITC,1
10,Squares,Non-ITC,0
11,Squares,ITC,0
"""

# Wilson 2/3 at 95%, z = 1.959964, z^2 = 3.841459:
#   denominator 1 + 3.841459/3 = 2.280486
#   centre (0.666667 + 3.841459/6)/2.280486 = 1.306910/2.280486 = 0.573084
#   half 1.959964 * sqrt(0.222222/3 + 3.841459/36)/2.280486
#      = 1.959964 * sqrt(0.180781)/2.280486 = 1.959964 * 0.425184/2.280486 = 0.365424
#   lo 0.207660 -> "20.8%", hi 0.938508 -> "93.9%"


def _chart_spec(takeaway: str, extra: str = "", title: str = "Week 12") -> str:
    return (
        f"title: {title!r}\ndata:\n  cues: cues.csv\nslides:\n  - chart: cues\n"
        f"    takeaway: {takeaway!r}\n    x: cue\n    y: articulated\n    color: family\n" + extra
    )


def _headline(project, takeaway: str, extra: str = "") -> str:
    project.write("cues.csv", CUES)
    project.spec(_chart_spec(takeaway, extra))
    deck = project.build()
    return title_of(deck.slides[1])


def test_value_with_pct_in_the_takeaway_is_the_slide_title(project):
    headline = _headline(
        project, "ITC models articulate {{ value(cue='Professor', family='ITC') | pct }} of professor cues"
    )
    # 2 of 3 = 0.666667 -> "67%"
    assert headline == "ITC models articulate 67% of professor cues"


def test_pct_1_num_2_lo_hi_and_n(project):
    headline = _headline(
        project,
        "{{ value(cue='Professor', family='ITC') | pct(1) }} "
        "[{{ lo(cue='Professor', family='ITC') | pct(1) }}, {{ hi(cue='Professor', family='ITC') | pct(1) }}]"
        " = {{ value(cue='Professor', family='ITC') | num(2) }}, "
        "n = {{ n(cue='Professor', family='ITC') }}",
    )
    # 0.666667 -> 66.7% and 0.67; Wilson bounds above; 3 samples
    assert headline == "66.7% [20.8%, 93.9%] = 0.67, n = 3"


def test_value_selector_takes_a_display_label(project):
    headline = _headline(
        project,
        "Reasoning: {{ value(cue='Squares', family='Reasoning') | pct }}",
        "    labels: {family: {ITC: Reasoning}}\n",
    )
    assert headline == "Reasoning: 75%"  # Squares / ITC: 3 of 4


def test_templates_in_callout_text_and_notes(project):
    project.write("cues.csv", CUES)
    project.spec(_chart_spec(
        "Squares", "    callout:\n      at: {cue: Squares, family: ITC}\n"
        "      text: \"{{ value(cue='Squares', family='ITC') | pct }} here\"\n"
        "    notes: \"n was {{ n(cue='Squares', family='Non-ITC') }}\"\n",
    ))
    (slide,) = project.charts()
    assert slide.chart.callout.text == "75% here"  # 3 of 4
    assert slide.notes.splitlines()[-1] == "n was 2"


def test_mean_and_count_anywhere(project):
    project.write("cues.csv", CUES)
    project.spec("""\
        title: "Week 12: ITC articulates {{ mean('cues', 'articulated', family='ITC') | pct }}"
        data:
          cues: cues.csv
        slides:
          - chart: cues
            takeaway: "{{ count('cues', family='ITC') }} ITC samples"
            x: cue
            y: articulated
            color: family
          - bullets:
              - "{{ count('cues') }} samples in all"
              - "Squares: {{ mean('cues', 'articulated', cue='Squares') | num(2) }}"
              - "Professor ITC: {{ count('cues', cue='Professor', family='ITC') }}"
            title: "Next: {{ count('cues', family='Non-ITC') }} more"
        """)
    deck = project.build()
    # ITC: 5 of 7 = 0.714 -> 71%; 7 ITC rows; 11 rows; Squares 3 of 6 = 0.50;
    # Professor / ITC 3 rows; Non-ITC 2 + 2 = 4 rows.
    assert title_of(deck.slides[0]) == "Week 12: ITC articulates 71%"
    assert title_of(deck.slides[1]) == "7 ITC samples"
    assert title_of(deck.slides[2]) == "Next: 4 more"
    assert slide_texts(deck.slides[2])[1:] == ["11 samples in all", "Squares: 0.50", "Professor ITC: 3"]


def test_mean_and_count_over_columns_no_chart_draws(project):
    # qid is in the file but no chart uses it: the text still computes over it.
    project.write("cues.csv", CUES)
    project.spec(_chart_spec("Charted") + (
        "  - bullets:\n"
        "      - \"mean qid {{ mean('cues', 'qid') | num(1) }}\"\n"
        "      - \"qid 3: {{ count('cues', qid=3) }} row\"\n"
        "    title: Extra\n"
    ))
    deck = project.build()
    # qid 1..11: 66/11 = 6.0; one row has qid 3
    assert slide_texts(deck.slides[2])[1:] == ["mean qid 6.0", "qid 3: 1 row"]


def test_mean_after_the_table_where(project):
    project.write("cues.csv", CUES)
    project.spec("""\
        title: "{{ mean('cues', 'articulated') | pct(1) }}"
        data:
          cues: {path: cues.csv, where: "cue == 'Professor'"}
        slides:
          - bullets: ["{{ count('cues') }} Professor rows"]
            title: T
        """)
    deck = project.build()
    # Professor rows: ITC 1, 1, 0 and Non-ITC 0, 1 -> 3 of 5 = 60.0%
    assert title_of(deck.slides[0]) == "60.0%"
    assert slide_texts(deck.slides[1])[1:] == ["5 Professor rows"]


def _errors(project, spec: str) -> list[str]:
    project.write("cues.csv", CUES)
    project.spec(spec)
    return project.errors()


def test_selector_matching_several_points_is_an_error_at_the_takeaway(project):
    errors = _errors(project, _chart_spec("{{ value(cue='Professor') | pct }} of them"))
    line = project.line("takeaway:")
    assert errors == [
        (f"slidekit: error: deck.yaml:{line}: slides[0].takeaway: in \"{{{{ value(cue='Professor') | pct }}}} "
        "of them\": cue=Professor matches 2 points, expected one; add family to pick one")
    ]


def test_selector_matching_no_point_is_an_error_at_the_takeaway(project):
    errors = _errors(project, _chart_spec("{{ value(cue='Doctor', family='ITC') | pct }}"))
    line = project.line("takeaway:")
    assert errors == [
        (f"slidekit: error: deck.yaml:{line}: slides[0].takeaway: in \"{{{{ value(cue='Doctor', "
        "family='ITC') | pct }}\": cue=Doctor, family=ITC matches no point of the chart")
    ]


def test_unknown_function_is_an_error_at_its_line(project):
    errors = _errors(project, _chart_spec("{{ median('cues', 'articulated') }}"))
    line = project.line("takeaway:")
    assert errors == [
        (f"slidekit: error: deck.yaml:{line}: slides[0].takeaway: 'median' is undefined; "
        "functions: mean, count, value, lo, hi, n; filters: pct, num, pts, pvalue")
    ]


def test_syntax_error_is_an_error_at_its_line(project):
    errors = _errors(project, _chart_spec("Rate {{ value(cue='Professor', family='ITC' | pct }}"))
    line = project.line("takeaway:")
    assert errors == [
        (f"slidekit: error: deck.yaml:{line}: slides[0].takeaway: template syntax error: "
        "unexpected '}', expected ')'")
    ]


def test_unknown_filter_is_an_error_at_its_line(project):
    errors = _errors(project, _chart_spec("{{ value(cue='Professor', family='ITC') | percent }}"))
    line = project.line("takeaway:")
    assert errors == [
        (f"slidekit: error: deck.yaml:{line}: slides[0].takeaway: template syntax error: "
        "No filter named 'percent'.")
    ]


def test_value_on_a_bullets_slide_is_an_error_with_a_hint(project):
    errors = _errors(project, _chart_spec("Fine") + (
        "  - bullets:\n      - \"{{ value(cue='Professor', family='ITC') }}\"\n    title: B\n"
    ))
    line = project.line("- \"{{ value(")
    assert errors == [
        (f"slidekit: error: deck.yaml:{line}: slides[1].bullets[0]: 'value' is undefined "
        "(value, lo, hi and n work on chart slides only); functions: mean, count; filters: pct, num, pts, pvalue")
    ]


@pytest.mark.parametrize(
    ("template", "refused"),
    [
        ("{{ ''.__class__ }}", "access to attribute '__class__' of 'str' object is unsafe."),
        (
            "{{ ''.__class__.__mro__[1].__subclasses__() }}",
            "access to attribute '__class__' of 'str' object is unsafe.",
        ),
        ("{{ count.__self__.tables }}", "access to attribute '__self__' of 'method' object is unsafe."),
        ("{{ mean.__globals__ }}", "access to attribute '__globals__' of 'method' object is unsafe."),
    ],
)
def test_sandbox_refuses_attribute_tricks(project, template, refused):
    errors = _errors(project, _chart_spec("Fine") + f"  - bullets: [\"{template}\"]\n    title: B\n")
    line = project.line("- bullets:")
    assert errors == [
        f"slidekit: error: deck.yaml:{line}: slides[1].bullets[0]: not allowed in a template: {refused}"
    ]


def test_template_cannot_change_data_it_reads(project):
    # An immutable sandbox: a list method that would modify data is refused.
    errors = _errors(project, _chart_spec("Fine") + "  - bullets: [\"{{ [1].append(2) }}\"]\n    title: B\n")
    line = project.line("- bullets:")
    assert errors == [
        (f"slidekit: error: deck.yaml:{line}: slides[1].bullets[0]: not allowed in a template: "
        "access to attribute 'append' of 'list' object is unsafe.")
    ]


def test_text_from_a_prompt_file_is_never_a_template(project):
    project.write("prompt.txt", "Compute {{ 7*7 }} and {% if x %}y{% endif %}.\n")
    project.spec("title: T\nslides:\n  - prompt: prompt.txt\n    title: \"Prompt {{ 6*7 }}\"\n")
    deck = project.build()
    texts = slide_texts(deck.slides[1])
    assert texts[0] == "Prompt 42"  # the spec's title is a template
    assert "Compute {{ 7*7 }} and {% if x %}y{% endif %}." in texts
    assert not any("49" in t for t in texts)


def test_category_value_from_the_data_is_never_a_template(project):
    project.write("t.csv", "family,ok\n{{ 7*7 }},1\n{{ 7*7 }},0\nplain,1\n")
    project.spec(
        "title: T\ndata:\n  t: t.csv\nslides:\n  - chart: t\n    takeaway: Families\n"
        "    x: family\n    y: ok\n    color: family\n"
    )
    deck = project.build()
    (slide,) = project.charts()
    assert slide.chart.series == ("{{ 7*7 }}", "plain")
    assert slide.chart.x_labels == ("{{ 7*7 }}", "plain")
    assert "n per family: {{ 7*7 }} 2, plain 1." in notes_of(deck.slides[1]).splitlines()


# Last week's spec, in its own folder, with its own data: 3 rows.
LAST_WEEK = """\
title: Week 11
data:
  t: t.csv
slides:
  - chart: t
    takeaway: "Week 11 ran {{ count('t') }} samples"
    x: model
    y: ok
"""


def _recap_texts(deck) -> list[str]:
    recap = next(s for s in deck.slides if title_of(s) == "Recap")
    return slide_texts(recap)


def test_recap_quotes_last_weeks_numbers_from_last_weeks_data(project):
    project.write("week11/t.csv", "model,ok\na,1\nb,0\na,1\n")
    project.write("week11/deck.yaml", LAST_WEEK)
    project.write("t.csv", "model,ok\na,1\nb,0\na,1\nb,1\na,0\n")
    project.spec("""\
        title: Week 12
        recap:
          from: week11/deck.yaml
          takeaways: ["Now {{ count('t') }} samples"]
        data:
          t: t.csv
        slides:
          - chart: t
            takeaway: "Week 12 ran {{ count('t') }} samples"
            x: model
            y: ok
        """)
    deck = project.build()
    texts = _recap_texts(deck)
    # last week: 3 rows of week11/t.csv; this week: 5 rows of t.csv
    assert "Week 11 ran 3 samples" in texts
    assert "Now 5 samples" in texts
    assert title_of(deck.slides[2]) == "Week 12 ran 5 samples"


def test_template_error_in_last_weeks_spec_names_that_file_and_line(project):
    project.write("week11/t.csv", "model,ok\na,1\nb,0\na,1\n")
    project.write("week11/deck.yaml", LAST_WEEK.replace("count('t')", "count('nope')"))
    project.write("t.csv", "model,ok\na,1\n")
    project.spec(
        "title: Week 12\nrecap:\n  from: week11/deck.yaml\ndata:\n  t: t.csv\nslides:\n"
        "  - chart: t\n    takeaway: Fine\n    x: model\n    y: ok\n"
    )
    line = project.line("takeaway:", "week11/deck.yaml")
    assert project.errors() == [
        (f"slidekit: error: week11/deck.yaml:{line}: slides[0].takeaway: in \"Week 11 ran "
        "{{ count('nope') }} samples\": no data table 'nope'; expected one of: t")
    ]


class _Timeout(Exception):
    pass


def test_recap_cycle_builds_without_hanging(project):
    def give_up(*_):
        raise _Timeout

    project.write("t.csv", "model,ok\na,1\nb,0\n")
    for name, other in (("a.yaml", "b.yaml"), ("b.yaml", "a.yaml")):
        project.write(name, f"""\
            title: {name}
            recap:
              from: {other}
            data:
              t: t.csv
            slides:
              - chart: t
                takeaway: "{name} says {{{{ count('t') }}}}"
                x: model
                y: ok
            """)
    previous = signal.signal(signal.SIGALRM, give_up)
    signal.alarm(30)
    try:
        deck = project.build("a.yaml")
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert "b.yaml says 2" in _recap_texts(deck)
    assert title_of(deck.slides[2]) == "a.yaml says 2"


def test_lo_of_a_point_without_a_bar_is_an_error(project):
    # model c has a single score: no interval, so lo() has nothing to quote.
    project.write("runs.csv", "model,score\na,0.70\nc,0.40\na,0.74\n")
    project.spec(
        "title: T\ndata:\n  runs: runs.csv\nslides:\n  - chart: runs\n"
        "    takeaway: \"c from {{ lo(model='c') | num(2) }}\"\n    x: model\n    y: score\n"
    )
    line = project.line("takeaway:")
    assert project.errors() == [
        (f"slidekit: error: deck.yaml:{line}: slides[0].takeaway: in \"c from {{{{ lo(model='c') | num(2) }}}}\": "
        "the point {'model': 'c'} has no lo (n = 1)")
    ]


def test_mean_of_a_pre_aggregated_value_and_n_of_its_point(project):
    project.write("results.csv", "model,acc,acc_stderr,n\na,0.7132,0.02,400\nb,0.5,0.03,100\n")
    project.spec(
        "title: \"Mean acc {{ mean('results', 'acc') | pct(2) }}\"\ndata:\n  results: results.csv\nslides:\n"
        "  - chart: results\n"
        "    takeaway: \"a: {{ value(model='a') | pct(1) }} of {{ n(model='a') }}, "
        "from {{ lo(model='a') | num(3) }}\"\n"
        "    x: model\n    y: acc\n    error: acc_stderr\n    n: n\n"
    )
    deck = project.build()
    # mean of 0.7132 and 0.5 = 1.2132/2 = 0.6066 -> "60.66%"
    assert title_of(deck.slides[0]) == "Mean acc 60.66%"
    # 0.7132 -> "71.3%"; lo = 0.7132 - 1.959964 * 0.02 = 0.7132 - 0.039199 = 0.674001 -> "0.674"
    assert title_of(deck.slides[1]) == "a: 71.3% of 400, from 0.674"


def test_jinja2_is_imported_only_for_a_spec_with_a_template(tmp_path):
    """Plain text is not a template: a build of it does not wait for Jinja2 to load."""
    import subprocess
    import sys

    (tmp_path / "cues.csv").write_text(CUES)
    probe = (
        "import sys; from pptx import Presentation; from slidekit.pipeline import build; "
        "deck = build(sys.argv[1], jobs=1).output; "
        "print('jinja2' in sys.modules, '|', Presentation(str(deck)).slides[1].shapes.title.text)"
    )
    results = []
    for name, takeaway in [
        ("plain", "ITC models articulate more"),
        ("template", "ITC articulates {{ value(cue='Professor', family='ITC') | pct }}"),
    ]:
        spec = tmp_path / f"{name}.yaml"
        spec.write_text(_chart_spec(takeaway))
        done = subprocess.run([sys.executable, "-c", probe, str(spec)], capture_output=True, text=True, check=True)
        results.append(done.stdout.strip())
    assert results == ["False | ITC models articulate more", "True | ITC articulates 67%"]
