"""The words the brief and the screens both use for a record's scales and its amounts, so
that a printed brief reads the same as the window."""

from __future__ import annotations

ATTITUDE_WORDS = {-2: "Hostile", -1: "Negative", 0: "Neutral", 1: "Positive", 2: "Advocate",
                  None: "Unknown"}
SENTIMENT_WORDS = {-2: "Very negative", -1: "Negative", 0: "Neutral", 1: "Positive",
                   2: "Very positive"}
INFLUENCE_WORDS = {1: "Little", 2: "Some", 3: "Moderate", 4: "High", 5: "Decisive"}
STRENGTH_WORDS = {1: "Cold", 2: "Weak", 3: "Working", 4: "Good", 5: "Trusted"}
CURRENCY_SYMBOLS = {"EUR": "\u20ac", "USD": "$", "GBP": "\u00a3", "JPY": "\u00a5",
                    "INR": "\u20b9", "CNY": "\u00a5", "KRW": "\u20a9"}


def money(amount: float | None, currency: str, *, compact: bool = False) -> str:
    """"€12,500" or, compact, "€9.8m" / "€320k"; other currencies as "CHF 9.8m"."""
    if amount is None:
        return ""
    symbol = CURRENCY_SYMBOLS.get(currency, currency + "\u00a0")
    if compact and amount >= 1_000_000:
        return f"{symbol}{amount / 1_000_000:.1f}m"
    if compact and amount >= 10_000:
        return f"{symbol}{amount / 1000:,.0f}k"
    return f"{symbol}{amount:,.0f}"
