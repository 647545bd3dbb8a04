"""Scored instruments: AUDIT and DUDIT scored at every band edge (the expected totals and bands
are written out here from the published manuals, never taken from the scorer), the checks that
refuse a broken instrument with its place in the file, and official-wording files."""

from __future__ import annotations

import io
import logging
import shutil
from pathlib import Path

import pytest

from assessment_app.resources import resource_path
from assessment_app.templates import check_main
from assessment_app.templates.instrument_files import (
    InstrumentRegistry,
    Refused,
    read_instrument,
    read_wording,
)
from assessment_app.templates.instruments import Instrument, score

SHIPPED = resource_path("instruments")

# The scores of every answer option, by item, as the manuals give them: AUDIT items 1-8 score
# 0-4 and items 9-10 score 0, 2 or 4 (WHO, Babor et al. 2001); DUDIT items 1-9 score 0-4 and
# items 10-11 score 0, 2 or 4 (Berman et al. 2003). Option values are ours.
FIVE_A = {"never": 0, "monthly_or_less": 1, "two_four_month": 2, "two_three_week": 3,
          "four_plus_week": 4}  # fmt: skip
FIVE_B = {"never": 0, "less_than_monthly": 1, "monthly": 2, "weekly": 3, "daily": 4}
THREE = {"no": 0, "yes_not_last_year": 2, "yes_last_year": 4}
AUDIT_ITEMS = {
    "how_often": FIVE_A,
    "typical_amount": {
        "one_two": 0,
        "three_four": 1,
        "five_six": 2,
        "seven_nine": 3,
        "ten_plus": 4,
    },
    "six_or_more": FIVE_B,
    "could_not_stop": FIVE_B,
    "failed_duties": FIVE_B,
    "morning_drink": FIVE_B,
    "guilt": FIVE_B,
    "memory_loss": FIVE_B,
    "injury": THREE,
    "others_worried": THREE,
}
DUDIT_ITEMS = {
    "how_often": FIVE_A,
    "several_at_once": FIVE_B,
    "times_a_day": {"none": 0, "one_two": 1, "three_four": 2, "five_six": 3, "seven_plus": 4},
    "heavily_influenced": FIVE_B,
    "strong_craving": FIVE_B,
    "could_not_stop": FIVE_B,
    "failed_duties": FIVE_B,
    "morning_use": FIVE_B,
    "guilt": FIVE_B,
    "injury": THREE,
    "others_worried": THREE,
}

# Bands as (from, to, id). AUDIT: WHO's zones 0-7, 8-15, 16-19, 20-40, read in Sweden with a
# cut-off of 8 for men and 6 for women; with no sex chosen, 6-7 is its own band. DUDIT: 6 or
# more for men, 2 or more for women, 25 or more suggests dependence for both.
AUDIT_BANDS = {
    None: [(0, 5, "low_risk"), (6, 7, "above_women_cutoff"), (8, 15, "hazardous"),
           (16, 19, "harmful"), (20, 40, "possible_dependence")],
    "female": [(0, 5, "low_risk"), (6, 15, "hazardous"), (16, 19, "harmful"),
               (20, 40, "possible_dependence")],
    "male": [(0, 7, "low_risk"), (8, 15, "hazardous"), (16, 19, "harmful"),
             (20, 40, "possible_dependence")],
}  # fmt: skip
DUDIT_BANDS = {
    None: [(0, 1, "no_problems"), (2, 5, "above_women_cutoff"), (6, 24, "drug_problems"),
           (25, 44, "likely_dependence")],
    "female": [(0, 1, "no_problems"), (2, 24, "drug_problems"), (25, 44, "likely_dependence")],
    "male": [(0, 5, "no_problems"), (6, 24, "drug_problems"), (25, 44, "likely_dependence")],
}  # fmt: skip


def _registry() -> InstrumentRegistry:
    return InstrumentRegistry([SHIPPED])


def _answers_for(items: dict[str, dict[str, int]], total: int) -> dict[str, str]:
    """Answers whose scores add up to ``total`` (highest fitting option first), for the sweeps;
    the band edges themselves are written out by hand below (AUDIT_EDGES, DUDIT_EDGES)."""
    answers: dict[str, str] = {}
    left = total
    for item_id, options in items.items():
        value, points = max(
            ((v, s) for v, s in options.items() if s <= left), key=lambda pair: pair[1]
        )
        answers[item_id] = value
        left -= points
    assert left == 0, f"no answers add up to {total}"
    return answers


