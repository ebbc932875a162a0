"""Retail banking: balances, a credit card, recent transactions and bills."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from operator import itemgetter
from typing import Literal

from pydantic import Field, model_validator

from ..distributions import (
    Weights,
    bell_int,
    below,
    cents_to_money,
    days_ago_recent,
    lognormal_cents,
    lognormal_money,
    pick,
    unround,
)
from ..facts import fact
from ..fakesafe import TEST_CARD_NUMBERS, mask
from ..locales import Formatter
from ..models import Figure, Frozen, LineAmount, NonNegativeMoney, PersonaBase, Table
from ..registry import CardLayout, Draw, Industry, register

WINDOW_DAYS = 45
"""Transactions cover this many days before as_of."""
SPENDING_DAYS = 30
"""Monthly spending sums the debits of the last 30 days (as_of and the 29 days before it)."""
CYCLE_DAYS = 30
"""Subscriptions renew every 30 days (a fixed period keeps personas exact under a shift of as_of)."""

# Card spending: weight, median amount, log-normal sigma, plausible range, fictional merchants.
# Medians are set to everyday receipt sizes per category; the range drops amounts no one pays
# in that category (a 40-cent grocery run, a 9,000 dinner).
_CATEGORIES = {
    "Groceries": (22, 64.0, 0.55, (4, 600), ("FreshMart", "Green Basket Market", "Corner Grocer", "Harvest Foods")),
    "Dining": (18, 23.0, 0.6, (3, 300), ("Blue Door Café", "Trattoria Lupo", "Noodle House", "The Daily Grind")),
    "Transport": (12, 38.0, 0.45, (2, 250), ("QuickFuel", "Metro Transit", "RideNow", "ParkEasy")),
    "Shopping": (12, 52.0, 0.8, (3, 1500), ("Northside Books", "Gadget Hub", "Style Lane", "Hearth & Home")),
    "Utilities": (5, 96.0, 0.3, (20, 500), ("City Power & Light", "AquaServe Water", "FiberLink Internet")),
    "Health": (5, 31.0, 0.6, (3, 800), ("Wellness Pharmacy", "Smile Dental Care")),
    "Entertainment": (5, 36.0, 0.6, (5, 400), ("Starlight Cinemas", "Pinball Palace", "Riverside Theatre")),
    "Travel": (3, 235.0, 0.7, (25, 4000), ("SkyWays Airlines", "Harbor Hotel", "RailLink")),
}
# One draw picks category and merchant together (a category's weight is shared by its merchants).
_SHOPS = Weights({
    (category, merchant, f"Card purchase · {merchant}", (median, sigma, lo, hi)): weight / len(merchants)
    for category, (weight, median, sigma, (lo, hi), merchants) in _CATEGORIES.items()
    for merchant in merchants
})
RECENT_DAYS = 14
"""Mean age in days of a card purchase: spending is weighted toward the last two weeks."""

# Subscriptions bill the same price every cycle, at the price points such services use.
_SUBSCRIPTIONS = {
    "StreamFlix": (799, 1549, 2299),
    "TuneBox Music": (1099, 1699),
    "CloudVault Storage": (299, 999),
    "DailyPress Digital": (499, 1299),
    "FitTrack Premium": (899,),
}
_SUBSCRIPTION_COUNT = Weights({0: 20, 1: 35, 2: 30, 3: 15})

# Bills: median, sigma, plausible range. The card payment is drawn from the card balance instead.
_BILLS = {"Rent": (1450.0, 0.35, (400, 6000)), "Electric bill": (92.0, 0.3, (20, 400)),
          "Phone bill": (58.0, 0.3, (15, 250)), "Car loan": (385.0, 0.3, (90, 1500)),
          "Internet": (64.0, 0.2, (25, 200)), "Gym membership": (39.0, 0.3, (10, 150))}
_BILL_NAMES = tuple(_BILLS)
_SUBSCRIPTION_NAMES = tuple(_SUBSCRIPTIONS)
CARD_PAYMENT = "Credit card payment"
"""The payee of the card's statement payment: never more than the card balance."""
PAY_DAYS = 14
"""Payroll arrives every two weeks."""
_TEST_CARDS = frozenset(TEST_CARD_NUMBERS)


