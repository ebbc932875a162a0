"""Retail banking: balances, a credit card, recent transactions and bills."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from operator import itemgetter
from random import Random
from typing import Literal

from pydantic import Field, model_validator

from ..actions import Action, Amount, Arguments, Day, Effect, Step, Text
from ..contact import CONTACT_ACTIONS
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
from ..models import Example, Figure, Frozen, LineAmount, NonNegativeMoney, PersonaBase, Table, refs, unset
from ..registry import CardLayout, Draw, Industry, ScenarioKind, Story, register
from ..words import N_, Shown

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
    N_("Groceries"): (22, 64.0, 0.55, (4, 600), ("FreshMart", "Green Basket Market", "Corner Grocer", "Harvest Foods")),
    N_("Dining"): (18, 23.0, 0.6, (3, 300), ("Blue Door Café", "Trattoria Lupo", "Noodle House", "The Daily Grind")),
    N_("Transport"): (12, 38.0, 0.45, (2, 250), ("QuickFuel", "Metro Transit", "RideNow", "ParkEasy")),
    N_("Shopping"): (12, 52.0, 0.8, (3, 1500), ("Northside Books", "Gadget Hub", "Style Lane", "Hearth & Home")),
    N_("Utilities"): (5, 96.0, 0.3, (20, 500), ("City Power & Light", "AquaServe Water", "FiberLink Internet")),
    N_("Health"): (5, 31.0, 0.6, (3, 800), ("Wellness Pharmacy", "Smile Dental Care")),
    N_("Entertainment"): (5, 36.0, 0.6, (5, 400), ("Starlight Cinemas", "Pinball Palace", "Riverside Theatre")),
    N_("Travel"): (3, 235.0, 0.7, (25, 4000), ("SkyWays Airlines", "Harbor Hotel", "RailLink")),
}
# One draw picks category and merchant together (a category's weight is shared by its merchants).
_SHOPS = Weights({
    (category, merchant, N_("Card purchase · {merchant}", merchant=merchant), (median, sigma, lo, hi)): weight / len(merchants)
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
_BILLS = {N_("Rent"): (1450.0, 0.35, (400, 6000)), N_("Electric bill"): (92.0, 0.3, (20, 400)),
          N_("Phone bill"): (58.0, 0.3, (15, 250)), N_("Car loan"): (385.0, 0.3, (90, 1500)),
          N_("Internet"): (64.0, 0.2, (25, 200)), N_("Gym membership"): (39.0, 0.3, (10, 150))}
_BILL_NAMES = tuple(_BILLS)
_SUBSCRIPTION_NAMES = tuple(_SUBSCRIPTIONS)
SUBSCRIPTIONS = N_("Subscriptions")
CARD_PAYMENT = N_("Credit card payment")
"""The payee of the card's statement payment: never more than the card balance."""
PAY_DAYS = 14
"""Payroll arrives every two weeks."""
_TEST_CARDS = frozenset(TEST_CARD_NUMBERS)


class Transaction(Frozen):
    date: date
    description: Shown
    merchant: str
    category: str
    amount: LineAmount = Field(description="Signed: negative is money out, positive money in.")
    disputed: bool = Field(False, exclude_if=unset, description="The customer disputed the charge (an action).")


class PendingPayment(Frozen):
    payee: str
    due_date: date
    amount: NonNegativeMoney
    paid: bool = Field(False, exclude_if=unset, description="Paid from checking ahead of its due date (an action).")


