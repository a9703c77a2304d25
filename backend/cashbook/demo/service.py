"""A realistic year of a Czech household's money, so a new person sees a living app.

Everything goes through the same services as the API (accounts, categories, the ingest path);
each transaction carries a demo external id, so seeding twice adds nothing the second time.
"""

import random
import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from cashbook.accounts.schemas import AccountCreate
from cashbook.accounts.service import account_service
from cashbook.categories.service import category_service
from cashbook.demo.rates import seed_rates
from cashbook.history.service import Actor
from cashbook.kit.encryption import Keys
from cashbook.kit.errors import NotFound
from cashbook.kit.money import to_text
from cashbook.ledger.records import LedgerResult, NewTransaction
from cashbook.ledger.service import ledger_service
from cashbook.models import Account, Tag, User
from cashbook.models.account import AccountKind
from cashbook.models.transaction import TransactionSource
from cashbook.models.transaction_version import ActorKind
from cashbook.transfers.service import transfer_service

ACCOUNTS = (
    ("Main account", AccountKind.bank, "CZK", "CZ6508000000192000145399", 2_500_000),
    ("Savings", AccountKind.savings, "CZK", "CZ4907100000000000123457", 15_000_000),
    ("Wallet", AccountKind.cash, "CZK", None, 300_000),
    ("Travel card", AccountKind.card, "EUR", "LT601010012345678901", 20_000),
)
GROCERS = ("Albert", "Lidl", "Billa", "Tesco", "Kaufland", "Žabka", "Penny Market")
RESTAURANTS = (
    "Lokál Dlouhá",
    "Bistro Na Rohu",
    "Kavárna Slavia",
    "Pizzeria Grosseto",
    "Dhaba Beas",
)
TAGS = ("holiday", "family", "work")


class UnknownUser(NotFound):
    code = "USER_NOT_FOUND"


@dataclass
class _Plan:
    accounts: dict[str, Account]
    categories: dict[str, uuid.UUID]
    tags: dict[str, uuid.UUID]
    items: list[NewTransaction]
    counter: int = 0
    transfers: list[tuple[int, int]] = field(default_factory=list)  # positions in `items`

    def transfer(self, out: tuple, into: tuple, **extra) -> None:
        """Money moved between two of the person's accounts: both sides, linked."""
        self.add(*out, **extra)
        self.add(*into)
        self.transfers.append((len(self.items) - 2, len(self.items) - 1))

    def add(
        self,
        account: str,
        day: date,
        amount_major: float,
        description: str,
        category: str,
        counterparty: str | None = None,
        **extra,
    ) -> None:
        self.counter += 1
        target = self.accounts[account]
        self.items.append(
            NewTransaction(
                account_id=target.id,
                booked_on=day,
                value_on=day,
                amount=round(amount_major * 100),
                currency=target.currency,
                description=description,
                counterparty_name=counterparty or description,
                category_id=self.categories.get(category),
                source=TransactionSource.manual
                if target.kind == AccountKind.cash
                else TransactionSource.bank,
                external_id=f"demo-{self.counter}",
                **extra,
            )
        )


