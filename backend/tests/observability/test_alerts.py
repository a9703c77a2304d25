"""The alert rules: promtool accepts them, its unit tests pass, every alert has a test where it
fires and one where it stays silent, and a runbook in docs/operations.md."""

import re
from pathlib import Path

import yaml

from tests.observability.prometheus import promtool

REPO = Path(__file__).resolve().parents[3]
RULES = sorted((REPO / "charts/cashbook/files/alerts").glob("*.yaml"))
TESTS = Path(__file__).with_name("alerts.test.yaml")
OPERATIONS = REPO / "docs/operations.md"
REQUIRED = {
    "CashbookApiErrorRatio",
    "CashbookApiLatencyHigh",
    "CashbookBankSyncFailureRatio",
    "CashbookBankConsentExpiring",
    "CashbookOutboxBacklog",
    "CashbookDeadLetters",
    "CashbookWorkerDown",
    "CashbookExchangeRatesStale",
}


def _alerts() -> dict[str, dict]:
    return {
        rule["alert"]: rule
        for path in RULES
        for group in yaml.safe_load(path.read_text())["groups"]
        for rule in group["rules"]
        if "alert" in rule
    }


def test_promtool_checks_the_rules():
    assert RULES
    result = promtool("check", "rules", *map(str, RULES))
    assert result.returncode == 0, result.stdout + result.stderr


def test_promtool_unit_tests_pass():
    result = promtool("test", "rules", str(TESTS))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "SUCCESS" in result.stdout


def test_every_alert_is_tested_firing_and_silent():
    alerts = _alerts()
    assert set(alerts) >= REQUIRED
    tested = yaml.safe_load(TESTS.read_text())
    assert tested["rule_files"] == [
        str(Path("../../..") / path.relative_to(REPO)) for path in RULES
    ]
    fires, silent = set(), set()
    for case in tested["tests"]:
        for check in case.get("alert_rule_test", []):
            (fires if check["exp_alerts"] else silent).add(check["alertname"])
    assert fires == set(alerts), f"never seen firing: {set(alerts) - fires}"
    assert silent == set(alerts), f"never seen silent: {set(alerts) - silent}"


def test_every_alert_has_severity_summary_and_a_runbook_section():
    operations = OPERATIONS.read_text()
    section = operations.split("## Alerts and runbooks", 1)[1].split("\n## ", 1)[0]
    headings = set(re.findall(r"^### (\w+)$", section, re.MULTILINE))
    for name, rule in _alerts().items():
        assert rule["labels"]["severity"] in {"critical", "warning", "info"}
        assert rule["annotations"]["summary"]
        assert rule["annotations"]["runbook"] == f"docs/operations.md#{name.lower()}"
        assert name in headings, f"docs/operations.md has no runbook for {name}"