# Every band edge answered by hand: the option chosen for each item, in the items' order, with
# the total added up here in the comment, and the band each set of cut-offs gives it (from the
# tables above, as the manuals read them).
AUDIT_EDGES = [
    # total, answers (how_often, typical_amount, six_or_more, could_not_stop, failed_duties,
    # morning_drink, guilt, memory_loss, injury, others_worried), band: none, female, male
    (0, ["never", "one_two", "never", "never", "never", "never", "never", "never", "no", "no"],
     ("low_risk", "low_risk", "low_risk")),
    # 1 + 1 + 1 + 0 + 0 + 0 + 1 + 1 + 0 + 0
    (5, ["monthly_or_less", "three_four", "less_than_monthly", "never", "never", "never",
         "less_than_monthly", "less_than_monthly", "no", "no"],
     ("low_risk", "low_risk", "low_risk")),
    # 1 + 1 + 0 + 0 + 0 + 0 + 0 + 0 + 2 + 2
    (6, ["monthly_or_less", "three_four", "never", "never", "never", "never", "never", "never",
         "yes_not_last_year", "yes_not_last_year"],
     ("above_women_cutoff", "hazardous", "low_risk")),
    # 2 + 1 + 1 + 0 + 0 + 0 + 1 + 0 + 2 + 0
    (7, ["two_four_month", "three_four", "less_than_monthly", "never", "never", "never",
         "less_than_monthly", "never", "yes_not_last_year", "no"],
     ("above_women_cutoff", "hazardous", "low_risk")),
    # 3 + 2 + 1 + 0 + 0 + 0 + 0 + 0 + 2 + 0
    (8, ["two_three_week", "five_six", "less_than_monthly", "never", "never", "never", "never",
         "never", "yes_not_last_year", "no"],
     ("hazardous", "hazardous", "hazardous")),
    # 4 + 3 + 3 + 1 + 0 + 0 + 2 + 0 + 0 + 2
    (15, ["four_plus_week", "seven_nine", "weekly", "less_than_monthly", "never", "never",
          "monthly", "never", "no", "yes_not_last_year"],
     ("hazardous", "hazardous", "hazardous")),
    # 3 + 2 + 3 + 2 + 1 + 0 + 1 + 0 + 0 + 4
    (16, ["two_three_week", "five_six", "weekly", "monthly", "less_than_monthly", "never",
          "less_than_monthly", "never", "no", "yes_last_year"],
     ("harmful", "harmful", "harmful")),
    # 4 + 4 + 4 + 0 + 0 + 0 + 1 + 0 + 2 + 4
    (19, ["four_plus_week", "ten_plus", "daily", "never", "never", "never", "less_than_monthly",
          "never", "yes_not_last_year", "yes_last_year"],
     ("harmful", "harmful", "harmful")),
    # 4 + 4 + 4 + 1 + 0 + 0 + 1 + 0 + 2 + 4
    (20, ["four_plus_week", "ten_plus", "daily", "less_than_monthly", "never", "never",
          "less_than_monthly", "never", "yes_not_last_year", "yes_last_year"],
     ("possible_dependence", "possible_dependence", "possible_dependence")),
    # 4 + 4 + 4 + 4 + 4 + 4 + 4 + 4 + 4 + 4
    (40, ["four_plus_week", "ten_plus", "daily", "daily", "daily", "daily", "daily", "daily",
          "yes_last_year", "yes_last_year"],
     ("possible_dependence", "possible_dependence", "possible_dependence")),
]  # fmt: skip
DUDIT_EDGES = [
    # total, answers (how_often, several_at_once, times_a_day, heavily_influenced,
    # strong_craving, could_not_stop, failed_duties, morning_use, guilt, injury,
    # others_worried), band: none, female, male
    (0, ["never", "never", "none", "never", "never", "never", "never", "never", "never", "no",
         "no"],
     ("no_problems", "no_problems", "no_problems")),
    # 1 + 0 + ... + 0
    (1, ["monthly_or_less", "never", "none", "never", "never", "never", "never", "never",
         "never", "no", "no"],
     ("no_problems", "no_problems", "no_problems")),
    # 1 + 1 + 0 + ... + 0
    (2, ["monthly_or_less", "less_than_monthly", "none", "never", "never", "never", "never",
         "never", "never", "no", "no"],
     ("above_women_cutoff", "drug_problems", "no_problems")),
    # 2 + 1 + 1 + 0 + 0 + 0 + 0 + 0 + 1 + 0 + 0
    (5, ["two_four_month", "less_than_monthly", "one_two", "never", "never", "never", "never",
         "never", "less_than_monthly", "no", "no"],
     ("above_women_cutoff", "drug_problems", "no_problems")),
    # 1 + 0 + 1 + 0 + 0 + 0 + 0 + 0 + 0 + 2 + 2
    (6, ["monthly_or_less", "never", "one_two", "never", "never", "never", "never", "never",
         "never", "yes_not_last_year", "yes_not_last_year"],
     ("drug_problems", "drug_problems", "drug_problems")),
    # 4 + 3 + 2 + 3 + 2 + 1 + 1 + 0 + 2 + 4 + 2
    (24, ["four_plus_week", "weekly", "three_four", "weekly", "monthly", "less_than_monthly",
          "less_than_monthly", "never", "monthly", "yes_last_year", "yes_not_last_year"],
     ("drug_problems", "drug_problems", "drug_problems")),
    # 4 + 3 + 2 + 3 + 2 + 1 + 1 + 1 + 2 + 4 + 2
    (25, ["four_plus_week", "weekly", "three_four", "weekly", "monthly", "less_than_monthly",
          "less_than_monthly", "less_than_monthly", "monthly", "yes_last_year",
          "yes_not_last_year"],
     ("likely_dependence", "likely_dependence", "likely_dependence")),
    # 4 + 4 + 4 + 4 + 4 + 4 + 4 + 4 + 4 + 4 + 4
    (44, ["four_plus_week", "daily", "seven_plus", "daily", "daily", "daily", "daily", "daily",
          "daily", "yes_last_year", "yes_last_year"],
     ("likely_dependence", "likely_dependence", "likely_dependence")),
]  # fmt: skip


