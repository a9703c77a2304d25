"""Generate N users × M transactions into a MariaDB database, encrypted like the API stores
them (real ciphertexts, blind-index words), with SQLAlchemy Core bulk inserts.

    python bench/generate.py --url mysql+pymysql://root@127.0.0.1:3306/cashbook_bench \
        --users 100 --transactions 10000 --report-transactions 100000

The keys live in bench/out/keys.env (created on first run); a second run with the same sizes
finds the data in place and does nothing.
"""

import argparse
import random
import sys
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from cashbook.config import Settings
from cashbook.kit import alembic
from cashbook.kit.encryption import Context, keys_for
from cashbook.kit.ids import time_ordered_uuid
from cashbook.kit.keys import new_key
from cashbook.models import Account, Category, Transaction, TransactionWord, User
from fastapi_users.password import PasswordHelper
from sqlalchemy import create_engine, func, insert, select, text
from sqlalchemy.engine import make_url

OUT = Path(__file__).resolve().parent / "out"
PASSWORD = "bench passphrase 1"  # noqa: S105 - a throwaway user of a throwaway database
REPORT_USER = "report@bench.example"
CHUNK = 5000
MERCHANTS = (
    "Albert",
    "Lidl",
    "Billa",
    "Tesco",
    "Kaufland",
    "Žabka",
    "Rohlík.cz",
    "Alza.cz",
    "DPP",
    "Bolt",
    "Netflix",
    "Spotify",
    "ČEZ Prodej",
    "O2",
    "Lékárna Benu",
    "IKEA",
    "Decathlon",
    "Kavárna Slavia",
    "Lokál",
    "Shell",
    "OMV",
    "Ryanair",
    "Booking.com",
    "Wolt",
    "Foodora",
)
WORDS = (
    "nákup",
    "platba",
    "kartou",
    "jízdenka",
    "předplatné",
    "záloha",
    "večeře",
    "oběd",
    "dárek",
    "léky",
    "palivo",
    "letenka",
    "hotel",
    "nábytek",
    "elektronika",
)
CATEGORIES = (
    "Groceries",
    "Transport",
    "Housing",
    "Utilities",
    "Eating out",
    "Health",
    "Shopping",
    "Subscriptions",
    "Leisure",
    "Travel",
    "Gifts",
    "Salary",
)


def keys_env() -> dict[str, str]:
    path = OUT / "keys.env"
    if not path.exists():
        OUT.mkdir(parents=True, exist_ok=True)
        path.write_text(f"DB_ENCRYPTION_KEY={new_key()}\nDB_BLIND_INDEX_KEY={new_key()}\n")
        path.chmod(0o600)
    return dict(line.split("=", 1) for line in path.read_text().split())


def settings_for(url: str) -> Settings:
    keys = keys_env()
    async_url = make_url(url).set(drivername="mysql+aiomysql").render_as_string(hide_password=False)
    return Settings(
        database_url=async_url,
        db_encryption_key=keys["DB_ENCRYPTION_KEY"],
        db_blind_index_key=keys["DB_BLIND_INDEX_KEY"],
        secret_key="bench-signing-key-" + "x" * 32,
        data_dir=OUT,
        env="test",
    )


def ensure_database(url: str) -> None:
    parsed = make_url(url)
    server = create_engine(parsed.set(database=""))
    with server.connect() as connection:
        connection.execute(
            text(
                f"CREATE DATABASE IF NOT EXISTS `{parsed.database}` "
                "CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
            )
        )
    server.dispose()


def email_of(n: int) -> str:
    return f"user{n:04d}@bench.example"


