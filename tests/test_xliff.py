"""The translator's workflow (issue 11): `handout translate export` writes XLIFF 2.0 for a CAT
tool, `handout translate import` writes the translation back, `check` names the master units
changed since. Through the CLI, on copies of the repository's content; the PDFs compared
against come from the session batch (test_batch.session_batch)."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import CONTENT, build, diagnostic_lines, pdf_text, run_cli, squash
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from test_batch import batch_pdf, copy_content, session_batch

from handout.catalogue import CATALOGUE, KEYS
from handout.typography import typeset

NS = {"x": "urn:oasis:names:tc:xliff:document:2.0", "mda": "urn:oasis:names:tc:xliff:metadata:2.0"}
NMTOKEN = re.compile(r"[\w.:-]+\Z")  # what XLIFF 2.0 allows as an id


@pytest.fixture(scope="session")
def kineret_batch(tmp_path_factory):
    return session_batch(tmp_path_factory)


def export(master: Path, language: str, *more: str) -> Path:
    result = run_cli(["translate", "export", master, "--lang", language, *more])
    assert result.returncode == 0, result.stderr
    path = Path(result.stdout.strip())
    assert path.is_file() and path.suffix == ".xlf", result.stdout
    return path


def import_(xlf: Path, *more: str):
    return run_cli(["translate", "import", xlf, *more])


def units(xlf: Path) -> dict[str, ET.Element]:
    """The file's units by their readable name (the unit id)."""
    root = ET.parse(xlf).getroot()
    return {u.get("name"): u for u in root.iter(f"{{{NS['x']}}}unit")}


def plain(element: ET.Element | None) -> str:
    return "".join(element.itertext()) if element is not None else ""


def segment(unit: ET.Element, part: str) -> ET.Element | None:
    return unit.find(f"x:segment/x:{part}", NS)


def one_error(result, xlf: Path) -> str:
    """The single `handout: error:` line, which must name the XLIFF file."""
    assert result.returncode == 2, result.stdout + result.stderr
    lines = diagnostic_lines(result.stderr)
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"handout: error: {xlf}"), lines[0]
    return lines[0]


def unit_texts(path: Path) -> dict[str, object]:
    from handout.loader import load
    from handout.units import units as of

    return {u.id: u.value for u in of(load(path))}


def replace_once(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} is in {path.name} {text.count(old)} times"
    path.write_text(text.replace(old, new), encoding="utf-8")


# -- export -------------------------------------------------------------------------------------


def test_export_has_one_unit_per_text_with_readable_ids_and_fingerprints(tmp_path):
    """A language with no translation yet: every text of the master is a unit with its source,
    no target (state initial) and a fingerprint; ids say where the text is."""
    from handout.check import section_texts
    from handout.loader import load

    master = copy_content(tmp_path)
    xlf = export(master, "de")  # a language the tool has no labels for
    assert xlf == tmp_path / "content.de.xlf"
    root = ET.parse(xlf).getroot()
    assert (root.get("version"), root.get("srcLang"), root.get("trgLang")) == ("2.0", "en", "de")
    found = units(xlf)
    doc = load(master)
    texts = [doc.title, doc.subtitle, doc.source, *[i.label for i in doc.identifiers]]
    texts += [plain_runs(k) for k in doc.key_points]
    for section in doc.sections:
        texts += [section.heading, *section_texts(section.blocks)]
    texts += [CATALOGUE["en"][key] for key in KEYS]
    assert len(found) == len(texts)
    sources = [plain(segment(u, "source")) for u in found.values()]
    assert sorted(sources) == sorted(re.sub(r"\{\w+\}", "", t) for t in texts)
    for name, unit in found.items():
        assert NMTOKEN.match(unit.get("id")) and unit.get("id") == name.replace("/", ".")
        assert segment(unit, "target") is None
        assert unit.find("x:segment", NS).get("state") == "initial"
        meta = unit.find("mda:metadata/mda:metaGroup/mda:meta[@type='fingerprint']", NS)
        assert re.fullmatch(r"[0-9a-f]{12}", meta.text), name
    for name in [
        "title",
        "key_points/0",
        "how-do-i-take-kineret/heading",
        "how-do-i-take-kineret/blocks/2",
        "how-do-i-take-kineret/blocks/3/qr/caption",
        "how-do-i-take-kineret/blocks/4/callout/title",
        "how-do-i-take-kineret/blocks/4/callout/blocks/1",
        "how-does-kineret-work/blocks/7/bullets/2",
        "when-to-call-doctor/blocks/0/callout/blocks/2/bullets/5",
        "labels/page",
    ]:
        assert name in found, name


