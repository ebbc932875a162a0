"""Retail banking: balances, a credit card, recent transactions and bills."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Literal

from pydantic import Field, model_validator

from ..distributions import Weights, bell_int, days_ago_recent, lognormal_money, money
from ..facts import fact
from ..fakesafe import TEST_CARD_NUMBERS, luhn_valid, mask
from ..locales import Formatter
from ..models import Frozen, Money, NonNegativeMoney, PersonaBase, Table
from ..registry import Draw, Industry, register

WINDOW_DAYS = 45
"""Transactions cover this many days before as_of."""
SPENDING_DAYS = 30
"""Monthly spending sums the card and account debits of the last 30 days."""

# Spending categories: weight, median amount, log-normal sigma, fictional merchants.
_CATEGORIES = {
    "Groceries": (22, 64.0, 0.55, ("FreshMart", "Green Basket Market", "Corner Grocer", "Harvest Foods")),
    "Dining": (18, 23.0, 0.6, ("Blue Door Café", "Trattoria Lupo", "Noodle House", "The Daily Grind")),
    "Transport": (12, 38.0, 0.45, ("QuickFuel", "Metro Transit", "RideNow", "ParkEasy")),
    "Shopping": (12, 52.0, 0.8, ("Northside Books", "Gadget Hub", "Style Lane", "Hearth & Home")),
    "Utilities": (6, 96.0, 0.3, ("City Power & Light", "AquaServe Water", "FiberLink Internet")),
    "Subscriptions": (8, 12.5, 0.4, ("StreamFlix", "TuneBox Music", "CloudVault Storage")),
    "Health": (5, 31.0, 0.6, ("Wellness Pharmacy", "Smile Dental Care")),
    "Entertainment": (5, 36.0, 0.6, ("Starlight Cinemas", "Pinball Palace", "Riverside Theatre")),
    "Travel": (3, 235.0, 0.7, ("SkyWays Airlines", "Harbor Hotel", "RailLink")),
}
_CATEGORY_WEIGHTS = Weights({name: spec[0] for name, spec in _CATEGORIES.items()})

_BILLS = {"Rent": (1450.0, 0.35), "Electric bill": (92.0, 0.3), "Phone bill": (58.0, 0.3),
          "Car loan": (385.0, 0.3), "Credit card payment": (240.0, 0.7), "Internet": (64.0, 0.2),
          "Gym membership": (39.0, 0.3)}


class Transaction(Frozen):
    date: date
    description: str
    merchant: str
    category: str
    amount: Money = Field(description="Signed: negative is money out, positive money in.")


class PendingPayment(Frozen):
    payee: str
    due_date: date
    amount: NonNegativeMoney


class BankingPersona(PersonaBase):
    mode: Literal["banking"] = "banking"
    checking_account: str = Field(pattern=r"^•••• \d{4}$")
    savings_account: str = Field(pattern=r"^•••• \d{4}$")
    checking_balance: NonNegativeMoney
    savings_balance: NonNegativeMoney
    card_number: str = Field(description="A processor's published test number, shown masked.")
    credit_score: int = Field(ge=300, le=850)
    credit_limit: NonNegativeMoney
    credit_used: NonNegativeMoney
    transactions: tuple[Transaction, ...]
    pending_payments: tuple[PendingPayment, ...]
    monthly_spending: NonNegativeMoney

    @property
    def card_masked(self) -> str:
        return mask(self.card_number)

    @property
    def available_credit(self) -> Decimal:
        return self.credit_limit - self.credit_used

    @model_validator(mode="after")
    def _consistent(self):
        if self.card_number not in TEST_CARD_NUMBERS or not luhn_valid(self.card_number):
            raise ValueError("card_number must be a published test number")
        if self.credit_used > self.credit_limit:
            raise ValueError("credit_used exceeds credit_limit")
        dates = [t.date for t in self.transactions]
        if dates and not self.as_of - timedelta(days=WINDOW_DAYS) < min(dates) <= max(dates) <= self.as_of:
            raise ValueError("transactions must fall in the window before as_of")
        if any(a < b for a, b in zip(dates, dates[1:])):
            raise ValueError("transactions must be newest first")
        if any(p.due_date <= self.as_of for p in self.pending_payments):
            raise ValueError("pending payments are due after as_of")
        if self.monthly_spending != spending(self.transactions, self.as_of):
            raise ValueError("monthly_spending must equal the last 30 days of debits")
        return self


def spending(transactions, as_of: date) -> Decimal:
    """Debits of the last 30 days; takes models or the dicts ``build`` makes."""
    since = as_of - timedelta(days=SPENDING_DAYS)
    total = Decimal("0.00")
    for t in transactions:
        amount, day = (t["amount"], t["date"]) if isinstance(t, dict) else (t.amount, t.date)
        if amount < 0 and day > since:
            total -= amount
    return total


def _transactions(d: Draw) -> list[dict]:
    """Transactions as dicts: the persona model validates them in one pass, much faster."""
    rng, as_of = d.rng, d.as_of
    out: list[dict] = []
    for _ in range(rng.randint(12, 24)):
        category = _CATEGORY_WEIGHTS.draw(rng)
        _, median, sigma, merchants = _CATEGORIES[category]
        merchant = rng.choice(merchants)
        amount = lognormal_money(rng, median, sigma, 1.5, 4000)
        day = as_of - timedelta(days=days_ago_recent(rng, WINDOW_DAYS, 14))
        out.append(dict(date=day, description=f"Card purchase · {merchant}", merchant=merchant,
                        category=category, amount=-amount))
    employer = d.fake.company()
    pay = lognormal_money(rng, 2150, 0.45, 600, 15000)
    for offset in range(rng.randrange(14), WINDOW_DAYS, 14):
        out.append(dict(date=as_of - timedelta(days=offset), description=f"Payroll · {employer}",
                        merchant=employer, category="Income", amount=pay))
    out.sort(key=lambda t: (t["date"], t["amount"]), reverse=True)
    return out


def build(d: Draw) -> dict:
    rng = d.rng
    score = bell_int(rng, 702, 72, 300, 850)
    limit = Decimal(max(5, round(rng.lognormvariate(8.2, 0.5) * (score / 700) ** 3 / 100)) * 100)
    used = money(float(limit) * rng.betavariate(1.3, 4.0))
    transactions = _transactions(d)
    bills = rng.sample(list(_BILLS), rng.randint(1, 3))
    pending = sorted(
        (PendingPayment(payee=b, due_date=d.as_of + timedelta(days=rng.randint(1, 21)),
                        amount=lognormal_money(rng, *_BILLS[b], 5, 6000)) for b in bills),
        key=lambda p: p.due_date)
    return dict(
        checking_account=f"•••• {rng.randrange(10000):04d}",
        savings_account=f"•••• {rng.randrange(10000):04d}",
        checking_balance=lognormal_money(rng, 1850, 1.0, 3.17, 95000),
        savings_balance=lognormal_money(rng, 7400, 1.35, 12.04, 480000),
        card_number=rng.choice(TEST_CARD_NUMBERS),
        credit_score=score, credit_limit=limit, credit_used=min(used, limit),
        transactions=tuple(transactions), pending_payments=tuple(pending),
        monthly_spending=spending(transactions, d.as_of),
    )


def facts(p: BankingPersona, fmt: Formatter) -> list:
    last = next(t for t in p.transactions if t.amount < 0) if any(t.amount < 0 for t in p.transactions) else None
    out = [
        fact("checking_balance", "Checking balance", fmt.money(p.checking_balance),
             keywords=("checking", "current", "balance", "account", "money", "have")),
        fact("savings_balance", "Savings balance", fmt.money(p.savings_balance),
             keywords=("savings", "saved", "balance")),
        fact("checking_account", "Checking account number", p.checking_account,
             f"Your checking account number ends in {p.checking_account[-4:]}.", ("account", "number", "ends", "digits", "four")),
        fact("credit_score", "Credit score", str(p.credit_score), keywords=("credit", "score", "fico")),
        fact("credit_limit", "Credit card limit", fmt.money(p.credit_limit), keywords=("limit", "credit", "card")),
        fact("credit_used", "Credit card balance", fmt.money(p.credit_used),
             f"Your credit card balance (credit used) is {fmt.money(p.credit_used)}.",
             ("used", "owe", "card", "credit", "balance")),
        fact("available_credit", "Available credit", fmt.money(p.available_credit), keywords=("available", "left", "credit")),
        fact("card", "Card number", p.card_masked, f"Your card number ends in {p.card_number[-4:]}.", ("card", "ends", "digits", "four")),
        fact("monthly_spending", "Spending in the last 30 days", fmt.money(p.monthly_spending),
             keywords=("spend", "spent", "spending", "month", "monthly")),
    ]
    if last:
        out.append(fact("last_transaction", "Most recent purchase",
                        f"{fmt.money(-last.amount)} at {last.merchant} on {fmt.date(last.date)}",
                        keywords=("last", "recent", "latest", "purchase", "transaction", "bought", "card", "use", "shop", "merchant")))
    for i, pp in enumerate(p.pending_payments):
        out.append(fact(f"pending_{i}", f"Upcoming payment: {pp.payee}",
                        f"{fmt.money(pp.amount)} due {fmt.date(pp.due_date)}",
                        f"Your {pp.payee.lower()} of {fmt.money(pp.amount)} is due on {fmt.date(pp.due_date)}.",
                        ("pending", "upcoming", "due", "bill", "payment", *pp.payee.lower().split())))
    return out


def tables(p: BankingPersona, fmt: Formatter) -> list[Table]:
    return [
        Table(title="Recent transactions", columns=("Date", "Description", "Category", "Amount"),
              rows=tuple((fmt.date(t.date), t.description, t.category, fmt.money(t.amount)) for t in p.transactions)),
        Table(title="Pending payments", columns=("Due", "Payee", "Amount"),
              rows=tuple((fmt.date(x.due_date), x.payee, fmt.money(x.amount)) for x in p.pending_payments)),
    ]


register(Industry(
    mode="banking", label="Banking", institution="Larkspur Savings Bank", order=10,
    role="a customer service assistant at Larkspur Savings Bank, a fictional retail bank",
    model=BankingPersona, build=build, facts=facts, tables=tables,
    examples=("What's my checking balance?", "How much did I spend this month?",
              "What's my credit score?", "When is my next payment due?",
              "How much credit do I have left on my card?"),
))
