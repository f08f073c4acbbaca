# ruff: noqa: E501 - the templates are sentences, one a line
"""Build the labelled privacy corpus: labelled_tuning.txt and labelled_held_out.txt beside this file.

    ./dev run python bench/privacy_corpus/make_labelled.py

Two kinds of text go in: hand-written ones (src/hand_tuning.txt, src/hand_held_out.txt) and texts from the
templates below, filled at random (seeded, so the output is stable) from pools of names of the origins common
in Sweden, streets, flat numbers, phone numbers, e-mail addresses, handles and plates in every written form the
issue lists, and places that carry or resemble names. Identity numbers are computed (valid date + Luhn) by
tests/identity_numbers.py, independently of the guard. Templates are assigned to one split: the held-out split
gets its own templates, so tuning on the other split does not tune on its phrasing.

Every text is checked on the way out: its markup parses, each labelled personnummer/samordningsnummer is valid,
and its length without markup is 100-400 characters.
"""

import random
import re
import sys
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1] / "tests"))
sys.path.insert(0, str(HERE.parent))

from privacy import parse_markup  # noqa: E402

from identity_numbers import identity_number, luhn_digit  # noqa: E402

SEED = 15


def _words(text: str) -> list[str]:
    return text.split()


# --- pools ---------------------------------------------------------------------------------------------------
FIRST = {
    "swedish": _words("Erik Anna Lars Karin Johan Maria Per Björn Inga Hans Åsa Linnea Elsa Maja Oscar William Hugo Astrid "
               "Ingrid Gustav Nils Sven Kjell Ulla Britt Agneta Lennart Stig Göran Margareta Birgitta Kristina Emma "
               "Julia Alice Vera Selma Tage Signe Folke Love Tindra Saga Ella Lina Fredrika Axel Rune Bo Dan "
               "Viktor Ludvig Klara Ida Jenny Mattias Fredrik Magnus Sofia Ulf Leif Kent Camilla"),
    "finnish": _words("Jukka Pekka Päivi Tuula Riitta Juha Sirpa Eija Marjatta Timo Aino Veikko"),
    "arabic": _words("Mohammed Ahmed Ali Hassan Hussein Omar Khaled Yasmin Fatima Aisha Layla Nour Rania Karim Tariq Samir "
              "Mahmoud Zainab Hiba Mustafa Youssef Amal"),
    "somali": _words("Abdirahman Abdullahi Hodan Fadumo Hawa Mahad Liban Sagal Ayan Ismail Hibo Guled"),
    "persian_kurdish": _words("Reza Dariush Shirin Parisa Babak Kaveh Leyla Soran Rojin Azad Nasrin Hiwa"),
    "turkish": _words("Mehmet Ayşe Emre Zeynep Burak Elif Hakan Selin Murat Deniz"),
    "balkan": _words("Dragan Goran Milan Jelena Ivana Amra Emir Edin Senad Mirela Nermin Dejan Vesna"),
    "polish": _words("Piotr Katarzyna Tomasz Agnieszka Marek Magdalena Krzysztof Ewa Paweł"),
    "eritrean": _words("Yonas Semhar Tesfaye Selam Dawit Meron Helen Filmon Saron"),
    "latin": _words("Carlos Diego Camila Alejandro Valentina Lucía Mateo Sebastián"),
    "english": _words("James Sarah Michael Chloe Ryan Emily"),
    "vietnamese": _words("Minh Lan Thanh Hoa Tuan Linh"),
    "chinese": _words("Wei Yu Jing Hao Xiaoming"),
    "thai": _words("Somchai Siriporn Malee Niran Kanya"),
    "south_asian": _words("Priya Rahul Anjali Arjun Sandeep Fatema Imran"),
}
SURNAME = {
    "swedish": _words("Johansson Andersson Karlsson Nilsson Eriksson Larsson Olsson Persson Svensson Gustafsson Pettersson "
               "Jonsson Jansson Hansson Bengtsson Lindberg Lindström Lindqvist Lindgren Berg Bergström Lundqvist Lund "
               "Holm Sjöberg Wallin Engström Ek Ström Dahl Hedlund Falk Sandberg Björk Åberg Fors Nyström Blom "
               "Lundin Sundberg Holmgren Söderberg Nordin Axelsson Strand Ågren Wikström Hellström"),
    "finnish": _words("Virtanen Korhonen Mäkinen Nieminen Heikkinen Koskinen Järvinen Lehtonen Salo"),
    "arabic": _words("Al-Sayed Haddad Khalil Mansour Abdullah Ibrahim Saleh Nasser Yousef Hamdan Al-Hashimi"),
    "somali": _words("Warsame Farah Mohamed Abdi Jama Osman Hirsi Nur Aden Egal"),
    "persian_kurdish": _words("Rezaei Ahmadi Hosseini Karimi Mohammadi Jafari Barzani Tahir Moradi"),
    "turkish": _words("Yılmaz Kaya Demir Şahin Çelik Öztürk Aydın Yildiz"),
    "balkan": _words("Petrović Jovanović Hodžić Begić Kovačević Mehmedović Ilić Babić Petrovic Hodzic Mujić"),
    "polish": _words("Kowalski Nowak Wiśniewski Wójcik Kamińska Lewandowski Zielińska"),
    "eritrean": _words("Tesfay Gebremedhin Haile Berhane Kidane Tekle Ghebreyesus"),
    "latin": _words("González Rodríguez Pérez Silva Fernández Morales Castillo"),
    "english": _words("Smith O'Brien Taylor Walker Murphy"),
    "vietnamese": _words("Nguyen Tran Le Pham Vu Hoang"),
    "chinese": _words("Wang Chen Zhang Liu Li"),
    "thai": _words("Saetang Srisuk Wongsa Boonmee"),
    "south_asian": _words("Singh Patel Sharma Khan Hossain Chowdhury"),
}
ORIGINS = list(FIRST)
DOUBLE_NAMES = _words("Anna-Karin Lars-Erik Eva-Lena Karl-Johan Ann-Christin Per-Olof Hans-Åke Mari-Louise Jan-Erik "
                "Sven-Olof Ulla-Britt Bengt-Göran")