class TravelNotice(Frozen):
    destination: str
    start: date
    end: date


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
    card_frozen: bool = Field(False, exclude_if=unset, description="New card purchases are declined (an action).")
    travel_notices: tuple[TravelNotice, ...] = Field((), exclude_if=unset)
    cancelled_subscriptions: tuple[str, ...] = Field((), exclude_if=unset, description="Merchants whose "
                                                     "subscription the customer cancelled: no further charges.")

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
        if any(p.payee == CARD_PAYMENT and not p.paid and p.amount > self.credit_used for p in self.pending_payments):
            raise ValueError("the credit card payment cannot exceed the card balance (credit_used)")
        if len({p.payee for p in self.pending_payments}) != len(self.pending_payments):
            raise ValueError("one pending payment per payee")
        if any(n.end < n.start for n in self.travel_notices):
            raise ValueError("a travel notice ends on or after its first day")
        subscriptions = {t.merchant for t in self.transactions if t.category == SUBSCRIPTIONS}
        if not set(self.cancelled_subscriptions) <= subscriptions or \
                len(set(self.cancelled_subscriptions)) != len(self.cancelled_subscriptions):
            raise ValueError("only subscriptions charged to the account can be cancelled, each once")
        if any(t.disputed and t.amount >= 0 for t in self.transactions):
            raise ValueError("only charges (money out) can be disputed")
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
            add(days, -cents, N_("Subscription · {merchant}", merchant=merchant), merchant, SUBSCRIPTIONS)
    employer = d.templates.company(rng)
    for days in range(below(rng, PAY_DAYS), WINDOW_DAYS, PAY_DAYS):
        add(days, pay, N_("Payroll · {employer}", employer=employer), employer, N_("Income"))
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
        fact("checking_balance", N_("Checking balance"), fmt.money(p.checking_balance),
             keywords=("checking", "current", "balance", "account", "money", "have")),
        fact("savings_balance", N_("Savings balance"), fmt.money(p.savings_balance),
             keywords=("savings", "saved", "balance")),
        fact("checking_account", N_("Checking account number"), p.checking_account,
             f"Your checking account number ends in {p.checking_account[-4:]}.", ("account", "number", "ends", "digits", "four")),
        fact("credit_score", N_("Credit score"), str(p.credit_score), keywords=("credit", "score", "fico")),
        fact("credit_limit", N_("Credit card limit"), fmt.money(p.credit_limit), keywords=("limit", "credit", "card")),
        fact("credit_used", N_("Credit card balance"), fmt.money(p.credit_used),
             f"Your credit card balance (credit used) is {fmt.money(p.credit_used)}.",
             ("used", "owe", "card", "credit", "balance")),
        fact("available_credit", N_("Available credit"), fmt.money(p.available_credit), keywords=("available", "left", "credit", "charge", "more")),
        fact("card", N_("Card number"), p.card_masked, f"Your card number ends in {p.card_number[-4:]}.", ("card", "ends", "digits", "four")),
        fact("monthly_spending", N_("Spending in the last 30 days"), fmt.money(p.monthly_spending),
             keywords=("spend", "spent", "spending", "month", "monthly")),
    ]
    if last:
        out.append(fact("last_transaction", N_("Most recent purchase"),
                        N_("{amount} at {merchant} on {date}", amount=fmt.money(-last.amount), merchant=last.merchant,
                           date=fmt.date(last.date)),
                        keywords=("last", "recent", "latest", "purchase", "transaction", "bought", "card", "use", "shop", "merchant")))
    for i, pp in enumerate(p.pending_payments):
        if pp.paid:
            out.append(fact(f"pending_{i}", N_("Paid payment: {payee}", payee=pp.payee),
                            N_("{amount} paid from checking (was due {due_date})", amount=fmt.money(pp.amount),
                               due_date=fmt.date(pp.due_date)),
                            f"Your {pp.payee.lower()} of {fmt.money(pp.amount)} is paid (it was due on "
                            f"{fmt.date(pp.due_date)}).",
                            ("paid", "due", "bill", "payment", *pp.payee.lower().split())))
            continue
        out.append(fact(f"pending_{i}", N_("Upcoming payment: {payee}", payee=pp.payee),
                        N_("{amount} due {due_date}", amount=fmt.money(pp.amount), due_date=fmt.date(pp.due_date)),
                        f"Your {pp.payee.lower()} of {fmt.money(pp.amount)} is due on {fmt.date(pp.due_date)}.",
                        ("pending", "upcoming", "due", "bill", "payment", *pp.payee.lower().split())))
    return out + _action_facts(p, fmt)


def _action_facts(p: BankingPersona, fmt: Formatter) -> list:
    """Facts only actions create (a frozen card, a dispute): none on a freshly generated record."""
    last4 = p.card_number[-4:]
    out = []
    if p.card_frozen:
        out.append(fact("card_status", N_("Card status"), N_("frozen"),
                        f"Your card ending {last4} is frozen: new purchases are declined until you unfreeze it.",
                        ("frozen", "freeze", "blocked", "block", "locked", "card", "status")))
    for i, t in enumerate(p.transactions):
        if t.disputed:
            out.append(fact(f"disputed_{i}", N_("Disputed charge: {merchant}", merchant=t.merchant),
                            N_("{amount} on {date}, under review", amount=fmt.money(-t.amount), date=fmt.date(t.date)),
                            f"Your {fmt.money(-t.amount)} charge from {t.merchant} on {fmt.date(t.date)} is disputed "
                            "and under review.", ("disputed", "dispute", "charge", "review", t.merchant.lower())))
    for i, n in enumerate(p.travel_notices):
        out.append(fact(f"travel_notice_{i}", N_("Travel notice: {destination}", destination=n.destination),
                        N_("{start} to {end}", start=fmt.date(n.start), end=fmt.date(n.end)),
                        f"Your card ending {last4} has a travel notice for {n.destination} from {fmt.date(n.start)} "
                        f"to {fmt.date(n.end)}.", ("travel", "notice", "trip", "abroad", n.destination.lower())))
    for merchant in p.cancelled_subscriptions:
        out.append(fact(f"cancelled_{merchant.split()[0].lower()}", N_("Cancelled subscription: {merchant}", merchant=merchant), N_("cancelled"),
                        f"Your {merchant} subscription is cancelled: no further charges will be paid.",
                        ("cancelled", "cancel", "subscription", merchant.lower())))
    return out


def tables(p: BankingPersona, fmt: Formatter) -> list[Table]:
    return [
        Table(title=N_("Recent transactions"), columns=(N_("Date"), N_("Description"), N_("Category"), N_("Amount")),
              rows=tuple((fmt.date(t.date),
                          N_("{description} (disputed)", description=t.description) if t.disputed else t.description,
                          t.category, fmt.money(t.amount)) for t in p.transactions)),
        Table(title=N_("Pending payments"), columns=(N_("Due"), N_("Payee"), N_("Amount")),
              rows=tuple((fmt.date(x.due_date), N_("{payee} (paid)", payee=x.payee) if x.paid else x.payee,
                          fmt.money(x.amount)) for x in p.pending_payments)),
    ]


def headline(p: BankingPersona, fmt: Formatter) -> list[Figure]:
    """What a banking customer looks at first: both balances, what the card owes, the credit score."""
    return [
        Figure(key="checking_balance", label=N_("Checking balance"), value=fmt.money(p.checking_balance),
               detail=p.checking_account),
        Figure(key="savings_balance", label=N_("Savings balance"), value=fmt.money(p.savings_balance),
               detail=p.savings_account),
        Figure(key="credit_used", label=N_("Credit card balance"), value=fmt.money(p.credit_used),
               detail=N_("of {credit_limit} limit", credit_limit=fmt.money(p.credit_limit))),
        Figure(key="credit_score", label=N_("Credit score"), value=str(p.credit_score)),
    ]