def test_audit_and_dudit_are_as_published() -> None:
    registry = _registry()
    assert registry.problems == []
    for instrument_id, items, top in (("audit", AUDIT_ITEMS, 40), ("dudit", DUDIT_ITEMS, 44)):
        inst = registry.get(instrument_id, 1)
        assert inst is not None
        assert [i.id for i in inst.items] == list(items)
        for item in inst.items:
            assert {o.value: o.score for o in item.options} == items[item.id], item.id
        assert (inst.total.min, inst.total.max) == (0, top)
        assert inst.areas == ["substance_use"]
    audit = registry.get("audit", 1)
    assert audit is not None and len(audit.items) == 10
    assert [len(i.options) for i in audit.items] == [5] * 8 + [3] * 2
    dudit = registry.get("dudit", 1)
    assert dudit is not None and len(dudit.items) == 11
    assert [len(i.options) for i in dudit.items] == [5] * 9 + [3] * 2


@pytest.mark.parametrize(
    ("instrument_id", "items", "bands"),
    [("audit", AUDIT_ITEMS, AUDIT_BANDS), ("dudit", DUDIT_ITEMS, DUDIT_BANDS)],
)
def test_every_band_edge_is_scored_as_the_manual_reads_it(
    instrument_id: str, items: dict[str, dict[str, int]], bands: dict[str | None, list]
) -> None:
    inst = _registry().get(instrument_id, 1)
    assert inst is not None
    for sex, edges in bands.items():
        assert [(b.low, b.high, b.id) for b in inst.bands_for(sex)] == edges
        for low, high, band_id in edges:
            for total in sorted({low, high}):
                result = score(inst, _answers_for(items, total), sex)
                assert result.total == total
                assert result.complete and result.band is not None
                assert result.band.id == band_id, (instrument_id, sex, total)