STREETS = ["Ringvägen", "Storgatan", "Kvarngatan", "Björkvägen", "Granvägen", "Solrosvägen", "Tallvägen", "Lönnvägen",
           "Ekvägen", "Bäckvägen", "Skolgatan", "Järnvägsgatan", "Hantverkargatan", "Mossvägen", "Rönnvägen", "Sjövägen",
           "Backvägen", "Ängsvägen", "Kyrkogatan", "Drottninggatan", "Södra Vägen", "Nygatan", "Parkvägen", "Fabriksgatan",
           "Bergsvägen", "Torggatan", "Västra Vägen"]
PERSON_PLACES = [
    "Axel Dahlströms torg", "Christian IV:s gata", "Frans G Bengtssons väg", "Sankt Lars väg", "Sankt Jörgens kapell",
    "Olof Palmes plats", "Karl Johans torg", "Gustav Adolfs torg", "Karl XII:s torg", "Drottning Blankas väg",
    "Birger Jarlsgatan", "Sankt Eriksgatan", "Sankt Göransgatan", "Sankta Clara kyrka", "Raoul Wallenbergs torg",
    "Selma Lagerlöfs torg", "Evert Taubes terrass", "Hjalmar Brantings plats", "Alfred Nobels allé",
    "Carl Larssons väg", "Anna Lindhs plats", "Astrid Lindgrens väg", "Greta Garbos torg", "Dag Hammarskjölds väg",
    "Erik Dahlbergsgatan", "Per Albin Hanssons väg", "Ebbe Lieberathsgatan", "Sankt Petri kyrka",
    "Sankta Eugenia kyrka", "Maria Magdalena kyrka", "Hedvig Eleonora kyrka", "Adolf Fredriks kyrka",
    "Gustav Vasa kyrka", "Oscarskyrkan", "Engelbrektsskolan", "Fredrikaskolan", "Anna Whitlocks gymnasium",
    "Katarina Södra skola", "Sofia kyrka", "Ulrika Eleonora kyrka", "Kung Karls väg", "Drottning Kristinas väg",
    "Lars Kaggs väg", "Nils Ferlins torg", "Sankt Olofs kyrka", "Sankt Ibb", "Sankta Annas kapell",
    "Elsa Beskows park", "Tage Erlanders plats", "Ingrid Bergmans torg", "Gösta Ekmans väg",
]
VILLAGES = ["Åsa", "Fredrika", "Ella", "Lina Hage", "Kristinehamn", "Karlstad", "Karlskrona", "Mariefred",
            "Oskarshamn", "Kristianstad", "Ulricehamn", "Vilhelmina", "Sorsele", "Idre", "Gustavsberg", "Katrineholm",
            "Mariestad", "Johanneshov", "Henriksdal", "Hagalund", "Sofielund", "Annedal", "Johanneberg", "Fredhäll",
            "Kristineberg", "Hjalmarsberg", "Tomelilla", "Sankt Anna", "Viktoriahem", "Karlsborg", "Olofström",
            "Margretelund", "Bengtsfors", "Arvidsjaur", "Torsby", "Eriksberg", "Malmö", "Emmaboda"]
