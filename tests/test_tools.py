"""A program a test needs but pip does not install: missing, it is a skip that says how to
install it, and under CI (`CI` set) a failure, so that CI never passes by skipping."""

from pathlib import Path

import pytest

from tests.tools import CHROMIUM_INSTALL, require, require_module

MISSING = Path("/nonexistent/chromium")


def test_a_missing_program_is_a_skip_saying_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception) as skipped:
        require(MISSING, CHROMIUM_INSTALL)
    assert str(skipped.value) == (
        "/nonexistent/chromium is not installed; install it with: apt-get install -y chromium "
        "chromium-driver (Debian's Chromium)"
    )


def test_under_ci_a_missing_program_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception) as failed:
        require(MISSING, CHROMIUM_INSTALL)
    assert "nothing may skip" in str(failed.value)


def test_a_present_program_is_returned(tmp_path: Path) -> None:
    program = tmp_path / "tool"
    program.write_text("")
    assert require(program, "nothing") == program


def test_a_missing_package_is_a_skip_and_under_ci_a_failure(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception) as skipped:
        require_module("no_such_package_here", "pip install it")
    assert str(skipped.value) == (
        "no_such_package_here is not installed; install it with: pip install it"
    )
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception):
        require_module("no_such_package_here", "pip install it")
    assert require_module("json", "nothing").dumps([]) == "[]"
