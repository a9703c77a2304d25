"""The benchmark behind `make bench`: the real API beside a ceiling measured in the same run.

(a) the 50 newest transactions of a filtered view (one account, expenses) over N users × M
    transactions, through the real API (uvicorn, JWT auth, decryption) at 10 and 50
    concurrent clients, beside a bare FastAPI endpoint returning the same 50 rows;
(b) the month × category report over one user's 100 k transactions through the API, beside
    the raw SQL GROUP BY of the same rows.

Load comes from `hey` (installed from Debian when missing). Prints a table and writes it to
bench/out/results.md.
"""

import argparse
import asyncio
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import httpx
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.ext.asyncio import create_async_engine

sys.path.insert(0, str(Path(__file__).resolve().parent))
import generate  # noqa: E402
from cashbook.models import Account, Transaction, User  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_URL = "mysql+pymysql://root@127.0.0.1:3306/cashbook_bench"
TARGET_LIST = 0.70
TARGET_REPORT = 1.5


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def ensure_hey() -> str:
    found = shutil.which("hey")
    if found:
        return found
    print("installing hey (Debian package) for the load generation", file=sys.stderr)
    install = ["apt-get", "install", "-y", "--no-install-recommends", "hey"]
    if subprocess.run(install, capture_output=True, check=False).returncode != 0:
        subprocess.run(["apt-get", "update"], capture_output=True, check=True)
        subprocess.run(install, capture_output=True, check=True)
    return shutil.which("hey") or "hey"


def start(command: list[str], env: dict[str, str], url: str) -> subprocess.Popen:
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT
    )
    for _ in range(200):
        try:
            httpx.get(url, timeout=1)
            return process
        except httpx.TransportError:
            time.sleep(0.1)
    process.terminate()
    raise SystemExit(f"{command[0]} did not start")


def hey(binary: str, url: str, clients: int, seconds: int, headers: dict[str, str]) -> dict:
    command = [binary, "-z", f"{seconds}s", "-c", str(clients)]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    statuses = dict(re.findall(r"\[(\d{3})\]\s+(\d+) responses", output))
    if set(statuses) != {"200"}:
        raise SystemExit(f"non-200 answers from {url}: {statuses}\n{output}")

    def seconds_at(percent: int) -> float:
        return float(re.search(rf"{percent}% in ([\d.]+) secs", output).group(1))

    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": seconds_at(50) * 1000,
        "p95": seconds_at(95) * 1000,
        "count": int(statuses["200"]),
        "seconds": float(re.search(r"Total:\s+([\d.]+) secs", output).group(1)),
    }


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


class RawGroupBy:
    """The same rows grouped by plain SQL through the same driver (aiomysql), one query at a
    time between the API's reports."""

    SQL = text(
        "SELECT YEAR(booked_on), MONTH(booked_on), category_id, SUM(amount) FROM transactions "
        "WHERE user_id = :user AND booked_on BETWEEN :first AND :last GROUP BY 1, 2, 3"
    )

    def __init__(self, url: str, user_id, date_from: date, date_to: date) -> None:
        self.loop = asyncio.new_event_loop()
        self.engine = create_async_engine(url)
        self.params = {"user": str(user_id), "first": date_from, "last": date_to}

    async def _run(self) -> float:
        async with self.engine.connect() as connection:
            started = time.perf_counter()
            rows = (await connection.execute(self.SQL, self.params)).all()
            elapsed = time.perf_counter() - started
        assert rows
        return elapsed

    def time_once(self) -> float:
        return self.loop.run_until_complete(self._run())

    def close(self) -> None:
        self.loop.run_until_complete(self.engine.dispose())
        self.loop.close()