# Scenarios: why this customer gets in touch today, each told from items of their own record.

_INCOME = N_("Income")
_BILL_NOUNS = {"Car loan": N_("car loan payment"), "Internet": N_("internet bill")}
LOW_BALANCE = Decimal("1.25")
"""A bill is hard to cover when checking holds less than this many times its amount."""


def _bill(payee: str) -> str:
    """A payee as the customer says it: "my rent", "my internet bill"."""
    return _BILL_NOUNS.get(payee, payee.lower())


def _last_pay(p: BankingPersona) -> int | None:
    return next((i for i, t in enumerate(p.transactions) if t.category == _INCOME), None)


def _card_purchases(p: BankingPersona) -> list[int]:
    return [i for i, t in enumerate(p.transactions) if t.category in _CATEGORIES]


def _unrecognised_charge(p: BankingPersona, i: int, fmt: Formatter, rng: Random) -> Story:
    t = p.transactions[i]
    amount = fmt.money(-t.amount)
    return Story(
        summary=N_("{first_name} doesn't recognise a {amount} charge from {merchant} on {date} on the card ending "
                   "{card_number} and wants to know whether it is fraud.", first_name=p.identity.first_name,
                   amount=amount, merchant=t.merchant, date=fmt.date(t.date), card_number=p.card_number[-4:]),
        questions=(f"Why was I charged {amount} at {t.merchant} on {fmt.short_date(t.date)}?",
                   f"Can you block my card ending {p.card_number[-4:]} while you look into it?"),
        refs=(*refs(f"transactions[{i}]", t, "merchant", "amount", "date"), *refs("card_number", p.card_number)),
    )


def _bills_before_payday(p: BankingPersona) -> list[int]:
    pay = _last_pay(p)
    if pay is None:
        return []
    payday = p.transactions[pay].date + timedelta(days=PAY_DAYS)
    return [i for i, x in enumerate(p.pending_payments)
            if x.due_date < payday and p.checking_balance < x.amount * LOW_BALANCE]


def _bill_before_payday(p: BankingPersona, i: int, fmt: Formatter, rng: Random) -> Story:
    x, pay = p.pending_payments[i], _last_pay(p)
    bill, amount, balance = _bill(x.payee), fmt.money(x.amount), fmt.money(p.checking_balance)
    employer = p.transactions[pay].merchant
    return Story(
        summary=N_("{first_name}'s {bill} of {amount} is due on {due_date}, before the next paycheck from "
                   "{employer}, and only {balance} is left in checking.", first_name=p.identity.first_name, bill=bill,
                   amount=amount, due_date=fmt.date(x.due_date), employer=employer, balance=balance),
        questions=(f"My {bill} of {amount} is due on {fmt.short_date(x.due_date)} but I only have {balance} in "
                   "checking. Can I move the due date?",
                   f"Can I move money from my savings to cover my {bill}?"),
        refs=(*refs(f"pending_payments[{i}]", x, "payee", "amount", "due_date"),
              *refs("checking_balance", p.checking_balance), *refs(f"transactions[{pay}]", p.transactions[pay],
                                                                      "merchant")),
    )


def _travel_bookings(p: BankingPersona) -> list[int]:
    return [i for i, t in enumerate(p.transactions) if t.category == "Travel"]


def _travel_notice(p: BankingPersona, i: int, fmt: Formatter, rng: Random) -> Story:
    t, last4 = p.transactions[i], p.card_number[-4:]
    return Story(
        summary=N_("{first_name} booked travel with {merchant} ({amount} on {date}) and wants to be sure the card "
                   "ending {last4} works on the trip.", first_name=p.identity.first_name, merchant=t.merchant,
                   amount=fmt.money(-t.amount), date=fmt.date(t.date), last4=last4),
        questions=(f"I booked a trip with {t.merchant}. Can you add a travel notice to my card ending {last4}?",
                   "Will I pay a fee when I use my card abroad?"),
        refs=(*refs(f"transactions[{i}]", t, "merchant", "amount", "date"), *refs("card_number", p.card_number)),
    )


def _card_statements(p: BankingPersona) -> list[int]:
    return [i for i, x in enumerate(p.pending_payments) if x.payee == CARD_PAYMENT]


def _card_payment(p: BankingPersona, i: int, fmt: Formatter, rng: Random) -> Story:
    x = p.pending_payments[i]
    amount, owed = fmt.money(x.amount), fmt.money(p.credit_used)
    return Story(
        summary=N_("{first_name}'s credit card payment of {amount} is due on {due_date}, with {owed} owed on the "
                   "card in all, and {first_name} wants to know whether paying {amount} is enough to avoid interest.",
                   first_name=p.identity.first_name, amount=amount, due_date=fmt.date(x.due_date), owed=owed),
        questions=(f"Is paying {amount} by {fmt.short_date(x.due_date)} enough, or do I have to pay the full {owed} "
                   "on my card?",
                   "Can I set up automatic payments for my credit card?"),
        refs=(*refs(f"pending_payments[{i}]", x, "payee", "amount", "due_date"), *refs("credit_used", p.credit_used)),
    )


def _subscriptions(p: BankingPersona) -> list[int]:
    newest: dict[str, int] = {}
    for i, t in enumerate(p.transactions):
        if t.category == SUBSCRIPTIONS:
            newest.setdefault(t.merchant, i)
    return list(newest.values())