def plain_runs(runs) -> str:
    return "".join(r.text for r in runs)


def test_bold_links_and_label_placeholders_are_protected_tags(tmp_path):
    master = copy_content(tmp_path)
    master.write_text(
        master.read_text(encoding="utf-8").replace(
            "- Kineret comes as a subcutaneous (under the skin) injection.",
            '- "Kineret comes as a *subcutaneous* injection: see '
            '[the **video**](https://rheuminfo.com/medications/kineret/)."',
        ),
        encoding="utf-8",
    )
    found = units(export(master, "ko"))
    unit = found["how-do-i-take-kineret/blocks/0"]
    source = segment(unit, "source")
    tags = {pc.get("id"): pc for pc in source.iter(f"{{{NS['x']}}}pc")}
    assert set(tags) == {"i1", "l1", "b1"}
    assert all(pc.get("canDelete") == "no" for pc in tags.values())
    assert plain(tags["i1"]) == "subcutaneous" and tags["i1"].get("subType") == "xlf:i"
    assert plain(tags["l1"]) == "the video" and tags["l1"].get("type") == "link"
    assert tags["l1"].find("x:pc", NS) is tags["b1"]  # bold inside the link's text
    data = {d.get("id"): d.text for d in unit.find("x:originalData", NS)}
    assert data[tags["l1"].get("dataRefEnd")] == "](https://rheuminfo.com/medications/kineret/)"
    assert data[tags["b1"].get("dataRefStart")] == "**"
    assert plain(source) == "Kineret comes as a subcutaneous injection: see the video."

    page = segment(found["labels/page"], "source")
    phs = list(page.iter(f"{{{NS['x']}}}ph"))
    assert [ph.get("disp") for ph in phs] == ["{page}", "{pages}"]
    assert plain(page) == "Page  of "


def test_a_new_language_the_tool_has_labels_for_gets_them_as_targets(tmp_path):
    master = copy_content(tmp_path)  # no content.fr.yaml
    found = units(export(master, "fr"))
    translated = {n for n, u in found.items() if segment(u, "target") is not None}
    assert translated == {f"labels/{key}" for key in KEYS}
    assert plain(segment(found["labels/kicker"], "target")) == CATALOGUE["fr"]["kicker"]


def test_export_prefills_targets_from_the_translation(tmp_path):
    from handout.loader import load

    master = copy_content(tmp_path, "fr")
    found = units(export(master, "fr"))
    french = load(master.with_name("content.fr.yaml"))
    assert plain(segment(found["title"], "target")) == french.title
    heading = french.sections[2].heading
    assert plain(segment(found[f"{french.sections[2].id}/heading"], "target")) == heading
    point = segment(found["key_points/0"], "target")
    assert plain(point) == plain_runs(french.key_points[0])
    assert [pc.get("id") for pc in point.iter(f"{{{NS['x']}}}pc")] == ["b1"]
    assert plain(segment(found["labels/page"], "target")) == "Page  de "  # the catalogue's
    assert {u.find("x:segment", NS).get("state") for u in found.values()} == {"translated"}


def fill(xlf: Path, mark: str) -> None:
    """Every target: the source after a mark, as a translator's tool would write it."""
    filled = re.sub(
        r"<source>(.*?)</source>",
        lambda m: f"<source>{m[1]}</source><target>{mark}{m[1]}</target>",
        xlf.read_text(encoding="utf-8"),
        flags=re.S,
    )
    xlf.write_text(filled.replace('state="initial"', 'state="translated"'), encoding="utf-8")


# -- the round trip -----------------------------------------------------------------------------