COMPANIES = ["Max Burgers", "Clas Ohlson", "Jensen Education", "Lindex", "Kappahl", "Ica Kvantum", "Systembolaget",
             "Hemköp", "Apoteket Hjärtat", "Willys", "Svea Vaktbolag", "Lars Hedlunds bil", "Bertil Ohlins skola",
             "Ivar Los park", "Jacobs kaffe", "Gunnar Dahlbergs bageri"]
PLATFORMS = ["Snapchat", "snap", "Instagram", "insta", "TikTok", "tiktok", "Telegram", "Discord", "Facebook",
             "YouTube", "Kik"]
FLOORS = ["första", "andra", "tredje", "fjärde", "femte", "sjätte"]


class Filler:
    """Random slot values; personal data comes back wrapped in [[kind:...]] markup."""

    def __init__(self, rng: random.Random):
        self.r = rng

    def _case(self, text: str) -> str:
        roll = self.r.random()
        return text.lower() if roll < 0.2 else text.upper() if roll < 0.24 else text

    def first(self) -> str:
        return self.r.choice(FIRST[self.r.choice(ORIGINS)])

    def full(self) -> str:
        origin = self.r.choice(ORIGINS)
        first, last = self.r.choice(FIRST[origin]), self.r.choice(SURNAME[origin])
        if origin in ("vietnamese", "chinese") and self.r.random() < 0.4:
            return f"{last} {first}"  # family name first
        if origin == "swedish" and self.r.random() < 0.2:
            return f"{self.r.choice(DOUBLE_NAMES)} {last}"
        return f"{first} {last}"

    def name(self) -> str:
        return f"[[name:{self._case(self.full())}]]"

    def firstname(self) -> str:
        return f"[[name:{self._case(self.first())}]]"

    def surname(self) -> str:
        return f"[[name:{self.r.choice(SURNAME[self.r.choice(ORIGINS)])}]]"

    def possessive(self) -> str:
        name = self.r.choice([self.full(), self.first()])
        if name[-1] in "sxzSXZ":
            return f"[[name:{name}]]"
        return f"[[name:{self._case(name)}s]]"

    def phone(self) -> str:
        r = self.r
        if r.random() < 0.7:  # a mobile number: 07X + 7 digits
            m, s = f"07{r.choice('02369')}", f"{r.randrange(10**7):07d}"
            forms = [
                f"{m}-{s[:3]} {s[3:5]} {s[5:]}", f"{m}{s}", f"{m} {s[:3]} {s[3:5]} {s[5:]}",
                f"{m}.{s[:3]}.{s[3:5]}.{s[5:]}", f"{m}{s[0]} - {s[1:3]} {s[3:5]} {s[5:]}",
                f"{m} – {s[:3]} {s[3:5]} {s[5:]}", f"{m}–{s}", f"{m}-{s}", f"+46 {m[1:]} {s[:3]} {s[3:5]} {s[5:]}",
                f"+46{m[1:]}{s}", f"0046 {m[1:]}-{s[:3]} {s[3:5]} {s[5:]}", f"+46 (0){m[1:]}-{s[:3]} {s[3:5]} {s[5:]}",
                f"{m} {s[:3]} {s[3:]}", f"{m}{s[0]}-{s[1:3]} {s[3:5]} {s[5:]}",
            ]
            return f"[[phone:{r.choice(forms)}]]"
        area, lengths = r.choice([("08", (8, 7, 6)), ("031", (7, 6)), ("040", (7, 6)), ("018", (6, 7)),
                                  ("013", (6, 7)), ("090", (6, 7)), ("0480", (5, 6))])
        length = r.choice(lengths)
        s = f"{r.randrange(2, 10)}{r.randrange(10 ** (length - 1)):0{length - 1}d}"
        grouped = {8: f"{s[:3]} {s[3:6]} {s[6:]}", 7: f"{s[:3]} {s[3:5]} {s[5:]}", 6: f"{s[:2]} {s[2:4]} {s[4:]}",
                   5: f"{s[:3]} {s[3:]}"}[length]
        return f"[[phone:{area}{r.choice(['-', '–', ' ', ' - ', '-'])}{grouped}]]"

    def email(self) -> str:
        r = self.r
        first, last = self.full().split(" ", 1)
        local = r.choice([f"{first}.{last}", f"{first[0]}{last}", f"{first}{r.randrange(70, 100)}", f"{first}_{last}",
                          f"{last}.{first[0]}"]).lower().replace(" ", "").replace("'", "")
        local = (local.replace("å", "a").replace("ä", "a").replace("ö", "o").replace("é", "e")
                 .replace("ı", "i").replace("ş", "s").replace("ç", "c").replace("ć", "c").replace("ž", "z"))
        domain, tld = r.choice([("gmail", "com"), ("hotmail", "com"), ("outlook", "com"), ("telia", "com"),
                                ("live", "se"), ("yahoo", "se"), ("icloud", "com"), ("bredband", "net"),
                                ("kommun-exempel", "se"), ("bostad-exempel", "se")])
        forms = [f"{local}@{domain}.{tld}", f"{local}(at){domain}.{tld}", f"{local} [at] {domain} punkt {tld}",
                 f"{local} at {domain} dot {tld}", f"{local}@{domain}.{tld}".upper(), f"{local}@{domain}.{tld}",
                 f"{local} (at) {domain} (punkt) {tld}", f"{local}[at]{domain}.{tld}", f"{local}@{domain}.{tld}"]
        return f"[[email:{r.choice(forms)}]]"

    def _born(self) -> date:
        return date(1938, 1, 1) + timedelta(days=self.r.randrange(365 * 80))

    def pnr(self, form: str | None = None, *, samordning: bool = False) -> str:
        r = self.r
        form = form or r.choice(["10", "12", "dash", "dash", "dash12", "space", "spaced", "endash", "space12"])
        base = {"10": "YYMMDDNNNC", "12": "YYYYMMDDNNNC", "dash": "YYMMDD-NNNC", "dash12": "YYYYMMDD-NNNC",
                "space": "YYMMDD NNNC", "space12": "YYYYMMDD NNNC", "spaced": "YYMMDD-NNNC", "endash": "YYMMDD-NNNC",
                "plus": "YYMMDD-NNNC"}[form]
        born = self._born() if form != "plus" else date(1910, 1, 1) + timedelta(days=r.randrange(365 * 12))
        number = identity_number(born, r.randrange(1000), base, samordning=samordning)
        if form == "spaced":  # "85 03 12-4581"
            number = f"{number[:2]} {number[2:4]} {number[4:6]}{number[6:]}"
        elif form == "endash":  # "851203 – 4581"
            number = number.replace("-", r.choice([" – ", "–", " - "]))
        kind = "samordningsnummer" if samordning else "personnummer"
        return f"[[{kind}:{number}]]"

    def samo(self) -> str:
        return self.pnr(self.r.choice(["dash", "10", "12", "dash12"]), samordning=True)

    def plate(self) -> str:
        r = self.r
        letters = "".join(r.choice("ABCDEFGHJKLMNPRSTUWXYZ") for _ in range(3))
        last = r.choice("ABCDEFGHJKLMNPRSTUWXYZ0123456789")
        plate = f"{letters}{r.randrange(10)}{r.randrange(10)}{last}"
        plate = r.choice([plate, f"{plate[:3]} {plate[3:]}", f"{plate[:3]} {plate[3:]}", f"{plate[:3]}-{plate[3:]}"])
        return f"[[vehicle_registration:{plate.lower() if r.random() < 0.4 else plate}]]"

    def address(self) -> str:
        r = self.r
        street, number = r.choice(STREETS), f"{r.randrange(1, 60)}{r.choice(['', '', 'A', 'B', 'C'])}"
        flat = f"{r.randrange(10, 17)}0{r.randrange(1, 6)}"
        forms = [f"{street} {number}, lgh {flat}", f"{street} {number} lgh {flat}", f"{street} {number}, lägenhet {flat}",
                 f"{street.lower()} {number} lgh {flat}", f"{street} {number}, {r.randrange(1, 7)} tr, lgh {flat}",
                 f"lgh {flat}", f"lägenhet {flat}", f"lägenheten {flat} på {r.choice(FLOORS)} våningen",
                 f"{street} {number} lgh nr {flat}", f"{street} {number}, lgh. {flat}"]
        return f"[[address:{r.choice(forms)}]]"

    def handle(self) -> str:
        r = self.r
        base = r.choice([self.first().lower(), r.choice(["ghost", "king", "lil", "snabb", "shadow", "baby", "gang",
                                                          "sthlm", "gbg", "malmo", "bosse", "tensta"])])
        base = re.sub(r"[^a-z]", "", base.replace("å", "a").replace("ä", "a").replace("ö", "o")) or "anon"
        suffix = r.choice(["_123", "99", ".xo", "_official", "_07", f"{r.randrange(1990, 2012)}", "__", "_sthlm",
                           ".08", "x"])
        return f"{base}{suffix}"

    def at_handle(self) -> str:
        return f"[[handle:@{self.handle()}]]"

    def bare_handle(self) -> str:
        return f"[[handle:{self.handle()}]]"

    # --- not personal data ---
    def person_place(self) -> str:
        return self.r.choice(PERSON_PLACES)

    def village(self) -> str:
        return self.r.choice(VILLAGES)

    def company(self) -> str:
        return self.r.choice(COMPANIES)

    def platform(self) -> str:
        return self.r.choice(PLATFORMS)

    def street_nr(self) -> str:
        return f"{self.r.choice(STREETS)} {self.r.randrange(1, 80)}{self.r.choice(['', '', 'A', 'B'])}"

    def time(self) -> str:
        h, m = self.r.randrange(24), self.r.choice([0, 5, 10, 15, 20, 30, 40, 45, 50])
        return self.r.choice([f"{h:02d}.{m:02d}", f"kl {h}.{m:02d}", f"{h:02d}:{m:02d}", f"kl {h}"])

    def date(self) -> str:
        d = date(2023, 1, 1) + timedelta(days=self.r.randrange(900))
        months = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
                  "november", "december"]
        return self.r.choice([d.isoformat(), f"{d.day}/{d.month}", f"{d.day} {months[d.month - 1]}",
                              f"{d.day}/{d.month} {d.year}", d.strftime("%y%m%d"), f"{d.day}.{d.month}.{d.year}"])

    def amount(self) -> str:
        n = self.r.choice([self.r.randrange(200, 5000), self.r.randrange(5000, 2_000_000)])
        return self.r.choice([f"{n:,} kr".replace(",", " "), f"{n} kr", f"{n:,}:-".replace(",", " "), f"{n} SEK"])

    def case(self) -> str:
        r = self.r
        return r.choice([f"K {r.randrange(100000, 999999)}-{r.randrange(22, 26)}",
                         f"K{r.randrange(100000, 999999)}-{r.randrange(22, 26)}",
                         f"dnr KS {r.randrange(2022, 2026)}/{r.randrange(1, 2000)}",
                         f"ärende {r.randrange(2022, 2026)}-{r.randrange(1000, 99999)}",
                         f"diarienr {r.randrange(100, 999)}-{r.randrange(1000, 99999)}-{r.randrange(2022, 2026)}",
                         f"ordernr {r.randrange(10**7, 10**8)}", f"fakturanr {r.randrange(10**9, 10**10)}"])

    def postal(self) -> str:
        return f"{self.r.randrange(100, 985)} {self.r.randrange(10, 99)}"

    def orgnr(self) -> str:
        return f"55{self.r.randrange(6000, 9999)}-{self.r.randrange(1000, 9999)}"

    def count(self) -> str:
        return str(self.r.randrange(2, 40))