class DemoService:
    async def seed(
        self,
        session: AsyncSession,
        keys: Keys,
        email: str,
        *,
        today: date | None = None,
        seed: int = 2026,
        rates_base: str = "EUR",
    ) -> LedgerResult:
        user = (await session.execute(select(User).where(User.email == email))).scalar_one_or_none()
        if user is None:
            raise UnknownUser(f"No user with the email {email}; register first.")
        plan = _Plan(
            accounts=await self._accounts(session, keys, user),
            categories=await self._categories(session, user),
            tags=await self._tags(session, user),
            items=[],
        )
        today = today or date.today()
        self._year(plan, random.Random(seed), today)  # noqa: S311 - not crypto
        await seed_rates(session, rates_base, today)
        actor = Actor(ActorKind.system)
        result = await ledger_service.write(session, keys, user.id, plan.items, actor)
        if result.created == len(plan.items):  # a first seed (a second adds nothing)
            for out, into in plan.transfers:
                ids = [result.ids[out], result.ids[into]]
                await transfer_service.link(session, keys, user, ids, actor)
        return result

    async def _accounts(self, session: AsyncSession, keys: Keys, user: User) -> dict[str, Account]:
        existing = {
            a.name: a
            for a in (
                await session.execute(select(Account).where(Account.user_id == user.id))
            ).scalars()
        }
        for name, kind, currency, iban, opening in ACCOUNTS:
            if name not in existing:
                created = await account_service.create(
                    session,
                    keys,
                    user,
                    AccountCreate(
                        name=name,
                        kind=kind,
                        currency=currency,
                        iban=iban,
                        opening_balance=to_text(opening, currency),
                    ),
                )
                existing[name] = await account_service.get(session, user, created.id)
        return existing

    async def _categories(self, session: AsyncSession, user: User) -> dict[str, uuid.UUID]:
        """The person's default categories by their English names (the plan's), whatever
        language they are named in."""
        if not await category_service.list(session, user):
            await category_service.create_defaults(session, user.id, user.language)
        ids = {c.name: c.id for c in await category_service.list(session, user)}
        named = category_service.default_names(user.language)
        return {english: ids[name] for english, name in named.items() if name in ids}

    async def _tags(self, session: AsyncSession, user: User) -> dict[str, uuid.UUID]:
        existing = {
            t.name: t.id
            for t in (await session.execute(select(Tag).where(Tag.user_id == user.id))).scalars()
        }
        for name in TAGS:
            if name not in existing:
                tag = Tag(user_id=user.id, name=name)
                session.add(tag)
                await session.flush()
                existing[name] = tag.id
        return existing

    def _year(self, plan: _Plan, rng: random.Random, today: date) -> None:
        start = date(today.year - 1, today.month, 1)
        day = start
        while day <= today:
            self._day(plan, rng, day)
            day += timedelta(1)

    def _day(self, plan: _Plan, rng: random.Random, day: date) -> None:
        add = plan.add
        if day.day == 1:
            add(
                "Main account",
                day,
                -18_500,
                "Nájem byt Vinohrady",
                "Housing",
                "Bytové družstvo Vinohrady",
            )
            add("Main account", day, -550, "Lítačka měsíční kupon", "Transport", "Operátor ICT")
        if day.day == 10:
            add(
                "Main account",
                day,
                rng.choice((62_000, 62_000, 64_500)),
                "Mzda",
                "Salary",
                "ACME Software s.r.o.",
            )
            plan.transfer(
                ("Main account", day, -5_000, "Převod na spoření", "", "Savings"),
                ("Savings", day, 5_000, "Převod z běžného účtu", "", "Main account"),
            )
        if day.day == 12:
            add("Main account", day, -259, "Netflix.com", "Subscriptions", "Netflix International")
        if day.day == 15:
            add("Main account", day, -169, "Spotify P0A1B2C3", "Subscriptions", "Spotify AB")
            add("Main account", day, -2_900, "Záloha elektřina a plyn", "Utilities", "ČEZ Prodej")
        if day.day == 20:
            add("Main account", day, -499, "O2 tarif", "Utilities", "O2 Czech Republic")
        if day.weekday() in (1, 4) or rng.random() < 0.15:
            shop = rng.choice(GROCERS)
            add(
                "Main account",
                day,
                -round(rng.uniform(150, 1_800), 2),
                f"Nákup {shop}",
                "Groceries",
                shop,
            )
        if rng.random() < 0.18:
            place = rng.choice(RESTAURANTS)
            add("Main account", day, -round(rng.uniform(180, 950)), place, "Eating out", place)
        if rng.random() < 0.08:
            add(
                "Main account",
                day,
                -round(rng.uniform(90, 420)),
                "Bolt jízda",
                "Transport",
                "Bolt Operations",
            )
        if day.weekday() == 5 and day.day <= 7:
            plan.transfer(
                ("Main account", day, -2_000, "Výběr z bankomatu", "", "ATM Můstek"),
                ("Wallet", day, 2_000, "Výběr z bankomatu", "", "Main account"),
            )
        if day.weekday() == 5 and rng.random() < 0.6:
            add(
                "Wallet",
                day,
                -round(rng.uniform(80, 600)),
                "Farmářský trh",
                "Groceries",
                "Náplavka trh",
            )
        if day.month == 7 and 10 <= day.day <= 20:
            holiday = [plan.tags["holiday"]]
            if day.day == 10:
                add("Travel card", day, -480, "Hotel Lisboa Centro", "Travel", tag_ids=holiday)
            add(
                "Travel card",
                day,
                -round(rng.uniform(12, 65), 2),
                "Restaurante O Fado",
                "Eating out",
                tag_ids=holiday,
            )
        if day.month == 6 and day.day == 25:
            plan.transfer(
                ("Main account", day, -24_600, "Dobití Travel card", "", "Travel card"),
                ("Travel card", day, 1_000, "Top-up", "", "Main account"),
                original_amount=-100_000,
                original_currency="EUR",
            )
        if day.month == 12 and day.day in (5, 12, 18):
            add(
                "Main account",
                day,
                -round(rng.uniform(600, 3_500)),
                "Vánoční dárky Alza",
                "Gifts",
                "Alza.cz",
                tag_ids=[plan.tags["family"]],
            )


demo_service = DemoService()