UNIT = "how-do-i-take-kineret/blocks/0"
OLD = "Kineret se présente sous forme d'injection sous-cutanée (sous la peau)."
NEW = "Kineret se présente sous la forme d'une piqûre sous-cutanée (sous la peau)."


def test_round_trip_puts_the_edited_unit_on_the_page_and_changes_nothing_else(
    tmp_path, kineret_batch
):
    master = copy_content(tmp_path, "fr")
    french = master.with_name("content.fr.yaml")
    before = unit_texts(french)
    xlf = export(master, "fr")
    assert plain(segment(units(xlf)[UNIT], "target")) == OLD
    replace_once(xlf, f"<target>{OLD}</target>", f"<target>{NEW}</target>")  # the translator
    french.unlink()  # import writes it anew, whole

    result = import_(xlf)
    assert result.returncode == 0, result.stderr
    assert Path(result.stdout.strip()) == french
    after = unit_texts(french)
    assert plain_runs(after.pop(UNIT)) == NEW and plain_runs(before.pop(UNIT)) == OLD
    assert after == before  # every other unit exactly as it was
    assert master.read_bytes() == CONTENT.read_bytes()  # the master untouched

    pdf = build(master, tmp_path / "out", "--lang", "fr")
    new_pages, old_pages = pdf_text(pdf), pdf_text(batch_pdf(kineret_batch, "fr"))
    new_text, old_text = squash("".join(new_pages)), squash("".join(old_pages))
    new, old = (squash(typeset(text, "fr")) for text in (NEW, OLD))  # as the page sets it
    assert new in new_text and old not in new_text and old in old_text
    assert new_text.replace(new, old) == old_text  # nothing else changed


def test_import_of_a_new_language_writes_a_draft_that_builds(tmp_path):
    """A translator fills every target (here: the source, marked); import writes the
    translation beside the master with the master's structure, as a draft recording its
    source."""
    from handout.loader import load
    from handout.translations import draft_reasons

    master = copy_content(tmp_path)
    xlf = export(master, "de")
    fill(xlf, "DE ")
    result = import_(xlf)
    assert result.returncode == 0, result.stderr
    german = load(tmp_path / "content.de.yaml")
    assert german.status == "draft" and german.translation.reviewed_by is None
    assert german.translation.from_revised == load(master).revised
    assert german.title == "DE Kineret"
    assert german.labels["page"] == "DE Page {page} of {pages}"  # no catalogue: all labels
    assert set(german.translation.units) == set(unit_texts(master))
    assert draft_reasons(load(master), german) == (
        "status is draft",
        "translation not reviewed",
    )
    pdf = build(master, tmp_path / "out", "--lang", "de")
    assert "DE Kineret" in pdf_text(pdf)[0]
    from jsonschema import Draft202012Validator
    from test_schema import SCHEMA_FILE, schema_errors

    schema = Draft202012Validator(json.loads(SCHEMA_FILE.read_text(encoding="utf-8")))
    german_text = (tmp_path / "content.de.yaml").read_text(encoding="utf-8")
    assert schema_errors(schema, german_text) == []  # what editors see


@pytest.mark.parametrize(
    "text",
    [
        "Take 2 * 50 mg: not [more] than \\ that # ever",
        "yes",
        "100",
        "- a dash, 'quotes' and \"double\" ones",
        "*starts with a star",
        "null",
        "{braces} and ** two stars",
        "a *literal* star, **two** and [text](https://a.example/) typed as such",
        "a back\\slash before \\*",
    ],
)
def test_import_writes_yaml_that_reads_back_the_same_text(tmp_path, text):
    """Whatever the translator typed is what the loader reads back (YAML quoted as needed,
    inline markers escaped)."""
    from xml.sax.saxutils import escape

    master = copy_content(tmp_path, "fr")
    xlf = export(master, "fr")
    replace_once(xlf, f"<target>{OLD}</target>", f"<target>{escape(text)}</target>")
    heading = "Comment dois-je prendre Kineret?"
    replace_once(xlf, f"<target>{heading}</target>", f"<target>{escape(text)}</target>")
    result = import_(xlf)
    assert result.returncode == 0, result.stderr
    after = unit_texts(master.with_name("content.fr.yaml"))
    assert plain_runs(after[UNIT]) == text
    assert not any(r.bold or r.italic or r.href for r in after[UNIT])
    assert after["how-do-i-take-kineret/heading"] == text