# --- templates ---------------------------------------------------------------------------------------------
# (split, count, template). Slots are Filler methods: {name} {firstname} {surname} {possessive} {phone} {email}
# {pnr} {samo} {plate} {address} {at_handle} {bare_handle} and the negatives {person_place} {village}
# {company} {platform} {street_nr} {time} {date} {amount} {case} {postal} {orgnr} {count}.
T, H = "tuning", "held_out"
TEMPLATES = [
    (T, 17, "hyresgäst {name} i {address} ringde {date} om stök i trappan, vill bli uppringd på {phone} helst efter {time}"),
    (T, 17, "Anmälan {case}: {name}, {pnr}, uppger att han blivit hotad vid {street_nr}. Vittne finns, kontakt {phone}."),
    (T, 15, "Fältarna träffade {firstname} och {firstname} vid {person_place} {time}, de berättade att {possessive} bror säljer vid kiosken"),
    (T, 15, "Klotter på {person_place} och vid {street_nr}, anmält {date} av {name} från bostadsbolaget. Kostnad ca {amount}."),
    (T, 15, "mejl från {email} ang. nedskräpning vid {village}: ber oss ringa {phone} om vi behöver mer info"),
    (T, 15, "Bil {plate} har setts köra fram och tillbaka på {street_nr} flera kvällar, boende misstänker langning. Senast {date} {time}."),
    (T, 15, "Kontot {at_handle} på {platform} har lagt ut filmer från bråket vid {person_place}. Skolan och polisen är informerade."),
    (T, 15, "användaren {bare_handle} på {platform} hotar elever i åk 8, mentor {name} har pratat med föräldrarna ({phone})"),
    (T, 15, "inbrott i {address}, dörren uppbruten. grannen {name} hörde smällar runt {time}. polisanmälan {case}."),
    (T, 13, "{name} har lämnat tips om att {plate} används vid inbrott i villaområdet kring {village}, senast {date}."),
    (T, 13, "Samordningsnummer {samo} angavs av personen som stoppades vid {street_nr}. Identiteten är inte fastställd."),
    (T, 13, "Socialtjänsten har kontakt med familjen {surname} i {address} efter oron som skolan anmälde den {date}. Nytt möte om två veckor."),
    (T, 13, "EST-möte {date}: {name} rapporterade skadegörelse vid {person_place}, {name} tar kontakt med fastighetsägaren på {email}."),
    (T, 13, "{possessive} moped stals ur cykelrummet, familjen bor i {address}. Ägaren nås på {phone}. Inga kameror i rummet, polisanmälan gjord."),
    (T, 13, "Vi har fått in att {name} ({pnr}) säljer narkotika från bilen {plate} vid återvinningen vid {village}."),
    (T, 13, "pappa till {firstname} mejlade från {email}: sonen rånad på jacka och mobil vid {street_nr} i går {time}"),
    (T, 13, "{name}, {phone}, {email}, är ny kontaktperson för grannsamverkan i området kring {person_place}."),
    (T, 13, "på {platform} kallar han sig {at_handle}, han har filmat när de eldade i containern vid {street_nr} {date}, filmen sprids i skolan"),
    (T, 11, "Personen i {address} har enligt grannarna hotat fastighetsskötaren {firstname}. Bolaget utreder om uppsägning."),
    (T, 11, "Föraren av {plate}, {name}, {pnr}, misstänks för rattfylleri efter kontrollen vid {person_place} {time}."),
    # without personal data
    (T, 19, "Klotter på {person_place} igen, saneras inom 48 h enligt policyn. Kostnad hittills i år {amount}, ärende {case}."),
    (T, 19, "Ungdomar samlas vid {person_place} kvällstid, {count} anmälningar om ordningsstörning sedan {date}. Polisen ökar närvaron."),
    (T, 17, "Skadegörelse på busskuren vid {street_nr} i {village}, rutan krossad {date} {time}. SL har fått felanmälan."),
    (T, 17, "Inbrott i förråd på {street_nr}, {postal} {village}. Inga lägenheter drabbade. Polisanmälan {case} gjord av fastighetsägaren."),
    (T, 17, "Trygghetsvandring i {village} {date}: {count} deltagare, synpunkter om belysning vid {person_place} och skolvägen vid {street_nr}."),
    (T, 15, "Snatteri hos {company} vid {person_place} {time}, personalen har bilder från kameran. Varor för {amount}."),
    (T, 15, "Rykten sprids på {platform} om bråk vid {person_place} efter skolan, fältarna är på plats {time} och följer upp."),
    (T, 15, "Faktura från {company} (org.nr {orgnr}) för väktare vid {street_nr}: {amount}, ordernr på fakturan, betalas senast {date}."),
    (T, 13, "Brand i soprum på {street_nr}, räddningstjänsten larmad {time}. Ingen personskada. Fastighetsägaren: {company}."),
    (T, 13, "Polisen informerar: ring 112 vid pågående brott, annars 114 14. Nästa medborgardialog vid {person_place} {date} {time}."),
    (T, 14, "Lägesbild vecka {count}: i {village} har {count} inbrott anmälts, flest kring {street_nr} och {person_place}. Skadegörelsen vid {person_place} ökar, kostnad hittills {amount}. Kameran vid {company} sattes upp {date}. Nästa trygghetsvandring {date} {time}, samling vid {person_place}."),
    (T, 14, "Sammanfattning från nattvandringen {date}: lugnt vid {person_place} men vid {street_nr} satt en grupp på ca {count} ungdomar. En av dem, {name}, sa att de blir jagade av ett äldre gäng som styrs av {at_handle} på {platform}. Fält följer upp med skolan och pratar med {possessive} föräldrar, som nås på {phone}."),
    (T, 12, "Vid kontroll på {street_nr} uppgav mannen samordningsnummer {samo}. Han sade sig bo hos en bekant i {address} men kunde inte visa id. Ärendet lämnat till polisen, {case}."),
    (T, 12, "Rapport från väktarna (uppdrag för {company}): {count} larm under natten, varav falsklarm i porten på {street_nr}. Dörren vid {person_place} stod öppen {time}, stängd av väktare. Inget stulet."),
    (T, 10, "Föräldramöte vid {person_place} {date} {time} om ungdomarnas användning av {platform} och {platform}. Polisen berättar om bedrägerier och hot på nätet. Anmälan till skolans expedition senast {date}."),
    # --- held out: own phrasing ---
    (H, 12, "Mannen som omhändertogs berusad vid {person_place} hade samordningsnummer {samo} och var skriven på {address}. Socialjouren informerad {time}."),
    (H, 12, "Medborgarlöfte {village} {date}: polisen och kommunen ska minska otryggheten vid {person_place} och längs {street_nr}. Uppföljning sker kvartalsvis; senaste mätningen visar {count} % färre anmälningar. Budget {amount}, {case}."),
    (H, 10, "Hej! Jag heter {name} och bor i {address}. Sedan {date} har någon ringt på dörren mitt i natten. Jag tror att det är grannens son, han kallar sig {at_handle} på {platform}. Ni når mig på {phone} eller {email}. Tack för hjälpen!"),
    (H, 17, "Boende {name} ({phone}) i {address} vill ha återkoppling om störningarna från grannen, som pågått sedan {date}."),
    (H, 15, "Polisen grep {name}, {pnr}, efter rånet vid {person_place}. Bilen {plate} beslagtogs och förs till tekniska undersökningar."),
    (H, 15, "tips via mejl {email}: {possessive} kusin säljer via {at_handle} på {platform}, leveranser till {street_nr}"),
    (H, 13, "Kvinnan i {address} har sökt skydd hos socialtjänsten; hennes före detta, {name}, har setts i trapphuset {time}."),
    (H, 13, "{samo} är det samordningsnummer som mannen uppgav vid kontrollen i {village}, han saknade id-handling."),
    (H, 13, "ungdomarna i gruppen kallar sig på {platform} bl.a. {bare_handle} och {at_handle}, de träffas vid {person_place} på kvällarna"),
    (H, 13, "Ring {firstname} på {phone} eller {firstname} på {phone} om ni ser bilen {plate} igen vid {street_nr}, de har koll på den."),
    (H, 11, "{name} från hyresgästföreningen skickar listan till {email} senast {date}, alla i {address} har fått lapp."),
    (H, 17, "Skadegörelse vid {person_place} natten till {date}: bänkar och papperskorgar förstörda, {count} anmälningar, kostnad {amount}."),
    (H, 17, "Otryggt vid hållplatsen i {village} efter {time}, enligt enkäten ({count} svar). Belysning beställd, ärende {case}."),
    (H, 15, "Stöld av cyklar ur garaget på {street_nr}, {postal} {village}. Ingen misstänkt. Fastighetsägaren {company} ser över låsen."),
    (H, 15, "Mopedåkning på gångvägen förbi {person_place} och {street_nr}, filmer sprids på {platform}. Trafikkontroll {date}."),
]


