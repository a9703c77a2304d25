"""The fake bank's customer: accounts and a year of transactions, generated from a seed so
the same seed always gives the same history (and the same ids)."""

import math
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

BANK_CODE = "0800"
BIC = "GIBACZPX"
CENT = Decimal("0.01")


def czech_iban(number: str, prefix: str = "0", bank: str = BANK_CODE) -> str:
    bban = f"{bank:0>4}{prefix:0>6}{number:0>10}"
    check = 98 - int("".join(str(int(c, 36)) for c in bban + "CZ00")) % 97
    return f"CZ{check:02d}{bban}"


@dataclass(frozen=True)
class FakeAccount:
    number: str  # without the bank code
    currency: str
    name: str
    product: str
    opening_balance: Decimal

    @property
    def iban(self) -> str:
        return czech_iban(self.number)

    @property
    def other(self) -> str:
        return f"{self.number}/{BANK_CODE}"


@dataclass
class FakeEntry:
    sequence: int
    account: FakeAccount
    made_on: date  # when the person paid (the value date)
    books_on: date  # when it is booked; later than made_on for card payments
    amount: Decimal  # signed, in the account's currency, as booked
    kind: str  # "card", "transfer-in", "transfer-out", "standing-order", "interest", "atm"
    counterparty_name: str | None = None
    counterparty_iban: str | None = None
    counterparty_other: str | None = None
    message: str | None = None
    variable_symbol: str | None = None
    specific_symbol: str | None = None
    constant_symbol: str | None = None
    instructed: tuple[Decimal, str, Decimal] | None = None  # amount abroad, currency, rate
    pending_amount: Decimal | None = None  # a card payment abroad books at another rate
    seed: int = 0

    @property
    def entry_reference(self) -> str:
        return f"FB{self.seed:04d}{self.books_on:%y%m%d}{self.sequence:06d}"

    @property
    def reservation_id(self) -> str | None:
        return f"RZ{self.seed:04d}{self.sequence:07d}" if self.kind == "card" else None


@dataclass(frozen=True)
class Merchant:
    name: str
    low: int
    high: int
    weight: int
    abroad: str | None = None  # currency when the shop is abroad


MERCHANTS = (
    Merchant("Albert Supermarket", 90, 850, 14),
    Merchant("Lidl Česká republika", 80, 900, 12),
    Merchant("BILLA", 50, 520, 8),
    Merchant("Rohlík.cz", 350, 1600, 4),
    Merchant("Žabka", 39, 190, 9),
    Merchant("Dopravní podnik hl. m. Prahy", 30, 40, 6),
    Merchant("Bolt", 119, 360, 2),
    Merchant("Benzina ORLEN", 600, 1500, 2),
    Merchant("Lékárna Benu", 89, 520, 3),
    Merchant("Kavárna Místo", 65, 180, 6),
    Merchant("Lokál Dlouhááá", 180, 650, 4),
    Merchant("Alza.cz", 199, 2990, 1),
    Merchant("IKEA Praha Zličín", 250, 2900, 1),
    Merchant("Dr.Max lékárna", 79, 420, 2),
    Merchant("Kino Lucerna", 180, 320, 1),
    Merchant("SPAR Wien Mariahilf", 8, 60, 1, "EUR"),
    Merchant("DB Fernverkehr", 19, 69, 1, "EUR"),
)

FRIENDS = (
    ("Petr Svoboda", czech_iban("1934552017", bank="0100")),
    ("Lucie Černá", czech_iban("2400871235", bank="2010")),
    ("Martin Dvořák", czech_iban("1012345678", bank="0300")),
)


@dataclass(frozen=True)
class Bill:
    day: int
    name: str
    iban: str
    amount: int
    message: str
    variable_symbol: str
    constant_symbol: str = "0308"


BILLS = (
    Bill(
        1,
        "Bytové družstvo Vinohrady",
        czech_iban("19123457", bank="0100"),
        14500,
        "Nájem a služby",
        "1042",
    ),
    Bill(
        15,
        "ČEZ Prodej, a.s.",
        czech_iban("35400122", bank="0300"),
        1850,
        "Záloha elektřina",
        "9912034455",
    ),
    Bill(
        18,
        "O2 Czech Republic a.s.",
        czech_iban("1010101010", bank="5500"),
        599,
        "Mobilní tarif",
        "7301445521",
        "0558",
    ),
    Bill(
        22,
        "Pražská plynárenská, a.s.",
        czech_iban("5566778899", bank="0600"),
        1210,
        "Záloha plyn",
        "2100448877",
    ),
)


@dataclass
class Customer:
    name: str
    accounts: list[FakeAccount]
    entries: list[FakeEntry] = field(default_factory=list)

    def entries_of(self, account: FakeAccount) -> list[FakeEntry]:
        return [entry for entry in self.entries if entry.account == account]


def _money(rng: random.Random, low: int, high: int) -> Decimal:
    value = Decimal(rng.uniform(low, high)).quantize(CENT, ROUND_HALF_UP)
    # Shops price in whole crowns more often than not.
    return value.quantize(Decimal(1)) if rng.random() < 0.6 else value