# -- what import refuses ------------------------------------------------------------------------

KEY_POINT = (
    'Vous le prenez en injection <pc id="b1" canDelete="no" type="fmt" subType="xlf:b" '
    'dataRefStart="d1" dataRefEnd="d2">une fois par jour</pc>.'
)
BROKEN = {
    "placeholder removed": (
        "Vous le prenez en injection une fois par jour.",
        "lacks placeholder b1 (bold)",
    ),
    "placeholder altered": (
        KEY_POINT.replace("xlf:b", "xlf:u"),
        "placeholder b1 is altered",
    ),
    "placeholder added": (
        KEY_POINT.replace("</pc>.", '</pc> <pc id="b2" type="fmt" subType="xlf:b">x</pc>.'),
        "placeholder b2, which the source does not have",
    ),
    "placeholder twice": (
        KEY_POINT + KEY_POINT,
        "placeholder b1 appears twice",
    ),
    "placeholder emptied": (
        re.sub(r">une fois par jour<", "> <", KEY_POINT),
        "placeholder b1 holds no text",
    ),
    "target emptied": (" ", "the target is empty"),
    "unknown element": ("Vous <b>le</b> prenez", "<b> is not one of the placeholders"),
}


@pytest.mark.parametrize("case", BROKEN)
def test_a_broken_target_is_an_error_naming_the_unit_and_nothing_is_written(tmp_path, case):
    target, message = BROKEN[case]
    master = copy_content(tmp_path, "fr")
    french = master.with_name("content.fr.yaml")
    before = french.read_bytes()
    xlf = export(master, "fr")
    replace_once(xlf, f"<target>{KEY_POINT}</target>", f"<target>{target}</target>")
    line = one_error(import_(xlf), xlf)
    assert "unit[key_points/0]" in line and message in line, line
    assert french.read_bytes() == before
    assert not list(tmp_path.glob(".*.tmp"))


def test_missing_extra_and_untranslated_units_are_errors(tmp_path):
    master = copy_content(tmp_path)
    xlf = export(master, "de")
    # untranslated: no target at all
    line = one_error(import_(xlf), xlf)
    assert "unit[title]: has no target" in line
    assert "(and 77 more)" in line  # every unit is reported

    fill(xlf, "DE ")
    text = xlf.read_text(encoding="utf-8")
    dropped = re.sub(r'\s*<unit id="subtitle".*?</unit>', "", text, count=1, flags=re.S)
    renamed = text.replace('<unit id="source" name="source">', '<unit id="sources" name="x">')
    for edited, expected in [
        (dropped, "unit[subtitle]: missing: content.yaml has this unit"),
        (renamed, "unit[sources]: content.yaml has no such unit"),
    ]:
        xlf.write_text(edited, encoding="utf-8")
        assert expected in one_error(import_(xlf), xlf)
    assert not (tmp_path / "content.de.yaml").exists()


def test_import_never_replaces_the_master(tmp_path):
    master = copy_content(tmp_path, "fr")
    xlf = export(master, "fr")
    before = master.read_bytes()
    line = one_error(import_(xlf, "--out", master), xlf.parent / "content.yaml")
    assert "is the master" in line
    assert master.read_bytes() == before