def fill(template: str, filler: Filler) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: getattr(filler, m.group(1))(), template)


def expand_placeholders(text: str, filler: Filler) -> str:
    """{pnr}, {pnr:FORM}, {samo}, {samo:FORM} in the hand-written files -> computed valid numbers (markup inside)."""
    def one(match: re.Match) -> str:
        kind, form = match.group(1), match.group(2)
        number = filler.pnr(form, samordning=kind == "samo")
        return number.split(":", 1)[1][:-2]  # the hand text already has the [[kind:...]] around the placeholder
    return re.sub(r"\{(pnr|samo)(?::(\w+))?\}", one, text)


def sloppy(text: str, r: random.Random) -> str:
    """Real texts are not proof-read: some lose their final full stop, some all their capitals (the markup's kind
    names are lowercase already, so lowercasing the whole text keeps it valid)."""
    if r.random() < 0.3:
        text = text.rstrip(".")
    if r.random() < 0.12:
        text = text.lower()
    return text


def rows() -> dict[str, list[tuple[str, str, str]]]:
    r = random.Random(SEED)
    filler = Filler(r)
    out: dict[str, list[tuple[str, str, str]]] = {T: [], H: []}
    for split, path in ((T, HERE / "src" / "hand_tuning.txt"), (H, HERE / "src" / "hand_held_out.txt")):
        lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
        for number, line in enumerate((line for line in lines if line and not line.startswith("#")), start=1):
            out[split].append((f"{split[0]}h{number:03d}", "hand", expand_placeholders(line, filler)))
    for index, (split, count, template) in enumerate(TEMPLATES, start=1):
        for number in range(1, count + 1):
            out[split].append((f"{split[0]}t{index:02d}.{number:02d}", f"template:{index:02d}",
                               sloppy(fill(template, filler), r)))
    return out