@pytest.mark.parametrize(
    ("instrument_id", "items", "bands", "edges"),
    [
        ("audit", AUDIT_ITEMS, AUDIT_BANDS, AUDIT_EDGES),
        ("dudit", DUDIT_ITEMS, DUDIT_BANDS, DUDIT_EDGES),
    ],
)
def test_hand_written_answers_at_every_band_edge(
    instrument_id: str,
    items: dict[str, dict[str, int]],
    bands: dict[str | None, list],
    edges: list,
) -> None:
    inst = _registry().get(instrument_id, 1)
    assert inst is not None
    # Every edge of every set of cut-offs has a hand-written case.
    written = {total for total, _values, _bands in edges}
    for sex_bands in bands.values():
        assert {t for low, high, _id in sex_bands for t in (low, high)} <= written
    for total, values, expected in edges:
        assert len(values) == len(items), total
        answers = dict(zip(items, values, strict=True))
        # The comment's sum, from the manuals' score tables (a check of the case, not the app).
        assert sum(items[item][value] for item, value in answers.items()) == total, total
        for sex, band_id in zip((None, "female", "male"), expected, strict=True):
            result = score(inst, answers, sex)
            assert (result.total, result.answered) == (total, len(items)), (total, sex)
            assert result.band is not None and result.band.id == band_id, (total, sex)


def test_a_cut_off_and_the_step_below_it() -> None:
    """The cut-offs named in the issue, one point on either side."""
    reg = _registry()
    audit, dudit = reg.get("audit", 1), reg.get("dudit", 1)
    assert audit is not None and dudit is not None
    cases = [
        (audit, AUDIT_ITEMS, "male", 7, False), (audit, AUDIT_ITEMS, "male", 8, True),
        (audit, AUDIT_ITEMS, "female", 5, False), (audit, AUDIT_ITEMS, "female", 6, True),
        (dudit, DUDIT_ITEMS, "male", 5, False), (dudit, DUDIT_ITEMS, "male", 6, True),
        (dudit, DUDIT_ITEMS, "female", 1, False), (dudit, DUDIT_ITEMS, "female", 2, True),
    ]  # fmt: skip
    for inst, items, sex, total, flagged in cases:
        result = score(inst, _answers_for(items, total), sex)
        assert result.band is not None and result.band.flag is flagged, (inst.id, sex, total)
    for sex in (None, "female", "male"):
        at_24 = score(dudit, _answers_for(DUDIT_ITEMS, 24), sex).band
        at_25 = score(dudit, _answers_for(DUDIT_ITEMS, 25), sex).band
        assert at_24 is not None and at_24.id == "drug_problems"
        assert at_25 is not None and at_25.id == "likely_dependence"


def test_a_partly_answered_instrument_has_a_running_total_and_no_band() -> None:
    audit = _registry().get("audit", 1)
    assert audit is not None
    result = score(audit, {"how_often": "two_three_week", "injury": "yes_last_year"}, "male")
    assert (result.total, result.answered, result.items) == (3 + 4, 2, 10)
    assert not result.complete and result.band is None
    # An unknown item or value counts as not answered, never as points.
    odd = score(audit, {"how_often": "every_hour", "nothing": "never", "guilt": 4}, None)
    assert (odd.total, odd.answered) == (0, 0)


# --- validation -------------------------------------------------------------------------------


def _variant(tmp_path: Path, old: str, new: str, name: str = "audit-v1.yaml") -> Path:
    text = (SHIPPED / name).read_text(encoding="utf-8")
    assert old in text, old
    path = tmp_path / name
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def _line_of(path: Path, fragment: str, start: str | None = None) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    begin = next(n for n, line in enumerate(lines) if start in line) if start else 0
    return next(n for n, line in enumerate(lines) if n >= begin and fragment in line) + 1


def test_a_gap_between_bands_is_refused_at_the_band(tmp_path: Path) -> None:
    path = _variant(
        tmp_path, "    - id: harmful\n      from: 16\n", "    - id: harmful\n      from: 17\n"
    )
    report = read_instrument(path)
    assert report.instrument is None
    [problem] = report.problems
    assert problem.path == "instrument.bands[3].from"
    assert "gap" in problem.message and "16" in problem.message
    assert problem.line == _line_of(path, "from: 17")


def test_overlapping_bands_are_refused(tmp_path: Path) -> None:
    path = _variant(
        tmp_path, "    - id: hazardous\n      from: 8\n", "    - id: hazardous\n      from: 7\n"
    )
    [problem] = read_instrument(path).problems
    assert problem.path == "instrument.bands[2].from"
    assert "overlaps" in problem.message and "bands[1]" in problem.message
    assert problem.line == _line_of(path, "from: 7")