class Transaction(Frozen):
    date: date
    description: str
    merchant: str
    category: str
    amount: LineAmount = Field(description="Signed: negative is money out, positive money in.")


class PendingPayment(Frozen):
    payee: str
    due_date: date
    amount: NonNegativeMoney


class BankingPersona(PersonaBase):
    mode: Literal["banking"] = "banking"
    checking_account: str = Field(pattern=r"^•••• \d{4}$", description="Masked: statements show the last 4 only.")
    savings_account: str = Field(pattern=r"^•••• \d{4}$", description="Masked: statements show the last 4 only.")
    checking_balance: NonNegativeMoney
    savings_balance: NonNegativeMoney
    card_number: str = Field(description="A processor's published test number (fakesafe.TEST_CARD_NUMBERS), shown masked.")
    credit_score: int = Field(ge=300, le=850)
    credit_limit: NonNegativeMoney
    credit_used: NonNegativeMoney
    transactions: tuple[Transaction, ...] = Field(description="Newest first, within WINDOW_DAYS before as_of.")
    pending_payments: tuple[PendingPayment, ...] = Field(description="Soonest first, due after as_of.")
    monthly_spending: NonNegativeMoney = Field(description="Debits of the last SPENDING_DAYS days.")

    @property
    def card_masked(self) -> str:
        return mask(self.card_number)

    @property
    def available_credit(self) -> Decimal:
        return self.credit_limit - self.credit_used

    @model_validator(mode="after")
    def _consistent(self):
        if self.card_number not in _TEST_CARDS:  # each is Luhn-valid (tests/persona/test_fakesafe.py)
            raise ValueError("card_number must be one of the published test numbers in fakesafe.TEST_CARD_NUMBERS")
        if self.credit_used > self.credit_limit:
            raise ValueError(f"credit_used {self.credit_used} exceeds credit_limit {self.credit_limit}")
        # One pass over the (long) list: order and window, places, and the last 30 days' debits.
        window_start, since = self.as_of - timedelta(days=WINDOW_DAYS), self.as_of - timedelta(days=SPENDING_DAYS)
        newest, total, spent = self.as_of, Decimal(0), Decimal("0.00")
        for t in self.transactions:
            if not window_start < t.date <= newest:
                raise ValueError(f"transactions must be newest first, within the {WINDOW_DAYS} days up to as_of")
            newest = t.date
            total += t.amount
            if t.amount < 0 and t.date > since:
                spent -= t.amount
        if total.as_tuple().exponent < -2:  # an exact sum has its terms' smallest exponent
            raise ValueError("transaction amounts have at most two decimal places")
        if self.monthly_spending != spent:
            raise ValueError(f"monthly_spending {self.monthly_spending} must equal the last "
                             f"{SPENDING_DAYS} days of debits ({spent})")
        due = [p.due_date for p in self.pending_payments]
        if any(d <= self.as_of for d in due):
            raise ValueError("pending payments are due after as_of")
        if any(a > b for a, b in zip(due, due[1:], strict=False)):
            raise ValueError("pending payments must be soonest first")
        if any(p.payee == CARD_PAYMENT and p.amount > self.credit_used for p in self.pending_payments):
            raise ValueError("the credit card payment cannot exceed the card balance (credit_used)")
        return self


def _transactions(d: Draw, pay: int) -> tuple[list[dict], int]:
    """Transactions as dicts, newest first, and the cents debited in the last 30 days.

    Dicts, not models: the persona validates them all in one pass, much faster.
    """
    rng, today = d.rng, d.as_of.toordinal()
    out: list[dict] = []
    spent = 0

    def add(days: int, cents: int, description: str, merchant: str, category: str) -> None:
        nonlocal spent
        if cents < 0 and days < SPENDING_DAYS:
            spent -= cents
        out.append({"date": date.fromordinal(today - days), "description": description, "merchant": merchant,
                    "category": category, "amount": Decimal(cents).scaleb(-2)})

    draw_shop = _SHOPS.draw
    for _ in range(12 + below(rng, 11)):
        category, merchant, description, (median, sigma, lo, hi) = draw_shop(rng)
        cents = lognormal_cents(rng, median, sigma, lo, hi)
        add(days_ago_recent(rng, WINDOW_DAYS, RECENT_DAYS), -cents, description, merchant, category)
    for merchant in rng.sample(_SUBSCRIPTION_NAMES, _SUBSCRIPTION_COUNT.draw(rng)):
        cents = pick(rng, _SUBSCRIPTIONS[merchant])
        for days in range(below(rng, CYCLE_DAYS), WINDOW_DAYS, CYCLE_DAYS):
            add(days, -cents, f"Subscription · {merchant}", merchant, "Subscriptions")
    employer = d.templates.company(rng)
    for days in range(below(rng, PAY_DAYS), WINDOW_DAYS, PAY_DAYS):
        add(days, pay, f"Payroll · {employer}", employer, "Income")
    out.sort(key=_DATE, reverse=True)  # newest first; a stable sort keeps same-day entries in draw order
    return out, spent