class _Generator:
    def __init__(self, seed: int, purchases_per_day: float) -> None:
        self.rng = random.Random(seed)  # noqa: S311 - made-up data, reproducible by seed
        self.seed = seed
        self.purchases_per_day = purchases_per_day
        self.sequence = 0
        self.entries: list[FakeEntry] = []

    def add(self, account: FakeAccount, made_on: date, amount: Decimal, kind: str, **kw):
        self.sequence += 1
        books_on = kw.pop("books_on", made_on)
        entry = FakeEntry(
            self.sequence, account, made_on, books_on, amount, kind, seed=self.seed, **kw
        )
        self.entries.append(entry)
        return entry

    def purchases(self, account: FakeAccount, day: date) -> None:
        # A binomial count whose mean is `purchases_per_day`: some days none, some days more.
        trials = max(1, math.ceil(self.purchases_per_day * 2))
        chance = self.purchases_per_day / trials
        count = sum(self.rng.random() < chance for _ in range(trials))
        weights = [m.weight for m in MERCHANTS]
        for _ in range(count):
            merchant = self.rng.choices(MERCHANTS, weights)[0]
            books_on = day + timedelta(days=self.rng.choice((0, 1, 1, 1, 2, 3)))
            if merchant.abroad:
                foreign = _money(self.rng, merchant.low, merchant.high)
                rate = Decimal(self.rng.uniform(24.4, 25.6)).quantize(Decimal("0.001"))
                booked = -(foreign * rate).quantize(CENT)
                held = -(foreign * (rate + Decimal("0.35"))).quantize(CENT)
                self.add(
                    account,
                    day,
                    booked,
                    "card",
                    books_on=max(books_on, day + timedelta(1)),
                    counterparty_name=merchant.name,
                    message=f"Platba kartou, {merchant.name}",
                    instructed=(foreign, merchant.abroad, rate),
                    pending_amount=held,
                )
            else:
                self.add(
                    account,
                    day,
                    -_money(self.rng, merchant.low, merchant.high),
                    "card",
                    books_on=books_on,
                    counterparty_name=merchant.name,
                    message=f"Platba kartou, {merchant.name}",
                )

    def month_days(self, main, savings, euro, owner, day: date) -> None:
        if day.day == 12:
            self.add(
                main,
                day,
                Decimal("48250.00"),
                "transfer-in",
                counterparty_name="Kovošrot Technik s.r.o.",
                counterparty_iban=czech_iban("217654321", bank="0300"),
                message=f"Mzda {day:%m/%Y}",
                variable_symbol=f"{day:%Y%m}",
                constant_symbol="0138",
            )
        for bill in BILLS:
            if day.day == bill.day:
                self.add(
                    main,
                    day,
                    -Decimal(bill.amount),
                    "standing-order",
                    counterparty_name=bill.name,
                    counterparty_iban=bill.iban,
                    message=bill.message,
                    variable_symbol=bill.variable_symbol,
                    constant_symbol=bill.constant_symbol,
                )
        if day.day == 13:
            for account, sign in ((main, -1), (savings, 1)):
                other = savings if sign < 0 else main
                self.add(
                    account,
                    day,
                    sign * Decimal(5000),
                    "transfer-out" if sign < 0 else "transfer-in",
                    counterparty_name=owner,
                    counterparty_iban=other.iban,
                    message="Spoření",
                )
        if (day + timedelta(days=1)).day == 1:
            self.add(
                savings,
                day,
                Decimal(self.rng.randint(180, 260)) + Decimal("0.37"),
                "interest",
                message="Úrok",
            )
            if self.rng.random() < 0.8:
                self.add(
                    euro,
                    day,
                    -Decimal(self.rng.randint(8, 60)) - Decimal("0.50"),
                    "card",
                    counterparty_name="Booking.com",
                    message="Platba kartou, Booking.com",
                    books_on=day + timedelta(days=2),
                )
        if day.day == 25 and day.month % 3 == 0:
            self.add(
                euro,
                day,
                Decimal(self.rng.randint(150, 400)),
                "transfer-in",
                counterparty_name="Greta Huber",
                counterparty_iban="AT611904300234573201",
                message="Ferienwohnung Miete",
            )

    def occasional(self, main, day: date) -> None:
        if self.rng.random() < 0.07:
            name, iban = self.rng.choice(FRIENDS)
            amount = Decimal(self.rng.choice((150, 250, 400, 600, 1200)))
            incoming = self.rng.random() < 0.5
            self.add(
                main,
                day,
                amount if incoming else -amount,
                "transfer-in" if incoming else "transfer-out",
                counterparty_name=name,
                counterparty_iban=iban,
                message=self.rng.choice(("Pizza", "Za lístky", "Dárek pro Evu", "Chata")),
            )
        if day.weekday() == 4 and self.rng.random() < 0.4:
            self.add(
                main,
                day,
                -Decimal(self.rng.choice((500, 1000, 2000))),
                "atm",
                counterparty_name="Bankomat ČS",
                message="Výběr z bankomatu",
            )


def generate(seed: int, start: date, end: date, purchases_per_day: float = 1.8) -> Customer:
    """The customer with every transaction made from `start` to `end` (inclusive)."""
    owner = "Jana Nováková"
    main = FakeAccount("2045578019", "CZK", "Můj účet", "Osobní účet ČS", Decimal("23140.55"))
    savings = FakeAccount(
        "2045578035", "CZK", "Na horší časy", "Spořicí účet ČS", Decimal("81000.00")
    )
    euro = FakeAccount("2045578051", "EUR", "Eurový účet", "Cizoměnový účet ČS", Decimal("412.80"))
    generator = _Generator(seed, purchases_per_day)
    day = start
    while day <= end:
        generator.purchases(main, day)
        generator.month_days(main, savings, euro, owner, day)
        generator.occasional(main, day)
        day += timedelta(days=1)
    return Customer(owner, [main, savings, euro], generator.entries)
