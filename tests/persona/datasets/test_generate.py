"""``python -m persona generate``: the same bytes with any number of workers, files whole or not at all,
bad arguments refused in one line, a progress bar on a terminal only."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import signal
import struct
import subprocess
import sys
import termios
import time
from datetime import date
from pathlib import Path

import pytest

from persona import generate, load_persona
from persona.datasets.cli import main
from webui.links import share_link as app_share_link
from webui.persona_api import persona_json

ROOT = Path(__file__).resolve().parents[3]
AS_OF = "2026-01-15"
MIXED = ["--mode", "all", "--locale", "all", "--as-of", AS_OF]


def generate_file(tmp_path: Path, *args: str, name: str = "out.jsonl") -> bytes:
    out = tmp_path / name
    assert main([*args, "--out", str(out)]) == 0
    return out.read_bytes()


def test_same_bytes_with_one_two_or_three_workers(tmp_path):
    files = {w: generate_file(tmp_path, *MIXED, "--count", "240", "--workers", str(w), name=f"w{w}.jsonl")
             for w in (1, 2, 3)}
    assert files[1] == files[2] == files[3]
    csvs = {w: generate_file(tmp_path, *MIXED, "--count", "120", "--format", "csv", "--workers", str(w),
                             name=f"w{w}.csv") for w in (1, 2)}
    assert csvs[1] == csvs[2]


def test_each_line_is_what_the_persona_api_returns_and_loads_back(tmp_path):
    lines = generate_file(tmp_path, *MIXED, "--count", "60", "--workers", "2").decode("utf-8").splitlines()
    assert len(lines) == 60
    modes, locales = ("banking", "insurance", "healthcare"), ("en_US", "en_GB", "de_DE", "fr_FR")
    for seed, line in enumerate(lines):  # seed order; seed s is modes[s % 3] in locales[(s // 3) % 4]
        mode, locale = modes[seed % 3], locales[(seed // 3) % 4]
        assert line == persona_json(mode, seed, locale, as_of=AS_OF)
        persona = load_persona(line)
        assert persona == generate(mode, seed, locale, date(2026, 1, 15))
        assert persona.model_dump_json() == line


def test_seed_ranges_and_a_scenario_filter(tmp_path):
    lines = generate_file(tmp_path, "--mode", "insurance", "--seeds", "500-509", "--as-of", AS_OF).splitlines()
    assert [json.loads(line)["seed"] for line in lines] == list(range(500, 510))
    chosen = generate_file(tmp_path, "--mode", "healthcare", "--scenario", "refill_needed", "--count", "25",
                           "--as-of", AS_OF, "--workers", "2", name="refills.jsonl").splitlines()
    records = [json.loads(line) for line in chosen]
    assert len(records) == 25 and {r["scenario"]["kind"] for r in records} == {"refill_needed"}
    seeds = [r["seed"] for r in records]
    assert seeds == sorted(seeds) and seeds[-1] > 24  # records without a refill to ask for were skipped
    assert all(any(rx["refills_left"] == 0 for rx in r["prescriptions"]) for r in records)


def test_share_links_are_the_apps():
    from persona.datasets import share_link

    for args in (("http://127.0.0.1:7860/", "banking", 7, "en_GB", None),
                 ("https://x.hf.space/", "healthcare", 4294967295, "fr_FR", "refill_needed")):
        assert share_link(*args) == app_share_link(*args)


@pytest.mark.parametrize(("args", "names"), [
    (["--mode", "mortgages"], ["--mode", "banking, insurance, healthcare, all"]),
    (["--mode", "banking,"], ["--mode", "accepted"]),
    (["--locale", "en"], ["--locale", "en_US, en_GB, de_DE, fr_FR"]),
    (["--count", "0"], ["--count", "1 to 4294967296"]),
    (["--count", "1e3"], ["--count", "whole number"]),
    (["--seeds", "9-3"], ["--seeds", "A-B"]),
    (["--seeds", "0-4294967296"], ["--seeds", "4294967295"]),
    (["--count", "5", "--seeds", "1-2"], ["--seeds", "--count"]),
    (["--as-of", "2026-02-30"], ["--as-of", "YYYY-MM-DD"]),
    (["--as-of", "15/01/2026"], ["--as-of", "YYYY-MM-DD"]),
    (["--format", "xml"], ["--format", "'jsonl', 'csv', 'fhir'"]),
    (["--format", "fhir", "--mode", "banking"], ["--format", "healthcare", "jsonl, csv"]),
    (["--tables"], ["--tables", "--format csv"]),
    (["--format", "csv", "--tables", "--out", "-"], ["--tables", "--out FILE"]),
    (["--scenario", "lost_wallet", "--mode", "banking"], ["--scenario", "any, unrecognised_charge"]),
    (["--scenario", "slow_claim", "--mode", "all"], ["--scenario", "accepted: any"]),
    (["--workers", "0"], ["--workers", "1 to 256"]),
    (["--link-base", "javascript:alert(1)"], ["--link-base", "http(s) URL"]),
    (["--colour"], ["unrecognized arguments: --colour"]),
])
def test_bad_arguments_one_line_exit_2_nothing_written(tmp_path, capsys, args, names):
    out = tmp_path / "out.file"
    argv = [*args, "--out", str(out)] if "--out" not in args else args
    with pytest.raises(SystemExit) as stop:
        main(argv)
    assert stop.value.code == 2
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.count("\n") == 1, captured.err
    assert captured.err.startswith("python -m persona generate: error: ")
    assert all(name in captured.err for name in names), captured.err
    assert list(tmp_path.iterdir()) == []


def test_an_existing_file_is_kept_without_force_and_replaced_with_it(tmp_path, capsys):
    out = tmp_path / "personas.jsonl"
    out.write_text("mine\n")
    with pytest.raises(SystemExit) as stop:
        main(["--count", "3", "--as-of", AS_OF, "--out", str(out)])
    assert stop.value.code == 2 and "--out" in capsys.readouterr().err and out.read_text() == "mine\n"
    (tmp_path / "bank.transactions.csv").write_text("mine\n")  # a table file in the way counts too
    with pytest.raises(SystemExit):
        main(["--count", "3", "--format", "csv", "--tables", "--out", str(tmp_path / "bank.csv")])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bank.transactions.csv", "personas.jsonl"]
    assert main(["--count", "3", "--as-of", AS_OF, "--out", str(out), "--force"]) == 0
    assert len(out.read_text().splitlines()) == 3
    assert oct(out.stat().st_mode & 0o777) == oct(0o666 & ~_umask())  # as any new file, not a temp file's 0600


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _command(*args: str, **kwargs) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "persona", "generate", *args], cwd=ROOT, **kwargs)


def _wait_for(condition, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.02)


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_an_interrupted_run_leaves_no_file_under_the_final_name(tmp_path, sig):
    out = tmp_path / "big.jsonl"
    proc = _command("--count", "2000000", "--workers", "2", "--out", str(out),
                    stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    temps = lambda: [p for p in tmp_path.iterdir() if p.name.startswith(".big.jsonl.")]  # noqa: E731
    _wait_for(lambda: any(p.stat().st_size > 0 for p in temps()))  # the run is writing
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130 and b"interrupted" in err
    assert list(tmp_path.iterdir()) == []


def test_a_progress_bar_on_a_terminal_and_silence_when_piped(tmp_path):
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))  # a terminal 100 columns wide
    proc = _command("--count", "300", "--as-of", AS_OF, "--out", str(tmp_path / "a.jsonl"),
                    stdout=subprocess.DEVNULL, stderr=follower)
    os.close(follower)
    shown = b""
    while True:
        try:
            data = os.read(leader, 4096)
        except OSError:  # the terminal closed: the command is done
            break
        if not data:
            break
        shown += data
    assert proc.wait(timeout=60) == 0
    os.close(leader)
    assert b"300/300" in shown and b"personas" in shown and b"wrote 300 personas" in shown
    piped = subprocess.run([sys.executable, "-m", "persona", "generate", "--count", "300", "--as-of", AS_OF],
                           cwd=ROOT, capture_output=True, timeout=60)
    assert piped.returncode == 0 and piped.stderr == b""
    assert piped.stdout == (tmp_path / "a.jsonl").read_bytes()


def test_python_m_persona_names_its_commands(capsys):
    from persona.__main__ import main as persona_main

    assert persona_main(["generat"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "argument COMMAND: 'generat'; accepted: generate" in err
    with pytest.raises(SystemExit) as done:
        persona_main(["generate", "--help"])
    assert done.value.code == 0
    page = capsys.readouterr().out
    for heading in ("NAME", "DESCRIPTION", "OPTIONS", "FORMATS", "EXAMPLES", "EXIT STATUS"):
        assert f"\n{heading}" in page