_DATE = itemgetter("date")


def _bills(d: Draw, card_balance: int) -> list[dict]:
    """The next bills due: one to three regular ones, plus the card statement if there is a balance."""
    rng, as_of = d.rng, d.as_of
    bills = []
    for payee in rng.sample(_BILL_NAMES, rng.randint(1, 3)):
        median, sigma, (lo, hi) = _BILLS[payee]
        bills.append((rng.randint(1, 21), payee, lognormal_cents(rng, median, sigma, lo, hi)))
    if card_balance >= 2500:  # a statement is due on balances of $25 or more: part or all of the balance
        due = min(card_balance, unround(round(card_balance * rng.uniform(0.35, 1.0))))
        bills.append((rng.randint(1, 21), CARD_PAYMENT, due))
    bills.sort()
    return [dict(payee=payee, due_date=as_of + timedelta(days=days), amount=cents_to_money(cents))
            for days, payee, cents in bills]


def build(d: Draw) -> dict:
    rng = d.rng
    # Net pay per two-week period; balances and the card limit scale with it, savings also with age.
    pay = lognormal_cents(rng, 2150, 0.45, 600, 15000)
    income = pay / 215000
    score = bell_int(rng, 702, 72, 300, 850)
    limit_dollars = max(5, round(3600 * income * rng.lognormvariate(0, 0.4) * (score / 700) ** 3 / 100)) * 100
    used = min(round(limit_dollars * 100 * rng.betavariate(1.3, 4.0)), limit_dollars * 100 - 1)
    used = unround(used) if used else used
    transactions, spent = _transactions(d, pay)
    savings_median = 7400 * income * (d.identity.age / 45) ** 0.7
    return dict(
        checking_account=f"•••• {below(rng, 10000):04d}",
        savings_account=f"•••• {below(rng, 10000):04d}",
        checking_balance=lognormal_money(rng, 1850 * income, 0.9, 3, 95_000),
        savings_balance=lognormal_money(rng, savings_median, 1.25, 12, 480_000),
        card_number=pick(rng, TEST_CARD_NUMBERS),
        credit_score=score, credit_limit=cents_to_money(limit_dollars * 100), credit_used=cents_to_money(used),
        transactions=transactions, pending_payments=_bills(d, used),
        monthly_spending=cents_to_money(spent),
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
        fact("available_credit", "Available credit", fmt.money(p.available_credit), keywords=("available", "left", "credit", "charge", "more")),
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


def headline(p: BankingPersona, fmt: Formatter) -> list[Figure]:
    """What a banking customer looks at first: both balances, what the card owes, the credit score."""
    return [
        Figure(key="checking_balance", label="Checking balance", value=fmt.money(p.checking_balance),
               detail=p.checking_account),
        Figure(key="savings_balance", label="Savings balance", value=fmt.money(p.savings_balance),
               detail=p.savings_account),
        Figure(key="credit_used", label="Credit card balance", value=fmt.money(p.credit_used),
               detail=f"of {fmt.money(p.credit_limit)} limit"),
        Figure(key="credit_score", label="Credit score", value=str(p.credit_score)),
    ]


register(Industry(
    mode="banking", label="Banking", institution="Larkspur Savings Bank", order=10,
    role="a customer service assistant at Larkspur Savings Bank, a fictional retail bank",
    model=BankingPersona, build=build, facts=facts, tables=tables,
    examples=("What's my checking balance?", "How much did I spend this month?",
              "What's my credit score?", "When is my next payment due?",
              "How much credit do I have left on my card?"),
    card=CardLayout(headline=headline, holdings="Accounts", listed=("pending_",)),
))