def problems(row_id: str, text: str) -> list[str]:
    plain, spans = parse_markup(text)
    found = []
    if not 100 <= len(plain) <= 400:
        found.append(f"{row_id}: {len(plain)} characters without markup (want 100-400): {plain}")
    for span in spans:
        if span.kind in ("personnummer", "samordningsnummer"):
            digits = re.sub(r"\D", "", span.text)[-10:]
            if luhn_digit(digits[:9]) != int(digits[9]):
                found.append(f"{row_id}: {span.text} fails the Luhn check")
    return found


HEADERS = {
    T: "TUNING split: tune the privacy guard against these texts if you like.",
    H: "HELD-OUT split: if you tune the privacy guard, do NOT read this file. It measures the guard on texts\n"
       "# nobody tuned it against; looking at it turns the held-out figures into tuning figures.",
}


def main() -> None:
    built = rows()
    wrong = [problem for items in built.values() for row_id, _, text in items for problem in problems(row_id, text)]
    if wrong:
        raise SystemExit("\n".join(wrong))
    for split, items in built.items():
        path = HERE / f"labelled_{split}.txt"
        with path.open("w", encoding="utf-8") as out:
            out.write(f"# Labelled privacy corpus, {HEADERS[split]}\n"
                      "# Written for samtrygg's benchmark (bench/privacy.py) by make_labelled.py from src/ and its\n"
                      "# templates; do not edit by hand. One text a line: id TAB origin TAB text, where every piece\n"
                      "# of personal data is marked [[kind:text]] (kinds of src/samtrygg/lib/privacy/kinds.py).\n")
            for row in items:
                out.write("\t".join(row) + "\n")
        print(f"{len(items)} texts -> {path}")


if __name__ == "__main__":
    main()
