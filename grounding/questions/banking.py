"""Banking questions: balances, credit, spending, bills, and products the bank record never holds."""

from __future__ import annotations

from persona.industries.banking import BankingPersona

from ..matchers import Amount, Count, Day, Text
from . import Kind, Target, not_on_record, register

MODE = "banking"


def _last_purchase(p: BankingPersona) -> list[Target]:
    last = next((t for t in p.transactions if t.amount < 0), None)
    return [Target((Amount(-last.amount), Text(last.merchant)))] if last else []


def _next_payment(p: BankingPersona) -> list[Target]:
    if not p.pending_payments:
        return []
    first = p.pending_payments[0]
    return [Target((Amount(first.amount), Day(first.due_date)))]


for _kind in (
    Kind("checking_balance",
         ("What's my checking balance?", "How much money is in my checking account?",
          "Can you tell me the current balance of my checking account?",
          "How much is sitting in checking right now?"),
         lambda p: [Target((Amount(p.checking_balance),))]),
    Kind("savings_balance",
         ("How much do I have in savings?", "What's the balance of my savings account?",
          "What's in my savings account at the moment?"),
         lambda p: [Target((Amount(p.savings_balance),))]),
    Kind("credit_score",
         ("What's my credit score?", "What is my current credit score on file?",
          "Could you look up my credit score?"),
         lambda p: [Target((Count(p.credit_score),))]),
    Kind("credit_limit",
         ("What's the limit on my credit card?", "How high is my credit card limit?",
          "What's my card's spending limit?"),
         lambda p: [Target((Amount(p.credit_limit),))]),
    Kind("card_balance",
         ("How much do I owe on my credit card?", "What's my credit card balance right now?",
          "What balance is outstanding on my credit card?"),
         lambda p: [Target((Amount(p.credit_used),))]),
    Kind("available_credit",
         ("How much credit do I have left on my card?", "What's my available credit?",
          "How much more can I charge to my card?"),
         lambda p: [Target((Amount(p.available_credit),))]),
    Kind("monthly_spending",
         ("How much did I spend in the last 30 days?", "What was my total spending over the past month?",
          "What have I spent over the last month?"),
         lambda p: [Target((Amount(p.monthly_spending),))]),
    Kind("checking_number",
         ("What are the last four digits of my checking account?", "Which checking account number do you have for me?",
          "What number is my checking account?"),
         lambda p: [Target((Text(p.checking_account[-4:]),))]),
    Kind("last_purchase",
         ("What was my most recent purchase?", "Where did I last use my card, and for how much?",
          "What did I buy most recently?"),
         _last_purchase),
    Kind("next_payment",
         ("When is my next bill due, and how much is it?", "What's my next upcoming payment?",
          "Which bill is due next?"),
         _next_payment),
    Kind("mortgage_rate",
         ("What's my mortgage rate?", "What interest rate am I paying on my mortgage?"),
         lambda p: [not_on_record()], absent=True),
    Kind("retirement_balance",
         ("How much is in my retirement account?", "What's my 401(k) balance?"),
         lambda p: [not_on_record()], absent=True),
    Kind("safe_deposit_box",
         ("What's my safe deposit box number?", "Which branch holds my safe deposit box?"),
         lambda p: [not_on_record()], absent=True),
    Kind("brokerage_value",
         ("What is my investment portfolio worth?", "How are my brokerage investments doing?"),
         lambda p: [not_on_record()], absent=True),
):
    register(MODE, _kind)