def combine(runs: list[dict]) -> dict:
    return {
        "rps": sum(r["count"] for r in runs) / sum(r["seconds"] for r in runs),
        "p50": statistics.median(r["p50"] for r in runs),
        "p95": statistics.median(r["p95"] for r in runs),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description="Cashbook benchmark (MariaDB).")
    parser.add_argument("--url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL))
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--transactions", type=int, default=10_000, help="per user")
    parser.add_argument("--report-transactions", type=int, default=100_000)
    parser.add_argument("--seconds", type=int, default=5, help="per load run")
    parser.add_argument("--rounds", type=int, default=3, help="alternating runs per figure")
    parser.add_argument("--report-runs", type=int, default=15)
    args = parser.parse_args()

    hey_binary = ensure_hey()
    generate.generate(args.url, args.users, args.transactions, args.report_transactions)
    settings = generate.settings_for(args.url)
    async_url = settings.sqlalchemy_url
    sync = create_engine(args.url)
    with sync.connect() as connection:
        total = connection.execute(select(func.count()).select_from(Transaction)).scalar_one()
        user_id = connection.execute(
            select(User.id).where(User.email == generate.email_of(0))
        ).scalar_one()
        account_id = connection.execute(
            select(Account.id).where(Account.user_id == user_id).order_by(Account.name).limit(1)
        ).scalar_one()
        report_user = connection.execute(
            select(User.id).where(User.email == generate.REPORT_USER)
        ).scalar_one()
        version = connection.execute(text("SELECT VERSION()")).scalar_one()
        pool = connection.execute(text("SELECT @@innodb_buffer_pool_size")).scalar_one()
    sync.dispose()

    api_port, ceiling_port = free_port(), free_port()
    env = {
        **os.environ,
        **generate.keys_env(),
        "DATABASE_URL": async_url,
        "CASHBOOK_SECRET_KEY": settings.secret_key.get_secret_value(),
        "CASHBOOK_DATA_DIR": str(generate.OUT),
        "CASHBOOK_PORT": str(api_port),
        "CASHBOOK_LOG_FORMAT": "json",
        "BENCH_DATABASE_URL": async_url,
        "PYTHONPATH": str(ROOT / "bench"),
    }
    python = sys.executable
    api = start([python, "-m", "cashbook", "serve"], env, f"http://127.0.0.1:{api_port}/healthz")
    ceiling = start(
        [
            python,
            "-m",
            "uvicorn",
            "ceiling:app",
            "--port",
            str(ceiling_port),
            "--no-access-log",
            "--log-level",
            "warning",
        ],
        env,
        f"http://127.0.0.1:{ceiling_port}/docs",
    )
    results: list[tuple] = []
    try:
        login = httpx.post(
            f"http://127.0.0.1:{api_port}/auth/jwt/login",
            data={"username": generate.email_of(0), "password": generate.PASSWORD},
        )
        auth = {"Authorization": f"Bearer {login.json()['access_token']}"}
        api_url = f"http://127.0.0.1:{api_port}/transactions?account_id={account_id}&type=expense&limit=50"
        ceiling_url = (
            f"http://127.0.0.1:{ceiling_port}/ceiling?user_id={user_id}&account_id={account_id}"
        )
        listed = httpx.get(api_url, headers=auth).json()["items"]
        bare = httpx.get(ceiling_url).json()
        assert [i["id"] for i in listed] == [r["id"] for r in bare], "not the same 50 rows"
        assert all(i["description"] and not i["decryption_error"] for i in listed)
        for url, headers in ((api_url, auth), (ceiling_url, {})):
            hey(hey_binary, url, 10, 2, headers)  # warm-up
        # Rounds alternate between the API and the ceiling, so a change in the machine's load
        # (other work on shared cores) weighs on both alike.
        for clients in (10, 50):
            api_runs, top_runs = [], []
            for _ in range(args.rounds):
                api_runs.append(hey(hey_binary, api_url, clients, args.seconds, auth))
                top_runs.append(hey(hey_binary, ceiling_url, clients, args.seconds, {}))
            results.append((clients, combine(api_runs), combine(top_runs)))

        # (b) the report
        report_login = httpx.post(
            f"http://127.0.0.1:{api_port}/auth/jwt/login",
            data={"username": generate.REPORT_USER, "password": generate.PASSWORD},
        )
        report_auth = {"Authorization": f"Bearer {report_login.json()['access_token']}"}
        date_to = date.today()
        date_from = date_to - timedelta(730)
        report_url = (
            f"http://127.0.0.1:{api_port}/reports/by-month?split=category"
            f"&date_from={date_from}&date_to={date_to}"
        )
        samples, raw_samples = [], []
        raw = RawGroupBy(async_url, report_user, date_from, date_to)
        with httpx.Client(headers=report_auth, timeout=120) as http:
            for n in range(args.report_runs + 2):
                started = time.perf_counter()
                response = http.get(report_url)
                elapsed = time.perf_counter() - started
                assert response.status_code == 200, response.text
                raw_elapsed = raw.time_once()
                if n >= 2:  # two warm-up runs
                    samples.append(elapsed)
                    raw_samples.append(raw_elapsed)
        raw.close()
        report_rows = sum(item["count"] for item in response.json()["items"])
        report_ms, raw_ms = median_ms(samples), median_ms(raw_samples)
    finally:
        for process in (api, ceiling):
            process.terminate()
            process.wait(timeout=10)

    load = os.getloadavg()[0]
    lines = [
        f"Cashbook benchmark — {os.cpu_count()} cores, MariaDB {version} "
        f"(InnoDB buffer pool {int(pool) // 2**20} MiB), {total:,} transactions "
        f"({args.users} users × {args.transactions:,} + one user with "
        f"{args.report_transactions:,})",
        f"load average at the end: {load:.1f} (other work on the same cores skews both sides)",
        "",
        "| measure | Cashbook API | ceiling | ratio | target | met |",
        "|---|---|---|---|---|---|",
    ]
    for clients, measured, top in results:
        ratio = measured["rps"] / top["rps"]
        lines += [
            f"| list 50 newest (filtered), {clients} clients: requests/s | "
            f"{measured['rps']:.0f} | {top['rps']:.0f} | {ratio:.0%} | ≥ {TARGET_LIST:.0%} | "
            f"{'yes' if ratio >= TARGET_LIST else 'NO'} |",
            f"| — p50 / p95 latency, ms | {measured['p50']:.1f} / {measured['p95']:.1f} | "
            f"{top['p50']:.1f} / {top['p95']:.1f} | | | |",
        ]
    report_ratio = report_ms / raw_ms
    lines.append(
        f"| month × category report over {report_rows:,} rows: median ms | {report_ms:.1f} | "
        f"{raw_ms:.1f} (raw GROUP BY) | {report_ratio:.2f}× | ≤ {TARGET_REPORT}× | "
        f"{'yes' if report_ratio <= TARGET_REPORT else 'NO'} |"
    )
    table = "\n".join(lines)
    print(table)
    generate.OUT.mkdir(parents=True, exist_ok=True)
    (generate.OUT / "results.md").write_text(table + "\n")


if __name__ == "__main__":
    main()