def _cancel_subscription(p: BankingPersona, i: int, fmt: Formatter, rng: Random) -> Story:
    t = p.transactions[i]
    amount = fmt.money(-t.amount)
    return Story(
        summary=N_("{first_name} is still paying {amount} a month for {merchant}, last charged on {date}, and "
                   "wants to cancel it.", first_name=p.identity.first_name, amount=amount, merchant=t.merchant,
                   date=fmt.date(t.date)),
        questions=(f"How do I stop the {amount} {t.merchant} charges on my account?",
                   f"Can I get a refund for the {t.merchant} charge on {fmt.short_date(t.date)}?"),
        refs=refs(f"transactions[{i}]", t, "merchant", "amount", "date"),
    )


def _card_half_used(p: BankingPersona) -> list[BankingPersona]:
    return [p] if p.credit_used * 2 >= p.credit_limit else []


def _credit_limit(p: BankingPersona, _: object, fmt: Formatter, rng: Random) -> Story:
    limit = fmt.money(p.credit_limit)
    return Story(
        summary=N_("{first_name} has used {credit_used} of a {limit} credit limit and would like the limit raised.",
                   first_name=p.identity.first_name, credit_used=fmt.money(p.credit_used), limit=limit),
        questions=(f"Can you raise my credit limit above {limit}?",
                   f"Will asking for a higher limit affect my credit score of {p.credit_score}?"),
        refs=refs("", p, "credit_used", "credit_limit", "credit_score"),
    )


SCENARIOS = (
    ScenarioKind("unrecognised_charge", N_("A charge I don't recognise"), "a card purchase",
                 _card_purchases, _unrecognised_charge),
    ScenarioKind("bill_before_payday", N_("A bill due before payday"), "a bill due before the next paycheck that "
                 "the checking balance can barely cover", _bills_before_payday, _bill_before_payday, weight=4),
    ScenarioKind("travel_notice", N_("A trip coming up"), "a travel booking (airline, hotel or rail)",
                 _travel_bookings, _travel_notice),
    ScenarioKind("card_payment", N_("A credit card payment question"), "a credit card payment due",
                 _card_statements, _card_payment),
    ScenarioKind("cancel_subscription", N_("A subscription to cancel"), "a subscription charge",
                 _subscriptions, _cancel_subscription),
    ScenarioKind("credit_limit", N_("A higher credit limit"), "a credit card at least half used",
                 _card_half_used, _credit_limit, weight=3),
)


def prompts(p: BankingPersona, fmt: Formatter) -> list[Example]:
    """Questions from this customer's record: their card, accounts, shops, bills and employer."""
    last4 = p.card_number[-4:]
    out = [
        Example(text=f"How much credit do I have left on my card ending {last4}?",
                refs=refs("card_number", p.card_number)),
        Example(text=f"What's the balance of my savings account ending {p.savings_account[-4:]}?",
                refs=refs("savings_account", p.savings_account)),
        Example(text=f"Is a credit score of {p.credit_score} good enough for a car loan?",
                refs=refs("credit_score", p.credit_score)),
    ]
    shops = _card_purchases(p)
    if shops:
        t = p.transactions[shops[0]]
        out.append(Example(text=f"How much have I spent at {t.merchant} lately?",
                           refs=refs(f"transactions[{shops[0]}]", t, "merchant")))
    if p.pending_payments:
        x = p.pending_payments[0]
        out.append(Example(text=f"When is my {_bill(x.payee)} of {fmt.money(x.amount)} due?",
                           refs=refs("pending_payments[0]", x, "payee", "amount")))
    pay = _last_pay(p)
    if pay is not None:
        t = p.transactions[pay]
        out.append(Example(text=f"When did my last paycheck from {t.merchant} come in?",
                           refs=refs(f"transactions[{pay}]", t, "merchant")))
    return out


# Actions: what the customer can ask the assistant to do on this record (see persona.actions, persona.ledger).

BILL_GRACE_DAYS = 30
"""A bill can be moved to at most this many days after its due date (the payees' grace period in this demo)."""
INCREASE_MIN_SCORE = 670
"""A credit-limit increase needs at least this credit score ("good" on the FICO scale)..."""
INCREASE_MAX_USAGE = Decimal("0.9")
"""...and a card used at most this share of its limit: a card at its limit is a risk, not a need."""
INCREASE_STEP = Decimal("1.25")
"""The increase granted when the customer names no figure: a quarter more, in whole hundreds."""
INCREASE_CAP = Decimal("1.5")
"""The highest limit granted at once: half again the current one."""
TRAVEL_MAX_DAYS = 180
"""A travel notice covers at most this many days, starting within a year."""
SEARCH_ROWS = 10
"""Transactions a search lists at most (it says how many more matched)."""
Account = Literal["checking", "savings"]


