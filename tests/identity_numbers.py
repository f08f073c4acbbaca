"""Valid (and deliberately invalid) Swedish identity numbers for tests, built independently of the privacy guard:
personnummer and samordningsnummer in every written form, and a hypothesis strategy for them."""

from datetime import date

from hypothesis import strategies as st


def luhn_digit(nine_digits):
    """The check digit, computed here independently of the module."""
    total = 0
    for position, digit in enumerate(nine_digits):
        product = int(digit) * (2 if position % 2 == 0 else 1)
        total += product // 10 + product % 10
    return (10 - total % 10) % 10


# The ways people write them: with or without the century, the date in one piece or spaced out, and whatever dash
# or space their keyboard or word processor gives before the last four digits.
FORMS = [
    "YYMMDD-NNNC", "YYMMDDNNNC", "YYMMDD NNNC", "YYYYMMDD-NNNC", "YYYYMMDDNNNC", "YYYYMMDD NNNC",
    "YY MM DD-NNNC", "YY MM DD NNNC", "YY MM DD - NNNC", "YYYY MM DD-NNNC", "YYYY MM DD NNNC",
    "YY-MM-DD-NNNC", "YYYY-MM-DD-NNNC", "YYYY-MM-DD NNNC", "YY.MM.DD-NNNC", "YYYY.MM.DD-NNNC",
    "YYMMDD – NNNC", "YYMMDD–NNNC", "YYMMDD —NNNC", "YYMMDD—NNNC", "YYMMDD - NNNC", "YYMMDD- NNNC",
    "YYMMDD −NNNC", "YYMMDD\u2011NNNC", "YYYYMMDD – NNNC", "YYYYMMDD–NNNC", "YYMMDD\u00a0NNNC", "YYMMDD  NNNC",
    "YY/MM/DD-NNNC", "YYYY/MM/DD-NNNC",
]


def identity_number(born, serial, form="YYMMDD-NNNC", *, samordning=False, check_delta=0):
    day = born.day + (60 if samordning else 0)
    yy, mm, dd = f"{born.year % 100:02d}", f"{born.month:02d}", f"{day:02d}"
    nnn = f"{serial:03d}"
    check = (luhn_digit(yy + mm + dd + nnn) + check_delta) % 10
    century = f"{born.year // 100:02d}"
    date_end = form.index("DD") + 2
    if not form.startswith("YYYY") and date.today().year - born.year >= 100 and form[date_end:-4].strip(" \u00a0"):
        form = form[:date_end] + "+NNNC"  # a hundred years or older: "+" instead of the dash
    return (form.replace("YYYY", century + "YY").replace("YY", yy).replace("MM", mm).replace("DD", dd)
            .replace("NNNC", f"{nnn}{check}"))


@st.composite
def identity_numbers(draw):
    """A valid personnummer or samordningsnummer in any of the written forms."""
    born = draw(st.dates(min_value=date(1900, 1, 1), max_value=date(2019, 12, 31)))
    serial, form, samordning = draw(st.integers(0, 999)), draw(st.sampled_from(FORMS)), draw(st.booleans())
    return identity_number(born, serial, form, samordning=samordning)
