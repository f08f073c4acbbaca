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


FORMS = ["YYMMDD-NNNC", "YYMMDDNNNC", "YYMMDD NNNC", "YYYYMMDD-NNNC", "YYYYMMDDNNNC", "YYYYMMDD NNNC"]


def identity_number(born, serial, form="YYMMDD-NNNC", *, samordning=False, check_delta=0):
    day = born.day + (60 if samordning else 0)
    ymd = f"{born.year % 100:02d}{born.month:02d}{day:02d}"
    nnn = f"{serial:03d}"
    check = (luhn_digit(ymd + nnn) + check_delta) % 10
    century = f"{born.year // 100:02d}"
    if form.startswith("YYMMDD") and date.today().year - born.year >= 100:
        form = form.replace("-", "+")  # a hundred years or older
    return form.replace("YYYY", century + "YY").replace("YYMMDD", ymd).replace("NNNC", f"{nnn}{check}")


@st.composite
def identity_numbers(draw):
    """A valid personnummer or samordningsnummer in any of the written forms."""
    born = draw(st.dates(min_value=date(1900, 1, 1), max_value=date(2019, 12, 31)))
    serial, form, samordning = draw(st.integers(0, 999)), draw(st.sampled_from(FORMS)), draw(st.booleans())
    return identity_number(born, serial, form, samordning=samordning)