def test_a_unit_split_into_sentences_by_a_cat_tool_is_joined(tmp_path):
    master = copy_content(tmp_path, "fr")
    french = master.with_name("content.fr.yaml")
    before = unit_texts(french)
    xlf = export(master, "fr")
    first, second = "Kineret se présente sous forme d'injection", " sous-cutanée (sous la peau)."
    replace_once(
        xlf,
        f'<segment state="translated">\n        <source>{"Kineret comes as a subcutaneous"}',
        f'<segment state="translated"><source>Kineret comes as a subcutaneous</source>'
        f"<target>{first}</target></segment>"
        f'<segment state="translated">\n        <source>',
    )
    replace_once(xlf, f"<target>{OLD}</target>", f"<target>{second}</target>")
    xlf.write_text(
        xlf.read_text(encoding="utf-8").replace(
            "<source>Kineret comes as a subcutaneous (under the skin) injection.</source>",
            "<source> (under the skin) injection.</source>",
        ),
        encoding="utf-8",
    )
    result = import_(xlf)
    assert result.returncode == 0, result.stderr
    assert unit_texts(french) == before


# -- hostile files ------------------------------------------------------------------------------

LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
"""


def hostile(xlf: Path, head: str, entity: str) -> None:
    """The exported file with a DTD in front and an entity reference in a target."""
    text = xlf.read_text(encoding="utf-8").split("\n", 1)[1]
    text = text.replace(f"<target>{OLD}</target>", f"<target>{entity}</target>")
    xlf.write_text(head + text, encoding="utf-8")


@pytest.mark.parametrize(
    "head, entity",
    [
        (LAUGHS, "&lol9;"),
        ('<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n', "&e;"),
        ('<?xml version="1.0"?>\n<!DOCTYPE x SYSTEM "https://example.org/x.dtd">\n', "x"),
        (
            '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]>\n',
            "x",
        ),
    ],
    ids=["billion-laughs", "external-entity", "external-dtd", "parameter-entity"],
)
def test_hostile_xliff_is_refused_without_expanding_or_reading_anything(tmp_path, head, entity):
    master = copy_content(tmp_path, "fr")
    french = master.with_name("content.fr.yaml")
    before = french.read_bytes()
    xlf = export(master, "fr")
    hostile(xlf, head, entity)
    line = one_error(import_(xlf), xlf)
    assert "refused: the file declares a DTD or entities" in line
    assert french.read_bytes() == before


def test_a_huge_xliff_is_refused_before_it_is_read(tmp_path):
    from handout.xliff import MAX_BYTES

    master = copy_content(tmp_path, "fr")
    xlf = export(master, "fr")
    with xlf.open("a", encoding="utf-8") as f:
        f.write("<!-- " + "x" * MAX_BYTES + " -->\n")
    line = one_error(import_(xlf), xlf)
    assert "over the limit" in line


def test_not_xml_is_an_error_with_its_line(tmp_path):
    master = copy_content(tmp_path, "fr")
    xlf = export(master, "fr")
    replace_once(xlf, f"<target>{OLD}</target>", "<target>a < b</target>")
    line = one_error(import_(xlf), xlf)
    assert re.match(rf"handout: error: {re.escape(str(xlf))}:\d+:\d+: xml: not well-formed", line)


# -- check and build after the master changes ---------------------------------------------------


def test_check_names_exactly_the_master_units_changed_since_translation(tmp_path):
    master = copy_content(tmp_path, "fr")
    xlf = export(master, "fr")
    assert import_(xlf).returncode == 0
    french = master.with_name("content.fr.yaml")

    check = run_cli(["check", french])
    assert check.returncode == 0, check.stderr
    assert "units changed" not in check.stdout

    replace_once(master, 'tissue" below.', 'tissue" below the skin.')
    replace_once(master, "- Pregnancy\n", "- Pregnancy or breastfeeding\n")
    check = run_cli(["check", french])
    assert check.returncode == 0, check.stderr
    (line,) = [x for x in check.stdout.splitlines() if x.split()[:1] == ["fr"]]
    changed = line.split("units changed in the master since translation: ")[1]
    assert changed.split(", ") == [
        "how-do-i-take-kineret/blocks/2",
        "when-to-call-doctor/blocks/0/callout/blocks/2/bullets/3",
    ]

    # exported again, the changed units ask for translation, the others do not
    found = units(export(master, "fr"))
    states = {name: u.find("x:segment", NS).get("state") for name, u in found.items()}
    assert {n for n, s in states.items() if s == "initial"} == {
        "how-do-i-take-kineret/blocks/2",
        "when-to-call-doctor/blocks/0/callout/blocks/2/bullets/3",
    }
    assert segment(found["how-do-i-take-kineret/blocks/2"], "target") is not None  # kept


def test_a_reviewed_translation_prints_draft_once_a_unit_changes_in_the_master(tmp_path):
    master = copy_content(tmp_path, "fr")
    xlf = export(master, "fr")
    assert import_(xlf).returncode == 0
    french = master.with_name("content.fr.yaml")
    replace_once(french, "reviewed_by: null", "reviewed_by: Dr. X")
    replace_once(french, "status: draft", "status: approved")
    mark = CATALOGUE["fr"]["draft_mark"]

    final = build(master, tmp_path / "final", "--lang", "fr")
    assert not any(mark in page for page in pdf_text(final))

    replace_once(master, "- You develop a rash", "- You develop a rash or hives")
    stale = build(master, tmp_path / "stale", "--lang", "fr")
    assert all(mark in page for page in pdf_text(stale))
    check = run_cli(["check", french, "--format", "json"])
    (entry,) = json.loads(check.stdout)["translations"]
    assert entry["state"].endswith(
        "units changed in the master since translation: "
        "when-to-call-doctor/blocks/0/callout/blocks/2/bullets/5; reviewed by Dr. X"
    )


# -- runs back to the inline syntax -------------------------------------------------------------

PIECES = ["a", "b", " ", "*", "**", "[", "]", "(https://x.example/a)", "(", ")", "\\", "c d"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=14).map("".join))
def test_any_master_text_is_written_back_as_it_reads(text):
    """What import writes for a unit left as the master has it reads back the same: bold,
    italic, links and literal markers. (A literal `*` inside bold or italic is the one thing
    the syntax cannot say after an escape, `**a\\***`; import refuses such a unit by name.)"""
    from handout.inline import parse_inline
    from handout.units import markup

    runs = parse_inline(text.strip())[0]
    assume(runs and not any("*" in r.text and (r.bold or r.italic) for r in runs))
    assert parse_inline(markup(runs))[0] == runs


def test_an_xliff_from_elsewhere_is_imported_against_the_master_named(tmp_path):
    """The file comes back by email into another folder: --master names the master, and the
    translation is written beside the master; without it the error says what to do."""
    master = copy_content(tmp_path / "handouts", "fr")
    french = master.with_name("content.fr.yaml")
    before = unit_texts(french)
    result = run_cli(["translate", "export", master, "--lang", "fr", "-o", "-"])
    assert result.returncode == 0 and result.stdout.startswith("<?xml"), result.stderr
    xlf = tmp_path / "downloads" / "kineret fr.xlf"
    xlf.parent.mkdir()
    xlf.write_text(result.stdout, encoding="utf-8")
    french.unlink()

    line = one_error(run_cli(["translate", "import", xlf], cwd=tmp_path), xlf)
    assert line.endswith(
        "its master content.yaml is neither beside it nor in the current "
        "folder: give it with --master"
    ), line
    result = run_cli(["translate", "import", xlf, "--master", master], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert Path(result.stdout.strip()) == french
    assert unit_texts(french) == before


def test_after_the_master_gains_a_paragraph_export_finds_the_moved_texts(tmp_path):
    """Unit ids are block positions: a paragraph inserted shifts the ones after it. Their
    translations are found again by the fingerprint of the master text they were made from;
    the new paragraph alone asks for translation."""
    master = copy_content(tmp_path, "fr")
    assert import_(export(master, "fr")).returncode == 0
    before = unit_texts(master.with_name("content.fr.yaml"))
    replace_once(
        master,
        "      - Kineret comes as a subcutaneous",
        "      - A new first paragraph.\n      - Kineret comes as a subcutaneous",
    )
    found = units(export(master, "fr"))
    states = {name: u.find("x:segment", NS).get("state") for name, u in found.items()}
    assert [n for n, s in states.items() if s != "translated"] == [UNIT]
    assert segment(found[UNIT], "target") is None
    moved = "how-do-i-take-kineret/blocks/1"
    assert plain(segment(found[moved], "target")) == plain_runs(before[UNIT]) == OLD