def generate(url: str, users: int, per_user: int, report_rows: int, seed: int = 7) -> None:
    ensure_database(url)
    settings = settings_for(url)
    alembic.upgrade(settings)
    engine = create_engine(url, future=True)
    with engine.connect() as connection:
        existing = connection.execute(select(func.count()).select_from(Transaction)).scalar_one()
    expected = users * per_user + report_rows
    if existing == expected:
        print(f"bench data in place: {existing:,} transactions", file=sys.stderr)
        engine.dispose()
        return
    if existing:
        print(f"found {existing:,} transactions, want {expected:,}: starting over", file=sys.stderr)
        with engine.begin() as connection:
            connection.execute(text("SET foreign_key_checks=0"))
            for table in (
                "transaction_words",
                "transaction_tags",
                "transactions",
                "tags",
                "categories",
                "accounts",
                "session_tokens",
                "users",
            ):
                connection.execute(text(f"TRUNCATE TABLE {table}"))
    keys = keys_for(settings)
    rng = random.Random(seed)  # noqa: S311 - test data
    hashed = PasswordHelper().hash(PASSWORD)
    started = time.perf_counter()
    plan = [(email_of(n), per_user) for n in range(users)] + [(REPORT_USER, report_rows)]
    done = 0
    for email, count in plan:
        with engine.begin() as connection:
            connection.execute(text("SET unique_checks=0, foreign_key_checks=0"))
            _user(connection, keys, rng, email, hashed, count)
        done += count
        rate = done / (time.perf_counter() - started)
        print(f"\r{done:,}/{expected:,} transactions ({rate:,.0f}/s)", end="", file=sys.stderr)
    print(file=sys.stderr)
    with engine.begin() as connection:
        connection.execute(text("ANALYZE TABLE transactions, transaction_words"))
    engine.dispose()


def _user(connection, keys, rng: random.Random, email: str, hashed: str, count: int) -> None:
    now = datetime.now(UTC)
    user_id = uuid.uuid4()
    connection.execute(
        insert(User),
        [
            {
                "id": user_id,
                "email": email,
                "hashed_password": hashed,
                "is_active": True,
                "is_superuser": False,
                "is_verified": True,
                "first_name": "Bench",
                "last_name": "User",
                "base_currency": "CZK",
                "created_at": now,
            }
        ],
    )
    accounts = [uuid.uuid4() for _ in range(3)]
    connection.execute(
        insert(Account),
        [
            {
                "id": a,
                "user_id": user_id,
                "name": f"Account {n}",
                "kind": "bank",
                "currency": "CZK",
                "opening_balance": 0,
                "archived": False,
                "created_at": now,
                "updated_at": now,
            }
            for n, a in enumerate(accounts)
        ],
    )
    categories = [uuid.uuid4() for _ in CATEGORIES]
    connection.execute(
        insert(Category),
        [
            {
                "id": c,
                "user_id": user_id,
                "name": name,
                "kind": "expense",
                "colour": "#9e9e9e",
                "created_at": now,
                "updated_at": now,
            }
            for c, name in zip(categories, CATEGORIES, strict=True)
        ],
    )
    first_day = date.today() - timedelta(730)
    rows, words = [], []
    for _ in range(count):
        row_id = time_ordered_uuid()
        merchant = rng.choice(MERCHANTS)
        description = f"{rng.choice(WORDS)} {merchant} {rng.randint(1, 9999)}"
        expense = rng.random() < 0.8
        amount = -rng.randint(50, 500_000) if expense else rng.randint(1_000, 8_000_000)
        rows.append(
            {
                "id": row_id,
                "user_id": user_id,
                "account_id": accounts[rng.randrange(3)],
                "booked_on": first_day + timedelta(rng.randrange(730)),
                "amount": amount,
                "currency": "CZK",
                "source": "bank",
                "created_at": now,
                "updated_at": now,
                "category_id": None if rng.random() < 0.1 else rng.choice(categories),
                "description": keys.cipher.encrypt(
                    description, Context("transactions", "description", row_id, user_id)
                ),
                "counterparty_name": keys.cipher.encrypt(
                    merchant, Context("transactions", "counterparty_name", row_id, user_id)
                ),
            }
        )
        words += [
            {"transaction_id": row_id, "word": w}
            for w in keys.index.words(user_id, description, merchant)
        ]
        if len(rows) >= CHUNK:
            _flush(connection, rows, words)
    _flush(connection, rows, words)


def _flush(connection, rows: list, words: list) -> None:
    if rows:
        connection.execute(insert(Transaction), rows)
    if words:
        connection.execute(insert(TransactionWord), words)
    rows.clear()
    words.clear()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True, help="SQLAlchemy URL (mysql+pymysql://...)")
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--transactions", type=int, default=10_000, help="per user")
    parser.add_argument("--report-transactions", type=int, default=100_000)
    args = parser.parse_args()
    generate(args.url, args.users, args.transactions, args.report_transactions)


if __name__ == "__main__":
    main()