def test_bands_that_stop_short_of_the_highest_total_are_refused(tmp_path: Path) -> None:
    # The women's last band ends at 39: 40 is covered by nothing.
    text = (SHIPPED / "audit-v1.yaml").read_text(encoding="utf-8")
    female = text.index("    female:")
    cut = text.index("        to: 40", female)
    path = tmp_path / "audit-v1.yaml"
    path.write_text(text[:cut] + "        to: 39" + text[cut + len("        to: 40") :])
    [problem] = read_instrument(path).problems
    assert problem.path == "instrument.bands_by_sex.female"
    assert "no band covers 40" in problem.message


def test_a_band_past_the_highest_total_is_refused(tmp_path: Path) -> None:
    path = _variant(tmp_path, "      to: 40\n", "      to: 41\n")
    [problem] = read_instrument(path).problems
    assert problem.path == "instrument.bands[4].to"
    assert "above the highest total 40" in problem.message


def test_an_option_score_out_of_range_is_refused(tmp_path: Path) -> None:
    text = (SHIPPED / "dudit-v1.yaml").read_text(encoding="utf-8")
    start = text.index("- id: guilt")
    at = text.index("score: 4", start)
    path = tmp_path / "dudit-v1.yaml"
    path.write_text(text[:at] + "score: 5" + text[at + len("score: 4") :], encoding="utf-8")
    problems = read_instrument(path).problems
    paths = {p.path: p for p in problems}
    assert "instrument.items[8].options[4].score" in paths
    assert "outside the item scores 0..4" in paths["instrument.items[8].options[4].score"].message
    assert paths["instrument.items[8].options[4].score"].line == _line_of(path, "score: 5")
    # The stated total no longer is what the items add up to: said at the total.
    assert "add up to 45" in paths["instrument.total.max"].message


def test_a_negative_score_and_a_score_as_words_are_refused(tmp_path: Path) -> None:
    minus = read_instrument(_variant(tmp_path, "score: 0", "score: -1")).problems
    assert minus[0].path == "instrument.items[0].options[0].score"
    words = read_instrument(_variant(tmp_path, "score: 0", "score: noll")).problems
    assert words[0].path == "instrument.items[0].options[0].score"
    assert "not a whole number" in words[0].message


def test_template_check_reads_instrument_files(tmp_path: Path) -> None:
    out, err = io.StringIO(), io.StringIO()
    files = [str(SHIPPED / "audit-v1.yaml"), str(SHIPPED / "dudit-v1.yaml")]
    assert check_main(files, out, err) == 0, err.getvalue()
    assert "OK: instrument audit v1: 10 items, total 0-40" in out.getvalue()
    assert "OK: instrument dudit v1: 11 items, total 0-44" in out.getvalue()
    bad = _variant(
        tmp_path, "    - id: harmful\n      from: 16\n", "    - id: harmful\n      from: 17\n"
    )
    out, err = io.StringIO(), io.StringIO()
    assert check_main([str(bad)], out, err) == 1
    assert f"{bad}:{_line_of(bad, 'from: 17')}: instrument.bands[3].from: " in err.getvalue()