def _key(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def _names_match(name: str, asked: str) -> bool:
    """A record name the customer named: "ridenow" for RideNow, "Green Basket" for Green Basket Market."""
    a, b = _key(name), _key(asked)
    return bool(b) and (a == b or (len(b) >= 4 and b in a) or (len(a) >= 4 and a in b))


def _charges(p: BankingPersona, merchant: str, amount: Decimal | None, day: date | None) -> list[int]:
    return [i for i, t in enumerate(p.transactions)
            if t.amount < 0 and _names_match(t.merchant, merchant)
            and (amount is None or -t.amount == amount) and (day is None or t.date == day)]


class NoArguments(Arguments):
    pass


class Dispute(Arguments):
    merchant: Text = Field(description="The merchant of the charge, as on the statement.")
    amount: Amount | None = Field(None, description="The charge's amount, if several charges share the merchant.")
    date: Day | None = Field(None, description="The charge's date, if several charges share the merchant.")


def _charge(p: BankingPersona, a: Dispute) -> int | str:
    """The one charge the arguments name, or why there isn't one."""
    found = _charges(p, a.merchant, a.amount, a.date)
    if not found:
        return f"There is no charge from {a.merchant} on your account in the last {WINDOW_DAYS} days."
    open_ = [i for i in found if not p.transactions[i].disputed]
    if not open_:
        return f"The charge from {p.transactions[found[0]].merchant} is already disputed."
    if len(open_) > 1:
        fmt = Formatter(p.locale)
        listed = "; ".join(f"{fmt.money(-p.transactions[i].amount)} on {fmt.date(p.transactions[i].date)}"
                           for i in open_[:5])
        return f"There are {len(open_)} charges from {p.transactions[open_[0]].merchant} ({listed}): which one?"
    return open_[0]


def _check_dispute(p: BankingPersona, a: Dispute) -> str | None:
    found = _charge(p, a)
    return found if isinstance(found, str) else None


def _propose_dispute(p: BankingPersona, a: Dispute, fmt: Formatter) -> str:
    t = p.transactions[_charge(p, a)]
    return f"Dispute the {fmt.money(-t.amount)} charge from {t.merchant} on {fmt.date(t.date)}?"


def _dispute(p: BankingPersona, a: Dispute, step: Step) -> Effect:
    i = _charge(p, a)
    t, fmt = p.transactions[i], step.fmt
    changed = (*p.transactions[:i], t.model_copy(update={"disputed": True}), *p.transactions[i + 1:])
    return Effect({"transactions": changed}, f"The {fmt.money(-t.amount)} charge from {t.merchant} on "
                                             f"{fmt.date(t.date)} is disputed and under review.")


def _check_freeze(p: BankingPersona, a: NoArguments) -> str | None:
    return f"Your card ending {p.card_number[-4:]} is already frozen." if p.card_frozen else None


def _check_unfreeze(p: BankingPersona, a: NoArguments) -> str | None:
    return None if p.card_frozen else f"Your card ending {p.card_number[-4:]} is not frozen."


def _freeze(frozen: bool):
    def effect(p: BankingPersona, a: NoArguments, step: Step) -> Effect:
        state = "frozen: new purchases are declined" if frozen else "unfrozen and works again"
        return Effect({"card_frozen": frozen}, f"Your card ending {p.card_number[-4:]} is {state}.")
    return effect


def _propose_freeze(p: BankingPersona, a: NoArguments, fmt: Formatter) -> str:
    return f"Freeze your card ending {p.card_number[-4:]}? New purchases will be declined until you unfreeze it."


def _propose_unfreeze(p: BankingPersona, a: NoArguments, fmt: Formatter) -> str:
    return f"Unfreeze your card ending {p.card_number[-4:]} so it works again?"


class Transfer(Arguments):
    from_account: Account = Field(description="The account the money leaves.")
    to_account: Account = Field(description="The account the money goes to.")
    amount: Amount


def _balance(p: BankingPersona, account: str) -> Decimal:
    return p.checking_balance if account == "checking" else p.savings_balance


def _number(p: BankingPersona, account: str) -> str:
    return p.checking_account if account == "checking" else p.savings_account


def _check_transfer(p: BankingPersona, a: Transfer) -> str | None:
    if a.from_account == a.to_account:
        return "A transfer moves money between checking and savings: name two different accounts."
    held = _balance(p, a.from_account)
    if a.amount > held:
        fmt = Formatter(p.locale)
        return (f"Your {a.from_account} account holds {fmt.money(held)}, so moving {fmt.money(a.amount)} would "
                "overdraw it.")
    return None


def _propose_transfer(p: BankingPersona, a: Transfer, fmt: Formatter) -> str:
    return (f"Move {fmt.money(a.amount)} from {a.from_account} {_number(p, a.from_account)} to {a.to_account} "
            f"{_number(p, a.to_account)}?")


def _transfer(p: BankingPersona, a: Transfer, step: Step) -> Effect:
    balances = {"checking": p.checking_balance, "savings": p.savings_balance}
    balances[a.from_account] -= a.amount
    balances[a.to_account] += a.amount
    fmt = step.fmt
    return Effect({"checking_balance": balances["checking"], "savings_balance": balances["savings"]},
                  f"Moved {fmt.money(a.amount)} from {a.from_account} to {a.to_account}: checking now holds "
                  f"{fmt.money(balances['checking'])}, savings {fmt.money(balances['savings'])}.")


class Bill(Arguments):
    payee: Text = Field(description="Who the bill is to, as listed: Rent, Electric bill, Credit card payment, ...")


class MoveBill(Bill):
    new_date: Day = Field(description="The new due date.")


def _bill_index(p: BankingPersona, payee: str) -> int | None:
    asked = _key(payee)
    for i, x in enumerate(p.pending_payments):
        if _names_match(x.payee, payee) or _names_match(_bill(x.payee), payee):
            return i
    words = set(payee.casefold().split()) - {"my", "the", "bill", "payment", "a"}
    for i, x in enumerate(p.pending_payments):
        if words & set(x.payee.casefold().split()) or (asked == "card" and x.payee == CARD_PAYMENT):
            return i
    return None


def _check_bill(p: BankingPersona, a: Bill) -> str | None:
    i = _bill_index(p, a.payee)
    if i is None:
        return f"There is no upcoming payment to {a.payee} on your account."
    if p.pending_payments[i].paid:
        return f"Your {_bill(p.pending_payments[i].payee)} is already paid."
    return None


def _check_pay(p: BankingPersona, a: Bill) -> str | None:
    reason = _check_bill(p, a)
    if reason:
        return reason
    x = p.pending_payments[_bill_index(p, a.payee)]
    if x.amount > p.checking_balance:
        fmt = Formatter(p.locale)
        return (f"Your checking account holds {fmt.money(p.checking_balance)}, so paying your {_bill(x.payee)} of "
                f"{fmt.money(x.amount)} now would overdraw it.")
    return None


def _propose_pay(p: BankingPersona, a: Bill, fmt: Formatter) -> str:
    x = p.pending_payments[_bill_index(p, a.payee)]
    return (f"Pay your {_bill(x.payee)} of {fmt.money(x.amount)} (due {fmt.date(x.due_date)}) now from checking "
            f"{p.checking_account}?")


def _pay(p: BankingPersona, a: Bill, step: Step) -> Effect:
    i = _bill_index(p, a.payee)
    x, fmt = p.pending_payments[i], step.fmt
    updates: dict = {"checking_balance": p.checking_balance - x.amount,
                     "pending_payments": (*p.pending_payments[:i], x.model_copy(update={"paid": True}),
                                          *p.pending_payments[i + 1:])}
    if x.payee == CARD_PAYMENT:
        updates["credit_used"] = p.credit_used - x.amount
    return Effect(updates, f"Paid your {_bill(x.payee)} of {fmt.money(x.amount)} from checking, which now holds "
                           f"{fmt.money(updates['checking_balance'])}.")


def _check_move(p: BankingPersona, a: MoveBill) -> str | None:
    reason = _check_bill(p, a)
    if reason:
        return reason
    x, fmt = p.pending_payments[_bill_index(p, a.payee)], Formatter(p.locale)
    if a.new_date <= p.as_of:
        return f"The new due date must be after today ({fmt.date(p.as_of)})."
    if a.new_date == x.due_date:
        return f"Your {_bill(x.payee)} is already due on {fmt.date(x.due_date)}."
    latest = x.due_date + timedelta(days=BILL_GRACE_DAYS)
    if a.new_date > latest:
        return (f"A bill can move at most {BILL_GRACE_DAYS} days past its due date: your {_bill(x.payee)} can be due "
                f"on {fmt.date(latest)} at the latest.")
    return None


def _propose_move(p: BankingPersona, a: MoveBill, fmt: Formatter) -> str:
    x = p.pending_payments[_bill_index(p, a.payee)]
    return (f"Move your {_bill(x.payee)} of {fmt.money(x.amount)} from {fmt.date(x.due_date)} to "
            f"{fmt.date(a.new_date)}?")


def _move(p: BankingPersona, a: MoveBill, step: Step) -> Effect:
    i = _bill_index(p, a.payee)
    x = p.pending_payments[i]
    bills = sorted((*p.pending_payments[:i], x.model_copy(update={"due_date": a.new_date}), *p.pending_payments[i + 1:]),
                   key=lambda b: b.due_date)
    return Effect({"pending_payments": tuple(bills)},
                  f"Your {_bill(x.payee)} of {step.fmt.money(x.amount)} is now due on {step.fmt.date(a.new_date)}.")


class Trip(Arguments):
    destination: Text = Field(description="Where the customer is going (a country or city).")
    start: Day = Field(description="The first day of the trip.")
    end: Day = Field(description="The last day of the trip.")


def _check_trip(p: BankingPersona, a: Trip) -> str | None:
    fmt = Formatter(p.locale)
    if a.start < p.as_of:
        return f"A travel notice starts today ({fmt.date(p.as_of)}) or later."
    if a.end < a.start:
        return "The trip has to end on or after its first day."
    if (a.end - a.start).days >= TRAVEL_MAX_DAYS or (a.start - p.as_of).days > 365:
        return f"A travel notice covers at most {TRAVEL_MAX_DAYS} days, starting within a year."
    if any(_key(n.destination) == _key(a.destination) and n.start <= a.end and a.start <= n.end
           for n in p.travel_notices):
        return f"Your card already has a travel notice for {a.destination} on those days."
    return None


def _propose_trip(p: BankingPersona, a: Trip, fmt: Formatter) -> str:
    return (f"Add a travel notice for {a.destination} from {fmt.date(a.start)} to {fmt.date(a.end)} to your card "
            f"ending {p.card_number[-4:]}?")


def _trip(p: BankingPersona, a: Trip, step: Step) -> Effect:
    notice = TravelNotice(destination=" ".join(a.destination.split()), start=a.start, end=a.end)
    return Effect({"travel_notices": (*p.travel_notices, notice)},
                  f"Your card ending {p.card_number[-4:]} has a travel notice for {notice.destination} from "
                  f"{step.fmt.date(a.start)} to {step.fmt.date(a.end)}.")


class Subscription(Arguments):
    merchant: Text = Field(description="The subscription's merchant, as on the statement.")


def _subscription(p: BankingPersona, merchant: str) -> Transaction | None:
    return next((t for t in p.transactions if t.category == SUBSCRIPTIONS and _names_match(t.merchant, merchant)), None)


def _check_cancel(p: BankingPersona, a: Subscription) -> str | None:
    t = _subscription(p, a.merchant)
    if t is None:
        return f"There is no subscription to {a.merchant} charged to your account."
    if t.merchant in p.cancelled_subscriptions:
        return f"Your {t.merchant} subscription is already cancelled."
    return None


def _propose_cancel(p: BankingPersona, a: Subscription, fmt: Formatter) -> str:
    t = _subscription(p, a.merchant)
    return (f"Cancel your {t.merchant} subscription ({fmt.money(-t.amount)} a month, last charged "
            f"{fmt.date(t.date)}) so no further charges are paid?")


def _cancel(p: BankingPersona, a: Subscription, step: Step) -> Effect:
    t = _subscription(p, a.merchant)
    return Effect({"cancelled_subscriptions": (*p.cancelled_subscriptions, t.merchant)},
                  f"Your {t.merchant} subscription is cancelled: its {step.fmt.money(-t.amount)} monthly charges stop.")


class LimitRequest(Arguments):
    new_limit: Amount | None = Field(None, description="The limit the customer asks for, if they name one.")


def _offered_limit(p: BankingPersona, a: LimitRequest) -> Decimal:
    if a.new_limit is not None:
        return a.new_limit
    offered = (p.credit_limit * INCREASE_STEP / 100).to_integral_value(rounding="ROUND_FLOOR") * 100
    return max(offered, p.credit_limit + 100).quantize(Decimal("0.01"))


def _check_limit(p: BankingPersona, a: LimitRequest) -> str | None:
    fmt = Formatter(p.locale)
    if p.credit_score < INCREASE_MIN_SCORE:
        return (f"An increase needs a credit score of at least {INCREASE_MIN_SCORE}, and yours is {p.credit_score}, "
                "so we can't raise the limit now.")
    if p.credit_used > p.credit_limit * INCREASE_MAX_USAGE:
        return (f"Your card is {p.credit_used / p.credit_limit:.0%} used ({fmt.money(p.credit_used)} of "
                f"{fmt.money(p.credit_limit)}); we raise limits only on cards used {INCREASE_MAX_USAGE:.0%} or less.")
    wanted, cap = _offered_limit(p, a), (p.credit_limit * INCREASE_CAP).quantize(Decimal("0.01"))
    if wanted <= p.credit_limit:
        return f"Your limit is already {fmt.money(p.credit_limit)}."
    if wanted > cap:
        return f"We can raise your limit to at most {fmt.money(cap)} at once, not {fmt.money(wanted)}."
    return None


def _propose_limit(p: BankingPersona, a: LimitRequest, fmt: Formatter) -> str:
    return (f"Raise the credit limit on your card ending {p.card_number[-4:]} from {fmt.money(p.credit_limit)} to "
            f"{fmt.money(_offered_limit(p, a))}? With a score of {p.credit_score} and "
            f"{p.credit_used / p.credit_limit:.0%} of the limit used, you qualify.")


def _raise_limit(p: BankingPersona, a: LimitRequest, step: Step) -> Effect:
    new = _offered_limit(p, a)
    return Effect({"credit_limit": new}, f"Your credit limit is now {step.fmt.money(new)}, up from "
                                         f"{step.fmt.money(p.credit_limit)}.")


class Search(Arguments):
    merchant: Text | None = Field(None, description="Only transactions with this merchant.")
    start: Day | None = Field(None, description="Only transactions on or after this day.")
    end: Day | None = Field(None, description="Only transactions on or before this day.")
    min_amount: Amount | None = Field(None, description="Only amounts of at least this much (money in or out).")
    max_amount: Amount | None = Field(None, description="Only amounts of at most this much (money in or out).")


def _search(p: BankingPersona, a: Search, fmt: Formatter) -> str:
    found = [t for t in p.transactions
             if (a.merchant is None or _names_match(t.merchant, a.merchant))
             and (a.start is None or t.date >= a.start) and (a.end is None or t.date <= a.end)
             and (a.min_amount is None or abs(t.amount) >= a.min_amount)
             and (a.max_amount is None or abs(t.amount) <= a.max_amount)]
    if not found:
        return "No transaction matches."
    lines = [f"{fmt.date(t.date)}: {t.description}, {fmt.money(t.amount)}{' (disputed)' if t.disputed else ''}"
             for t in found[:SEARCH_ROWS]]
    more = f" (the {SEARCH_ROWS} newest shown)" if len(found) > SEARCH_ROWS else ""
    total = sum((t.amount for t in found), Decimal("0.00"))
    return f"{len(found)} transaction{'' if len(found) == 1 else 's'} found{more}, {fmt.money(total)} in all:\n" + "\n".join(lines)


ACTIONS = (
    Action("freeze_card", "Freeze (block) the customer's card so new purchases are declined.", NoArguments,
           _check_freeze, _propose_freeze, _freeze(True),
           phrases=(
                    r"\b(?:block|freeze|lock|stop|deactivate|suspend|cancel|disable)\b[\w ,'’-]{0,20}?\bcards?\b",
                    r"\bcards?\b[\w ,'’-]{0,20}?\b(?:blocked|frozen|locked|stolen|lost)\b",
                    r"\b(?:lost|stolen|misplaced)\b[\w ,'’-]{0,15}?\bcards?\b",
           )),
    Action("unfreeze_card", "Unfreeze the customer's card so it works again.", NoArguments,
           _check_unfreeze, _propose_unfreeze, _freeze(False),
           phrases=(
                    r"\b(?:unblock|unfreeze|unlock|reactivate|re-?enable)\b",
                    r"\bcards?\b[\w ,'’-]{0,20}?\bworks? again\b",
           )),
    Action("dispute_transaction", "Dispute a card charge the customer does not recognise or agree with.", Dispute,
           _check_dispute, _propose_dispute, _dispute,
           phrases=(
                    r"\bdispute\b",
                    r"\b(?:report|contest|challenge|flag)\b[\w ,$.'’-]{0,40}?\b(?:charge|transaction|purchase|payment)\b",
                    r"\b(?:didn'?t|did not|never) (?:make|made|authori[sz]e|authori[sz]ed|buy|bought|do|order|ordered)\b",
                    r"\bwas(?:n'?t| not) me\b",
                    r"\b(?:contest|challenge)\b",
                    r"\bfraud(?:ulent)?\b",
           )),
    Action("transfer", "Move money between the customer's checking and savings accounts.", Transfer,
           _check_transfer, _propose_transfer, _transfer,
           phrases=(
                    r"\b(?:move|transfer|put|send|shift)\b[\w ,$.€£'’-]{0,40}?\b(?:to|into|from|between)\b[\w ,'’-]{0,20}?\b(?:savings?|checking|current)\b",
                    r"\bmove money\b",
                    r"\btop up\b[\w ,'’-]{0,20}\bchecking\b",
           )),
    Action("pay_bill", "Pay an upcoming bill now from checking.", Bill, _check_pay, _propose_pay, _pay,
           phrases=(
                    r"\b(?:pay|settle|clear)\b(?! (?:it|the full|in full))(?:[\w ,'’-]{0,30}?)\b(?:bill|rent|loan|payment|membership|internet|now|today|early)\b",
           )),
    Action("reschedule_bill", "Move an upcoming bill's due date.", MoveBill, _check_move, _propose_move, _move,
           phrases=(
                    r"\b(?:move|change|push|postpone|delay|reschedule|extend)\b[\w ,'’-]{0,30}?\b(?:due date|bill|rent|loan|payment|membership|internet)\b",
                    r"\b(?:due date|rent|bill|payment)\b[\w ,'’-]{0,30}?\b(?:later|back|pushed|moved|postponed)\b",
                    r"\b(?:rent|bill|loan|payment|membership|internet)\b[\w ,'’-]{0,20}?\bbe due\b",
           )),
    Action("add_travel_notice", "Tell the bank the customer will use the card while travelling.", Trip,
           _check_trip, _propose_trip, _trip,
           phrases=(
                    r"\btravel (?:notice|alert|notification|note)\b",
                    r"\b(?:travell?ing|going|heading|flying|trip)\b[\w ,'’-]{0,30}?\b(?:to|abroad|overseas)\b[\w ,'’-]{0,40}?\bcard\b",
                    r"\b(?:let|tell|notify)\b[\w ,'’-]{0,30}\b(?:travell?ing|trip|abroad)\b",
           )),
    Action("cancel_subscription", "Cancel a subscription charged to the account so future charges stop.",
           Subscription, _check_cancel, _propose_cancel, _cancel,
           phrases=(
                    r"\b(?:cancel|stop|end|unsubscribe|terminate)\b[\w ,$.'’-]{0,40}?\b(?:subscriptions?|charges|membership|payments)\b",
                    r"\bunsubscribe\b",
                    r"\bstop paying for\b",
                    r"\bdon'?t (?:want|need|use)\b[\w ,'’-]{0,30}?\banymore\b",
           )),
    Action("request_credit_limit_increase", "Ask for a higher credit card limit (decided on credit score and usage).",
           LimitRequest, _check_limit, _propose_limit, _raise_limit,
           phrases=(
                    r"\b(?:raise|increase|higher|bigger|up|extend|boost)\b[\w ,$.'’-]{0,30}?\b(?:credit )?limit\b",
                    r"\blimit (?:increase|raise)\b",
                    r"\bmore credit\b",
           )),
    Action("search_transactions", "Find transactions by merchant, date range or amount.", Search, read=_search,
           phrases=(
                    r"\b(?:find|search|show|list|look up)\b[\w ,$.'’-]{0,40}?\b(?:transactions|charges|purchases|payments)\b",
                    r"\bhow much (?:did i|have i) (?:spend|spent|paid|pay)\b",
           )),
    *CONTACT_ACTIONS,
)


register(Industry(
    mode="banking", label=N_("Banking"), institution="Larkspur Savings Bank", order=10,
    role="a customer service assistant at Larkspur Savings Bank, a fictional retail bank",
    model=BankingPersona, build=build, facts=facts, tables=tables, scenarios=SCENARIOS, prompts=prompts,
    examples=("What's my checking balance?", "How much did I spend this month?",
              "What's my credit score?", "When is my next payment due?",
              "How much credit do I have left on my card?"),
    card=CardLayout(headline=headline, holdings=N_("Accounts"), listed=("pending_",)), actions=ACTIONS,
    summary=("checking_balance", "savings_balance", "credit_used", "available_credit", "credit_score",
             "monthly_spending", "pending_0"),
    capabilities="your balances, credit card, credit score, recent transactions and upcoming bills",
    overview_words=("account", "accounts", "finance", "finances"),
    record_names=("account", "accounts", "bank", "banking", "money"),
    glossary={"kontostand": "balance", "girokonto": "checking", "sparkonto": "savings", "ersparnisse": "savings",
              "kreditkarte": "credit card", "kreditlimit": "credit limit",
              "solde": "balance", "courant": "checking", "épargne": "savings", "carte": "card"},
))
