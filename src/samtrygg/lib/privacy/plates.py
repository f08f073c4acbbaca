"""Swedish registration plates, in upper and lower case: ABC 123, ABC123, ABC-123, ABC 12A, abc 123, Abc12d."""

import re
from collections.abc import Iterator

from .kinds import VEHICLE_REGISTRATION, Finding

# Three letters (never I, Q, V; no Å, Ä, Ö), then three digits or, since 2019, two digits and a letter (not O).
# Not glued to a word, a path, a tag or a domain ("#abc123", "/abc123", "abc123.se").
_LETTER = "A-HJ-PR-UW-Za-hj-pr-uw-z"
_PLATE_RE = re.compile(
    rf"(?<![\w\-/#@.=&])(?P<letters>[{_LETTER}]{{3}})[ \u00a0-]?[0-9]{{2}}[0-9A-HJ-NPR-UW-Za-hj-npr-uw-z]"
    r"(?![\w\-/@]|\.\w)"
)
# Uppercase: currencies, authorities' report series, laws and car makes before a model number ("BMW 320").
_NOT_PLATES_TEXT = (
    "SEK EUR USD NOK DKK GBP CHF PLN ISK MSB BRA SKR SOU SFS DNR LGH TEL TFN FAX BOX SOS LSS PBL OSL SFB BRB NTU "
    "BMW DAF MAN GMC JCB AMG MCB RUM NUM TOT AVD"
)
_NOT_PLATES = frozenset(_NOT_PLATES_TEXT.split())
# In lower or mixed case a plate must not be a word: Swedish words and abbreviations of three letters that may
# stand before a number ("och 123", "den 12e", "tel 070", "rum 101", "Box 123", "per 100", "nr"), English ones, and
# names. "abc" is missing on purpose: it is the textbook plate.
_WORDS_TEXT = (
    """
    ack aga agg akt all alm alp alt and ann apa arg ark arm art ask asp att bad bak bal ban bar bas ben ber bet
    bly bod bok bom bor bot box bra bro bry bud buk bur bus byn byt dag dal dam deg del dem den det dog dok dom
    don dop dos dra duk dum dun duo dur dyr ebb egg eka eko eld ena ens era ert ett far fas fat feg fel fem fet fly
    fog for fot fru ful fyr gas gel gen ger get god gol got gro gul haj hal han har hat hej hel hem het hon hos hot
    hud hur hus jag jul kal kam kan kap kar kex kod kok kol kom kor kul kur kyl lag lam lat lax led lek len
    lok lus lyx man mat med men mer mod mor mot mun mur mus myr nej ned ner nog not nya nye och ock ord orm oro ort
    oss ost par per pol pop pub rad rak ram ras rea red ren rop ros rot rum rus sak sal sax sed seg sen ser set sex
    sju ska sko sky sol som son sot sug sur syd syn tag tak tal tar tax tio tog tom ton tre tro tub tum tur tyg typ
    udd ugn ull ung upp ute yta zon zoo
    jan feb mar apr maj jun jul aug sep okt dec man tis ons tor fre
    tel tfn fax lgh dnr ref reg nrs tkr mkr mdr kkr sek nok eur usd gbp dkk ggr kvm mom pkt ant tot bla mfl osv fom
    tom dvs obs enl ang avs bil hpl trp ekv sth gbg mlm upg app sms mms gps pdf jpg png doc
    the and for not you are was has had his her one two new old all any can get got may our out see way who why
    now use per top day end few law run set try yes age ago air bad big buy car cut dog due eat far fun gun hot
    job key kid lot low map mom net oil pay put red son sun ten too war win yet
    ada alf ann bob bos dan gun jan kaj leo max ola per rut tom ulf uno
    """
)
_WORDS = frozenset(_WORDS_TEXT.split())
# A word before it that says it is a plate lets a word through: "reg tom 123", "bilen med nummer per 12a".
_CONTEXT_RE = re.compile(
    r"(?i)(?<!\w)(?:reg|regnr|reg\.?[ ]?nr|regnummer|reg\.?[ ]?nummer|registreringsnummer|registreringsskylt|"
    r"skylt|skylten|nummerplåt|nummerplåten|nummerskylt)\.?:?[ ]?$"
)


def vehicle_registrations(text: str) -> Iterator[Finding]:
    for m in _PLATE_RE.finditer(text):
        letters = m["letters"]
        if letters.isupper():
            if letters in _NOT_PLATES:
                continue
        elif letters.lower() in _WORDS and not _CONTEXT_RE.search(text, max(0, m.start() - 24), m.start()):
            continue
        yield Finding(VEHICLE_REGISTRATION, m.start(), m.end())
