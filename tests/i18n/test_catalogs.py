"""The report catalogs are complete and current: every message the source marks is in the
template, both languages have every message (Dutch translated, none fuzzy), the compiled .mo
files say what the .po files say, the wheel ships them, and run time needs no Babel.

Each failure here means a step of the routine in ``codebench.i18n``'s docstring was skipped.
"""

from __future__ import annotations

import string
import subprocess
import sys
import zipfile
from io import BytesIO
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po

import codebench.i18n
from codebench.i18n import LANGUAGES

REPO = Path(__file__).resolve().parents[2]
LOCALE = Path(codebench.i18n.__file__).parent / "locale"

Key = tuple[str | None, str]


def po(language: str) -> Catalog:
    with (LOCALE / language / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return read_po(handle)


def template() -> Catalog:
    with (LOCALE / "messages.pot").open("rb") as handle:
        return read_po(handle)


def messages(catalog: Catalog) -> dict[Key, Message]:
    return {(m.context, str(m.id)): m for m in catalog if m.id}


def fields(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}


def test_the_template_holds_exactly_what_the_source_marks() -> None:
    with (REPO / "babel.cfg").open(encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    extracted = {
        (context, str(msgid))
        for _file, _line, msgid, _comments, context in extract_from_dir(
            str(REPO), method_map, options_map
        )
    }
    assert extracted == set(messages(template()))


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_catalog_has_every_message_and_none_fuzzy(language: str) -> None:
    catalog = messages(po(language))
    assert set(catalog) == set(messages(template()))
    assert [key for key, message in catalog.items() if message.fuzzy] == []


def test_dutch_translates_every_message_with_the_same_fields() -> None:
    for (context, msgid), message in messages(po("nl")).items():
        assert message.string, f"no Dutch for {msgid!r} ({context})"
        assert fields(str(message.string)) == fields(msgid), msgid


def test_english_is_the_message_or_a_rewording_with_the_same_fields() -> None:
    for (_context, msgid), message in messages(po("en")).items():
        assert not message.string or fields(str(message.string)) == fields(msgid), msgid


@pytest.mark.parametrize("language", LANGUAGES)
def test_compiled_catalogs_say_what_the_po_files_say(language: str) -> None:
    compiled = BytesIO()
    write_mo(compiled, po(language))
    compiled.seek(0)
    with (LOCALE / language / "LC_MESSAGES" / "messages.mo").open("rb") as handle:
        shipped = read_mo(handle)
    fresh = read_mo(compiled)

    def strings(catalog: Catalog) -> dict[Key, str]:
        return {(m.context, str(m.id)): str(m.string) for m in catalog if m.id}

    assert strings(shipped) == strings(fresh)


def test_run_time_reads_the_catalogs_without_babel() -> None:
    code = (
        "import sys\n"
        "from codebench.exports.labels import words\n"
        "assert words('nl-NL').gettext('Table') == 'Tabel'\n"
        "assert words('nl').quote_marks == ('„', '”')\n"
        "assert words('de').gettext('Table') == 'Table'\n"
        "assert 'babel' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_the_wheel_ships_the_compiled_catalogs(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--quiet",
            "-w",
            str(tmp_path),
            str(REPO),
        ],
        check=True,
    )
    [wheel] = tmp_path.glob("codebench-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for language in LANGUAGES:
        assert f"codebench/i18n/locale/{language}/LC_MESSAGES/messages.mo" in names
