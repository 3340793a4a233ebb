"""``smartresearch data fetch``: the registered files, downloaded and verified, for anyone.

A local HTTP server on 127.0.0.1 serves a temporary copy of the shared mirror's files (the
real bytes); the command fetches them into a new folder, verifies every hash, skips what is
already there, refuses altered bytes without keeping them, and the fetched folder works as
``SMARTRESEARCH_MIRROR``. No test touches the internet.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import threading

import pytest

from smartresearch import cli, datasets, mirror, registry
from smartresearch._io import sha256_file
from smartresearch.config import MIRROR_ENV
from smartresearch.errors import ChecksumMismatchError, RawFileError

#: A small source to fetch in full (few, small files) and one with a PDF.
SMALL = "ourdata"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep pytest's output clean
        pass


@pytest.fixture
def served(mirror, tmp_path):
    """(base URL, served folder): a temp copy of the mirror's files on 127.0.0.1."""
    root = tmp_path / "served"
    for record in registry.load_registry().files.values():
        if (mirror / record.path).is_file():
            (root / record.path).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(mirror / record.path, root / record.path)
    handler = functools.partial(_Quiet, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", root
    server.shutdown()
    server.server_close()


def _sources(name: str) -> list[str]:
    return list(datasets.get_spec(name).source_ids)


def test_fetch_downloads_verifies_and_skips_what_is_present(served, tmp_path, capsys):
    base, _ = served
    out = tmp_path / "my-mirror"
    code = cli.main(["data", "fetch", SMALL, "--to", str(out), "--from", base])
    stdout = capsys.readouterr().out
    assert code == cli.EXIT_OK
    files = registry.load_registry().files.values()
    expected = sorted(r.path for r in files if r.source_id in _sources(SMALL))
    assert expected and f"{len(expected)} file(s) downloaded" in stdout
    for rel in expected:
        record = registry.load_registry().file(rel)
        assert sha256_file(out / rel) == record.sha256
    assert f"export SMARTRESEARCH_MIRROR={out}" in stdout
    again = mirror.fetch(out, base_url=base, sources=_sources(SMALL))
    assert again.downloaded == () and sorted(again.present) == expected


def test_the_fetched_folder_is_a_working_mirror(served, tmp_path, monkeypatch, scratch_data):
    base, _ = served
    out = tmp_path / "m"
    mirror.fetch(out, base_url=base, sources=_sources(SMALL))
    monkeypatch.setenv(MIRROR_ENV, str(out))
    registry.clear_verification_cache()
    report = datasets.build([SMALL])
    assert SMALL in str(report)


def test_altered_bytes_on_the_server_are_refused_and_not_kept(served, tmp_path):
    base, root = served
    [record] = [
        r
        for r in registry.load_registry().files.values()
        if r.source_id in _sources(SMALL) and r.path.endswith(".csv")
    ][:1]
    served_file = root / record.path
    served_file.write_bytes(served_file.read_bytes()[:-10])
    out = tmp_path / "m"
    with pytest.raises(ChecksumMismatchError, match=record.path):
        mirror.fetch(out, base_url=base, sources=[record.source_id])
    assert not (out / record.path).exists()


def test_a_missing_file_on_the_server_names_the_file_and_url(served, tmp_path):
    base, root = served
    record = next(
        r for r in registry.load_registry().files.values() if r.source_id in _sources(SMALL)
    )
    (root / record.path).unlink()
    with pytest.raises(RawFileError, match=f"could not download {record.path} from {base}"):
        mirror.fetch(tmp_path / "m", base_url=base, sources=[record.source_id])


def test_a_local_damaged_copy_is_downloaded_again(served, tmp_path):
    base, _ = served
    out = tmp_path / "m"
    mirror.fetch(out, base_url=base, sources=_sources(SMALL))
    record = next(
        r for r in registry.load_registry().files.values() if r.source_id in _sources(SMALL)
    )
    (out / record.path).write_bytes(b"damaged")
    again = mirror.fetch(out, base_url=base, sources=_sources(SMALL))
    assert record.path in again.downloaded
    assert sha256_file(out / record.path) == record.sha256


def test_recorded_origins_become_pinned_raw_urls_and_the_rest_say_where():
    files = registry.load_registry().files
    pdf = files["data/raw/oecd_dgi/oecd_2023_digital_government_index_1a89ed5e-en.pdf"]
    assert mirror.download_url(pdf) == (
        "https://raw.githubusercontent.com/blavatnik-index/bipa2024_sourcedata/"
        "088271d0d6a9c1717d925073166fde8a54f0428b/data_raw/OECD_DGI_2023/"
        "oecd_2023_digital_government_index_1a89ed5e-en.pdf"
    )
    missing = dict(mirror.unavailable())
    assert "corpus/documents.csv" in missing and "research/policy_outcomes.csv" in missing
    assert "not published online" in missing["research/policy_outcomes.csv"]
    assert (
        "oecd-ilibrary.org"
        in missing["data/raw/oecd_dgi/oecd_dgi_2019_table1__extracted_from_pdf.csv"]
    )
    # every file with an origin has a URL; with a mirror's address every file has one
    assert all(mirror.download_url(r) for r in files.values() if r.origin)
    assert mirror.unavailable("http://127.0.0.1:1") == []


def test_no_server_is_one_sentence_and_exit_1(tmp_path, capsys):
    import socket

    with socket.socket() as sock:  # a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    code = cli.main(
        ["data", "fetch", SMALL, "--to", str(tmp_path / "m"), "--from", f"http://127.0.0.1:{port}"]
    )
    err = capsys.readouterr().err
    assert code == cli.EXIT_ERROR
    assert "could not download" in err and f"127.0.0.1:{port}" in err and "Traceback" not in err
    assert not [p for p in (tmp_path / "m").rglob("*") if p.is_file()]