def test_a_broken_instrument_file_is_skipped_and_reported(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    folder = tmp_path / "instruments"
    folder.mkdir()
    shutil.copy(SHIPPED / "dudit-v1.yaml", folder)
    _variant(folder, "      to: 40\n", "      to: 41\n")
    with caplog.at_level(logging.WARNING, logger="assessment_app.templates.instrument_files"):
        registry = InstrumentRegistry([folder])
    assert [i.id for i in registry.all()] == ["dudit"]
    assert registry.problems and registry.problems[0].path == "instrument.bands[4].to"
    # Logged by file name (not the folder it is in) with the problem, and kept for the screens.
    [record] = [r for r in caplog.records if "audit-v1.yaml" in r.getMessage()]
    message = record.getMessage()
    assert "instrument.bands[4].to" in message and "above the highest total 40" in message
    assert str(folder) not in message
    assert registry.refused == [Refused("audit-v1.yaml", "instrument", ("substance_use",))]
    assert registry.refused_for("substance_use") == registry.refused
    assert registry.refused_for("housing") == []


def test_an_unreadable_instrument_file_is_said_where_instruments_are_offered(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "instruments"
    folder.mkdir()
    shutil.copy(SHIPPED / "dudit-v1.yaml", folder)
    (folder / "broken.yaml").write_text("instrument: [\n", encoding="utf-8")
    registry = InstrumentRegistry([folder])
    assert registry.refused == [Refused("broken.yaml", "instrument", ())]
    assert registry.refused_for("substance_use") == registry.refused  # DUDIT is offered there
    assert registry.refused_for("housing") == []  # nothing is offered there


# --- official wording -------------------------------------------------------------------------


def wording_text(inst: Instrument, *, drop_item: str | None = None, extra: str = "") -> str:
    """A wording file for ``inst`` with made-up text (this project ships no official text)."""
    lines = [
        "wording:",
        f"  instrument: {inst.id}",
        f"  version: {inst.version}",
        "  language: sv",
        '  source: "Kommunens exemplar, hämtat 2026-12-01"',
        "  items:",
    ]
    for n, item in enumerate(inst.items, start=1):
        if item.id == drop_item:
            continue
        lines += [f"    {item.id}:", f'      text: "Officiell fråga {n}?"', "      options:"]
        lines += [f'        {o.value}: "Officiellt svar {n}.{o.score}"' for o in item.options]
    return "\n".join(lines) + "\n" + extra


def _with_wording(tmp_path: Path, text: str) -> tuple[InstrumentRegistry, Path]:
    folder = tmp_path / "instruments"
    (folder / "wording").mkdir(parents=True)
    for name in ("audit-v1.yaml", "dudit-v1.yaml"):
        shutil.copy(SHIPPED / name, folder)
    path = folder / "wording" / "audit-v1.sv.yaml"
    path.write_text(text, encoding="utf-8")
    return InstrumentRegistry([folder]), path


def test_an_official_wording_file_is_found_for_its_instrument(tmp_path: Path) -> None:
    audit = _registry().get("audit", 1)
    assert audit is not None
    registry, path = _with_wording(tmp_path, wording_text(audit))
    assert registry.problems == []
    inst = registry.get("audit", 1)
    assert inst is not None
    wording = registry.wording(inst, "sv")
    assert wording is not None and wording.items["guilt"].text == "Officiell fråga 7?"
    assert wording.items["injury"].options["yes_last_year"] == "Officiellt svar 9.4"
    assert registry.wording(inst, "en") is wording  # Swedish when there is no English one
    dudit = registry.get("dudit", 1)
    assert dudit is not None and registry.wording(dudit) is None
    out, err = io.StringIO(), io.StringIO()
    assert check_main([str(path)], out, err) == 0, err.getvalue()
    assert "OK: wording of audit v1 (sv): 10 items" in out.getvalue()


def test_a_wording_file_must_fit_its_instrument(tmp_path: Path) -> None:
    audit = _registry().get("audit", 1)
    assert audit is not None
    registry, path = _with_wording(tmp_path, wording_text(audit, drop_item="guilt"))
    assert registry.wording(audit) is None
    [problem] = registry.problems
    assert problem.path == "wording.items" and "'guilt' is missing" in problem.message
    unknown = wording_text(audit).replace("        never:", "        hardly:", 1)
    path.write_text(unknown, encoding="utf-8")
    paths = [p.path for p in read_wording(path, InstrumentRegistry([SHIPPED])).problems]
    assert "wording.items.how_often.options.hardly" in paths
    other = wording_text(audit).replace("version: 1", "version: 7")
    path.write_text(other, encoding="utf-8")
    [problem] = read_wording(path, InstrumentRegistry([SHIPPED])).problems
    assert problem.path == "wording.instrument" and problem.line == 2
    assert "no instrument 'audit' version 7" in problem.message
    path.write_text(wording_text(audit).replace("  source:", "  sourse:"), encoding="utf-8")
    problems = read_wording(path, InstrumentRegistry([SHIPPED])).problems
    assert {p.path for p in problems} == {"wording.sourse", "wording.source"}


def test_an_area_no_installed_template_has_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "instruments"
    folder.mkdir()
    path = _variant(folder, "    - substance_use\n", "    - substanse_use\n")
    report = read_instrument(path, areas={"housing", "substance_use"})
    [problem] = report.problems
    assert report.instrument is None
    assert problem.path == "instrument.areas[0]" and problem.line == _line_of(path, "substanse")
    assert problem.message == (
        "no installed template has an area 'substanse_use'; known areas: housing, substance_use"
    )
    assert read_instrument(path).instrument is not None  # no areas given: not checked
    registry = InstrumentRegistry([folder], areas={"substance_use"})
    assert registry.all() == [] and registry.refused[0].areas == ("substanse_use",)
    # The installed instruments are checked against the installed templates' areas.
    from assessment_app.templates.instrument_files import default_instruments, template_areas

    assert "substance_use" in template_areas()
    assert {i.id for i in default_instruments().all()} >= {"audit", "dudit"}


def test_template_check_checks_an_instruments_areas_against_the_templates(
    tmp_path: Path,
) -> None:
    path = _variant(tmp_path, "    - substance_use\n", "    - substanse_use\n")
    out, err = io.StringIO(), io.StringIO()
    assert check_main([str(path)], out, err) == 1  # against the installed templates
    assert "instrument.areas[0]: no installed template has an area 'substanse_use'" in (
        err.getvalue()
    )
    # Checked with a template that has the area: it is good.
    template = tmp_path / "mall.yaml"
    shipped = resource_path("templates")
    [first] = sorted(shipped.glob("*.yaml"))[:1]
    text = first.read_text(encoding="utf-8").replace("id: substance_use", "id: substanse_use")
    template.write_text(text, encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    assert check_main([str(template), str(path)], out, err) == 0, err.getvalue()
    assert "OK: instrument audit v1" in out.getvalue()


def test_two_wordings_of_one_instrument_in_one_language_are_both_refused(
    tmp_path: Path,
) -> None:
    audit = _registry().get("audit", 1)
    assert audit is not None
    registry, path = _with_wording(tmp_path, wording_text(audit))
    (path.parent / "audit-v1.sv-2.yaml").write_text(
        wording_text(audit).replace("Officiell fråga", "Annan fråga"), encoding="utf-8"
    )
    registry = InstrumentRegistry([tmp_path / "instruments"])
    inst = registry.get("audit", 1)
    assert inst is not None
    assert registry.wording(inst, "sv") is None  # neither wins silently
    [problem] = registry.problems
    assert problem.file.endswith("audit-v1.sv.yaml") and problem.path == "wording.instrument"
    assert problem.message == (
        "the wording of 'audit' version 1 (sv) is also in audit-v1.sv-2.yaml; "
        "remove one of the files"
    )
    assert sorted(r.name for r in registry.refused) == ["audit-v1.sv-2.yaml", "audit-v1.sv.yaml"]
    assert all(r.kind == "wording" and r.areas == ("substance_use",) for r in registry.refused)


def test_a_band_below_the_lowest_total_is_said_so(tmp_path: Path) -> None:
    path = _variant(
        tmp_path, "    - id: low_risk\n      from: 0\n", "    - id: low_risk\n      from: -1\n"
    )
    [problem] = read_instrument(path).problems
    assert problem.path == "instrument.bands[0].from"
    assert problem.message == "band starts at -1, below the lowest total 0"
    assert problem.line == _line_of(path, "from: -1")


def test_bands_out_of_order_are_said_so(tmp_path: Path) -> None:
    # The bands 0-5, 6-7, 16-19, 8-15, 20-40: 8-15 overlaps none of them, it is out of order.
    text = (SHIPPED / "audit-v1.yaml").read_text(encoding="utf-8")
    start = text.index("    - id: hazardous\n")
    middle = text.index("    - id: harmful\n")
    end = text.index("    - id: possible_dependence\n")
    path = tmp_path / "audit-v1.yaml"
    path.write_text(
        text[:start] + text[middle:end] + text[start:middle] + text[end:], encoding="utf-8"
    )
    problems = read_instrument(path).problems
    at = {p.path: p.message for p in problems}
    assert at["instrument.bands[3].from"] == (
        "band 8–15 comes after bands[2] (16–19); bands are listed from the lowest score"
    )
