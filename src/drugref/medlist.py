"""Medication lists as people and systems write them: each line read to the drug names it holds, then resolved safely."""
from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Literal, NamedTuple

if TYPE_CHECKING:
    from .fhir import FhirInput
    from .index import Catalog
    from .interactions import DrugInfo

# ------------------------------------------------------------------ words a line may hold besides names

_UNITS = {"mg", "mcg", "µg", "μg", "ug", "g", "gm", "gram", "grams", "kg", "ml", "l", "meq", "mmol", "iu", "unit",
          "units", "u", "hr", "hrs", "h", "%", "actuat", "actuation", "puff", "puffs", "spray", "sprays", "drop",
          "drops", "gtt", "gtts", "mg/ml", "mcg/ml", "mg/hr", "mcg/hr", "mg/day", "mg/24hr", "mcg/actuat", "mg/actuat",
          "milligram", "milligrams", "microgram", "micrograms", "cc", "oz", "tsp", "tbsp", "teaspoon", "teaspoons",
          "tablespoon", "tablespoons", "x"}
_FORMS = {"tablet", "tablets", "tab", "tabs", "tbl", "capsule", "capsules", "cap", "caps", "pill", "pills", "solution",
          "soln", "sol", "suspension", "susp", "syrup", "elixir", "liquid", "injection", "injectable", "inj", "cream",
          "ointment", "oint", "gel", "lotion", "patch", "patches", "inhaler", "powder", "packet", "packets", "vial",
          "vials", "pen", "pens", "cartridge", "kit", "lozenge", "troche", "suppository", "suppositories", "film",
          "films", "wafer", "granules", "concentrate", "emulsion", "foam", "shampoo", "chewable", "chew", "chewables",
          "disintegrating", "dispersible", "effervescent", "coated", "enteric", "film-coated", "prefilled", "syringe",
          "autoinjector", "auto-injector", "nebulizer", "neb", "ampule", "ampoule", "bottle", "pack", "dose", "doses",
          "dosepak", "dose-pack", "mdi", "dpi", "aerosol", "metered", "system", "device", "implant", "ring", "insert",
          "strip", "strips", "pellet", "bar", "gum", "hfa", "diskus", "respimat", "ellipta", "handihaler", "flexpen",
          "kwikpen", "solostar", "flextouch", "injector", "drug", "medication", "medicine", "product"}
_RELEASE = {"er", "xr", "xl", "sr", "cr", "la", "dr", "ec", "ir", "odt", "cd", "xt", "hcl-er", "extended", "delayed",
            "sustained", "controlled", "immediate", "modified", "prolonged", "release", "released", "extended-release",
            "delayed-release", "sustained-release", "controlled-release", "immediate-release", "modified-release",
            "long-acting", "short-acting", "rapid", "orally-disintegrating", "ext", "rel"}
_SALTS = {"hydrochloride", "hcl", "dihydrochloride", "hydrobromide", "hbr", "bitartrate", "tartrate", "sodium",
          "potassium", "besylate", "besilate", "succinate", "maleate", "mesylate", "mesilate", "sulfate", "sulphate",
          "bisulfate", "citrate", "fumarate", "hemifumarate", "phosphate", "acetate", "calcium", "magnesium",
          "bromide", "hyclate", "monohydrate", "dihydrate", "trihydrate", "hemihydrate", "anhydrous", "oxalate",
          "carbonate", "lactate", "gluconate", "malate", "napsylate", "pamoate", "disodium", "dipotassium",
          "trometamol", "tromethamine", "xinafoate", "propionate", "dipropionate", "furoate", "valerate",
          "estolate", "stearate", "ethylsuccinate", "decanoate", "enanthate", "cypionate", "medoxomil", "axetil",
          "pivoxil", "erbumine", "arginine", "lysine", "meglumine", "salicylate", "saccharate", "aspartate",
          "chloride", "nitrate", "mononitrate", "dinitrate", "hydroxide", "oxide", "bicarbonate", "tosylate",
          "edisylate", "benzoate", "ditartrate", "camsylate", "hydrate", "base", "free", "usp"}
_ROUTES = {"po", "p.o", "oral", "orally", "mouth", "iv", "ivp", "ivpb", "im", "sc", "sq", "subq", "subcut",
           "subcutaneous", "subcutaneously", "intravenous", "intravenously", "intramuscular", "intramuscularly",
           "topical", "topically", "transdermal", "sublingual", "sublingually", "sl", "inhaled", "inhalation",
           "inhale", "nasal", "intranasal", "nostril", "nostrils", "rectal", "rectally", "pr", "vaginal", "vaginally",
           "ophthalmic", "otic", "eye", "eyes", "ear", "ears", "buccal", "ng", "peg", "gt", "tube", "enteral",
           "cutaneous", "skin", "ou", "od", "os", "au", "ad", "as", "per"}
_FREQUENCY = {"qd", "qday", "daily", "bid", "tid", "qid", "qhs", "hs", "qam", "qpm", "qod", "prn", "qw", "qwk",
              "weekly", "monthly", "nightly", "once", "twice", "thrice", "times", "time", "every", "other", "hours",
              "hour", "day", "days", "week", "weeks", "month", "months", "morning", "mornings", "evening", "evenings",
              "night", "nights", "bedtime", "noon", "am", "pm", "ac", "pc", "stat", "now", "q", "a", "an", "the",
              "each", "x1", "x2", "x3", "x4", "x5", "x7", "x10", "x14", "x30", "x90", "one", "two",
              "three", "four", "five", "six", "half", "1/2", "needed", "directed", "required", "until", "then",
              "followed", "after", "before", "meals", "meal", "food", "breakfast", "lunch", "dinner", "supper",
              "water", "milk", "juice", "empty", "stomach", "with", "without", "at", "in", "on", "of", "to", "by",
              "for", "if", "and", "or", "not", "no", "do", "dont", "don't", "may", "can", "repeat", "max", "maximum",
              "up", "upto", "more", "than", "less", "over", "under", "while", "awake", "when", "sleep", "pain",
              "nausea", "vomiting", "anxiety", "insomnia", "fever", "headache", "migraine", "itching", "itch",
              "constipation", "diarrhea", "cough", "allergies", "wheezing", "sob", "bp", "blood", "pressure", "sugar",
              "glucose", "cholesterol", "heart", "mood", "depression", "spasm", "spasms", "muscle", "agitation",
              "severe", "mild", "moderate", "breakthrough", "chronic", "acute", "take", "takes", "taking", "took",
              "give", "given", "apply", "applied", "inject", "injected", "use", "used", "using", "place", "instill",
              "chew", "dissolve", "swallow", "crush", "hold", "held", "start", "started", "stop", "stopped",
              "continue", "continued", "resume", "resumed", "dc", "dc'd", "discontinue", "discontinued", "new", "changed", "increase", "decrease", "taper", "titrate", "disp",
              "dispense", "qty", "quantity", "refill", "refills", "rf", "sig", "rx", "home", "med", "meds",
              "medication", "medications", "current", "active", "list", "patient", "pt", "reports", "states",
              "dose", "dosage", "strength", "usual", "low", "high", "baby", "adult", "children's", "pediatric",
              "generic", "brand", "otc", "supply", "dr.", "by:", "prescribed", "prescriber", "note", "notes",
              "total", "divided", "split", "alternate", "alternating", "sliding", "scale",
              "also", "only", "same", "as-needed", "around", "clock", "scheduled", "routine", "maintenance",
              "every-other-day", "my", "his", "her", "their", "your", "our", "extra", "inert", "ingredient", "ingredients",
              "placebo", "wk", "wks", "mo", "mos", "yr", "d", "hrly", "hourly", "q.d", "b.i.d", "t.i.d",
              "q.i.d", "q.h.s", "h.s", "p.r.n", "a.m", "p.m", "s.l"}
_SET_ASIDE = _UNITS | _FORMS | _ROUTES | _FREQUENCY
_FREQ_PATTERN = re.compile(r"^(?:(?:nda|anda|bla)\d+|q\d+(?:-\d+)?(?:h|hr|hrs|d|w|wk|min)|q\d*(?:am|pm|hs|h|d|w)|x\d+(?:d|w|days?)?|"
                           r"\d+x|\d+(?:st|nd|rd|th)|#\d+|[a-z]?\d+[a-z]?\d*|\d.*)$")
_ABBREVIATIONS = {"hctz": "hydrochlorothiazide", "apap": "acetaminophen", "asa": "aspirin"}  # unambiguous in practice
_COMBINE = {"/", "+", "&", "and", "w/"}
_SKIP_LABELS = re.compile(r"^\s*(?:allerg(?:y|ies)|nkda|adverse reactions?|intolerances?)\b\s*[:\-]", re.IGNORECASE)
_LABEL = re.compile(r"^\s*(?:(?:current|active|home|outpatient|discharge|new|other|daily|prn)\s+)*"
                    r"(?:medications?|meds|medicines|drugs|rx|prescriptions?|med list)\s*(?:list)?\s*:\s*",
                    re.IGNORECASE)
_BULLET = re.compile(r"^\s*(?:[-*•·‣◦▪●○■□☐☑✓✔>]+|\[\s*[xX ]?\s*\]|\(?\d{1,3}[.)](?!\d))\s*")
_INNER_BULLET = re.compile(r"\s+[•·‣◦▪●]\s+")
_COMMENT = re.compile(r"(?:^|\s)#(?=\s|$)|^#")
_TOKEN = re.compile(r"""
    (?P<num>[#~≈]?\d+(?:[.,]\d+)*(?:\s*[-–/]\s*\d+(?:[.,]\d+)*)*(?:\s?(?:[a-zA-Zµμ%]+(?:/[a-zA-Z0-9]+)?))?)
  | (?P<word>[^\W\d_][\w'’.\-]*)
  | (?P<sep>w/|[/+&|]|[-–—:=]+|\.\.\.)
  | (?P<open>[(\[{])
  | (?P<close>[)\]}])
  | (?P<other>\S)
""", re.VERBOSE)
_DC = re.compile(r"\bd/c\b", re.IGNORECASE)  # discontinue(d): one word, not a combination sign
MAX_LINE_LENGTH = 500
MAX_LINES = 20_000


ResolvedStatus = Literal["monograph", "known", "unknown", "ambiguous"]
LineStatus = Literal["resolved", "partial", "unresolved", "no-name", "conflict"]


class Token(NamedTuple):
    text: str
    kind: str  # name | salt | release | aside | combine | break


class Entry(NamedTuple):
    """One medication as written: a line, or an item of a line split at commas, semicolons or bullets."""

    text: str  # the item as written (bullet, comment and BOM removed)
    line: int  # 1-based line of the input it came from
    names: tuple[tuple[str, ...], ...]  # per ingredient: spellings to try, most specific first
    parenthetical: tuple[tuple[str, ...], ...] = ()  # names read inside (…): another name for the same drug
    brand: tuple[str, ...] = ()  # a bracketed RxNorm brand, `[Norco]`
    set_aside: str = ""  # strengths, forms, routes, sigs recognised and left out
    source: str = ""  # where the entry came from (argument, file, stdin, a FHIR resource)


class Resolved(NamedTuple):
    """What one ingredient name of a line resolved to."""

    written: str  # the name as read from the line (salts kept), e.g. "HYDROcodone Bitartrate"
    status: ResolvedStatus
    name: str | None = None  # the drug it resolved to (None when unknown or ambiguous)
    how: str | None = None  # exact | brand | alias | fuzzy | vocabulary | abbreviation
    score: float | None = None
    query: str | None = None  # the spelling that resolved (what the interaction checker is given)
    suggestions: tuple[str, ...] = ()  # for unknown / ambiguous: drugs it may mean (Tall Man letters)

    @property
    def assessable(self) -> bool:
        return self.status in ("monograph", "known")


class LineResult(NamedTuple):
    """One input line (or item) and what it resolved to."""

    text: str
    line: int
    source: str
    ingredients: tuple[Resolved, ...]
    set_aside: str = ""
    status: LineStatus = "resolved"
    note: str | None = None

    @property
    def assessable(self) -> bool:
        return self.status == "resolved"

    @property
    def where(self) -> str:
        """`line 3`, `argument 2`, or the FHIR resource (`MedicationRequest/abc`)."""
        return (self.source if self.source.startswith("Medication") else
                f"argument {self.line}" if self.source == "argument" else f"line {self.line}")


class MedList(NamedTuple):
    """Every line read, in input order, and the lines skipped on purpose (comments, allergy lines)."""

    lines: tuple[LineResult, ...]
    skipped: tuple[tuple[int, str, str], ...] = ()  # (line, text, why)

    @property
    def unassessed(self) -> tuple[LineResult, ...]:
        return tuple(line for line in self.lines if not line.assessable)


# ------------------------------------------------------------------ reading lines

def split_items(text: str) -> list[tuple[int, str]]:
    """(line number, item) for every medication written in `text`: lines, then commas, semicolons and
    bullets; comments (`# …`), blank lines, allergy lines and a BOM dropped. A comma-part that starts
    with no name (`…, with food`) stays with the item before it."""
    return _split(text)[0]


def _split(text: str) -> tuple[list[tuple[int, str]], list[tuple[int, str, str]]]:
    out: list[tuple[int, str]] = []
    skipped: list[tuple[int, str, str]] = []
    text = text.lstrip("\ufeff")
    for number, raw in enumerate(text.splitlines(), 1):
        if number > MAX_LINES:
            break
        raw = raw.replace("\ufeff", "").replace("\u00a0", " ").replace("\t", " ")
        comment = _COMMENT.search(raw)
        if comment:
            raw = raw[:comment.start()]
        raw = _BULLET.sub("", raw, count=1)
        if _SKIP_LABELS.match(raw):
            skipped.append((number, raw.strip(), "an allergy line, not a medication"))
            continue
        raw = _LABEL.sub("", raw, count=1)
        if not raw.strip():
            continue
        parts: list[str] = []
        for piece in _INNER_BULLET.split(raw):
            for chunk in _split_outside_parens(piece):
                chunk = _BULLET.sub("", chunk, count=1).strip()
                if not chunk:
                    continue
                if parts and _is_continuation(chunk):
                    parts[-1] = parts[-1] + ", " + chunk
                else:
                    parts.append(chunk)
        out.extend((number, part) for part in parts)
    return out, skipped


def _split_outside_parens(text: str) -> list[str]:
    """Split at `;` and at `,` (not a thousands comma like 1,000) outside brackets."""
    parts, depth, start = [], 0, 0
    for i, char in enumerate(text):
        if char in "([{":
            depth += 1
        elif char in ")]}":
            depth = max(0, depth - 1)
        elif depth == 0 and (char == ";" or (char == "," and not (0 < i < len(text) - 1 and text[i - 1].isdigit()
                                                                    and text[i + 1].isdigit()))):
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return parts


def _is_continuation(chunk: str) -> bool:
    """`with food`, `1 tab daily`: a comma-part that starts with no name belongs to the item before it."""
    tokens = tokenize(chunk)
    return not tokens or tokens[0].kind not in ("name", "salt")


def _word_kind(word: str) -> str:
    low = word.casefold().strip(".'’-")
    if not low:
        return "break"
    if low in _COMBINE:
        return "combine"
    if low in _SALTS:
        return "salt"
    if low in _RELEASE:
        return "release"
    if low in _SET_ASIDE or low.replace(".", "") in _SET_ASIDE or _FREQ_PATTERN.match(low.replace(".", "")):
        return "aside"
    if "-" in low and all(part in _SET_ASIDE | _RELEASE for part in low.split("-") if part):
        return "release" if any(part in _RELEASE for part in low.split("-")) else "aside"
    if "/" in low:  # mg/mL glued to a word
        return "aside" if all(p in _UNITS for p in low.split("/") if p) else "name"
    return "name"


def tokenize(text: str) -> list[Token]:
    """Tokens of an item (brackets removed: the caller reads them apart)."""
    tokens = []
    for match in _TOKEN.finditer(_DC.sub("dc", text)):
        kind = match.lastgroup
        value = match.group()
        if kind == "num":
            tokens.append(Token(value, "aside"))
        elif kind == "word":
            tokens.append(Token(value, _word_kind(value)))
        elif kind == "sep":
            tokens.append(Token(value, "combine" if value in ("/", "+", "&", "w/") else "break"))
        else:
            tokens.append(Token(value, "break"))
    return tokens


def _name_runs(tokens: list[Token]) -> list[list[Token]]:
    """The ingredient names of an item: the first run of name words, then each run that a combination
    sign (`/`, `+`, `and`) joins to it with only strengths between; the rest is sig."""
    runs: list[list[Token]] = []
    i, n = 0, len(tokens)
    while i < n and tokens[i].kind not in ("name", "salt"):  # leading '24 HR', 'Take 1 tab', bullets
        i += 1
    while i < n:
        run = []
        while i < n and tokens[i].kind in ("name", "salt", "release"):
            run.append(tokens[i])
            i += 1
        runs.append(run)
        joined = False
        while i < n:
            token = tokens[i]
            if token.kind == "combine":
                joined = True
                i += 1
                continue
            if token.kind in ("aside", "salt", "release") and not joined and _is_strength(token.text):
                i += 1
                continue
            break
        if joined and i < n and tokens[i].kind == "name":
            continue
        break
    # a run of salt words alone is a drug itself: potassium chloride, sodium bicarbonate, magnesium hydroxide
    return [r for r in runs if any(t.kind in ("name", "salt") for t in r)]


_STRENGTH = re.compile(r"^[#~≈]?\d|^(?:mg|mcg|µg|μg|ug|g|gm|ml|meq|iu|units?|%|hr|h|mg/ml|mcg/hr|mg/hr)$", re.IGNORECASE)


def _is_strength(text: str) -> bool:
    return bool(_STRENGTH.match(text.strip()))


def _variants(run: list[Token]) -> tuple[str, ...]:
    """Spellings to try, most specific first: as written; without release words; without salts too."""
    def join(tokens: Iterable[Token]) -> str:
        return " ".join(t.text for t in tokens).strip()

    if run and run[-1].text.endswith(".") and run[-1].text.count(".") == 1:  # 'sertraline.' ends a sentence
        run = [*run[:-1], Token(run[-1].text[:-1], run[-1].kind)]
    full = join(run)
    no_release = join([t for t in run if t.kind != "release"])
    bare = join([t for t in run if t.kind == "name"]) if any(t.kind == "name" for t in run) else no_release
    out = [v for v in (full, no_release, bare) if v]
    key = bare.casefold()
    if key in _ABBREVIATIONS:
        out.append(_ABBREVIATIONS[key])
    return tuple(dict.fromkeys(out))


_BRACKETS = re.compile(r"\(([^()]*)\)|\[([^\[\]]*)\]|\{([^{}()]*)\}")
_PACK = re.compile(r"\{(.*)\}\s*(?:pack|kit)\b", re.IGNORECASE)  # RxNorm: {21 (A 1 MG Oral Tablet) / 7 (B …) } Pack


def read_entry(text: str, line: int = 1, source: str = "") -> Entry:
    """What one item names: its ingredients (each with spellings to try), names in parentheses, a
    bracketed brand, and the words set aside."""
    text = " ".join(text.replace("\ufeff", "").split())[:MAX_LINE_LENGTH]
    parenthetical: list[str] = []
    brand: list[str] = []
    outside = text
    pack_names: list[tuple[str, ...]] = []
    pack = _PACK.search(outside)
    if pack:  # the pack's contents are its ingredients
        for component in re.findall(r"\(([^()]*)\)", pack.group(1)):
            pack_names += [_variants(run) for run in _name_runs(tokenize(component))]
        outside = outside[:pack.start()] + " " + outside[pack.end():]
    for _ in range(5):  # nested brackets: innermost first
        found = False
        for match in _BRACKETS.finditer(outside):
            found = True
            if match.group(2) is not None:
                brand.append(match.group(2).strip())
            elif match.group(1) is not None:
                parenthetical.append(match.group(1).strip())
        if not found:
            break
        outside = _BRACKETS.sub(" ", outside)
    tokens = tokenize(outside)
    runs = _name_runs(tokens)
    used = {id(t) for run in runs for t in run}
    aside = " ".join(t.text for t in tokens if id(t) not in used)
    names = tuple(dict.fromkeys([*pack_names, *(_variants(run) for run in runs)]))
    paren_names = []
    for words in parenthetical:  # '(alprazolam)', '(Synthroid)': another name; '(hold if on aspirin)': a note
        paren_tokens = tokenize(words)
        if paren_tokens and paren_tokens[0].kind in ("name", "salt"):
            paren_names.append(_variants(_name_runs(paren_tokens)[0]))
    brands = tuple(b for b in brand if b)
    return Entry(text, line, names, tuple(paren_names), brands, " ".join(aside.split()), source)


def read_text(text: str, source: str = "") -> tuple[list[Entry], list[tuple[int, str, str]]]:
    """Entries of a whole list, and the lines skipped on purpose (allergy lines)."""
    items, skipped = _split(text)
    read: dict[str, Entry] = {}  # a list repeating a line reads it once
    entries = []
    for number, item in items:
        if item not in read:
            read[item] = read_entry(item, number, source)
        entries.append(read[item]._replace(line=number))
    return entries, skipped


# ------------------------------------------------------------------ resolving

def _exact(library: Catalog, spelling: str) -> Resolved | None:
    """The drug this spelling names exactly (name, brand, alias, or a drug the vocabulary knows)."""
    from .errors import Ambiguous, NameLookupError
    from .lookup import resolve

    try:
        match = resolve(library, spelling, exact=True)
    except Ambiguous as exc:
        return Resolved(spelling, "ambiguous", suggestions=tuple(c.display for c in exc.candidates))
    except NameLookupError:
        known = library.vocabulary.is_known_drug(spelling)
        if known:
            return Resolved(spelling, "known", known, "vocabulary", 100.0, known)
        return None
    return Resolved(spelling, "monograph", match.entry.name, match.how, match.score, spelling)


def resolve_name(library: Catalog, spellings: tuple[str, ...]) -> Resolved:
    """One ingredient: the first spelling that names a drug exactly; else the barest spelling by the
    lookup's fuzzy rule (a clear winner, or refused with suggestions)."""
    from .errors import Ambiguous, InvalidInput, NotFound
    from .lookup import resolve

    written = spellings[0]
    for spelling in spellings:
        try:
            found = _exact(library, spelling)
        except InvalidInput:
            return Resolved(written, "unknown")
        if found is not None:
            how = "abbreviation" if _is_expansion(spelling, spellings) else found.how
            return Resolved(written, found.status, found.name, how, found.score, found.query, found.suggestions)
    expansion = next((s for s in spellings if _is_expansion(s, spellings)), None)
    if expansion is not None:  # 'APAP' means acetaminophen: never fuzz an abbreviation into another drug
        return Resolved(written, "unknown", how="abbreviation", query=expansion)
    barest = spellings[-1]
    try:
        match = resolve(library, barest)
    except Ambiguous as exc:
        return Resolved(written, "ambiguous", query=barest, suggestions=tuple(c.display for c in exc.candidates))
    except NotFound as exc:
        return Resolved(written, "unknown", query=barest,
                        suggestions=tuple(c.display for c in exc.candidates if c.name.casefold() != barest.casefold()))
    except InvalidInput:
        return Resolved(written, "unknown", query=barest)
    return Resolved(written, "monograph", match.entry.name, "fuzzy", match.score, match.entry.name)


def _is_expansion(spelling: str, spellings: tuple[str, ...]) -> bool:
    """Whether a spelling is an abbreviation's expansion added by `_variants` (never the name as written)."""
    return spelling != spellings[0] and any(_ABBREVIATIONS.get(s.casefold()) == spelling for s in spellings)


def resolve_entry(library: Catalog, entry: Entry) -> LineResult:
    """Resolve each ingredient of one entry; a parenthetical or bracketed brand that names a different
    drug than the line's name refuses the line."""
    whole = _exact(library, entry.text) if 1 < len(entry.text.split()) <= 6 and len(entry.text) <= 100 else None
    if whole is not None and whole.status != "ambiguous":  # 'grapefruit juice', 'St. John's wort' as written
        return LineResult(entry.text, entry.line, entry.source, (whole,), "", "resolved")
    if not entry.names and not entry.parenthetical and not entry.brand:
        return LineResult(entry.text, entry.line, entry.source, (), entry.set_aside, "no-name",
                          "no drug name found on this line")
    items = [resolve_name(library, spellings) for spellings in entry.names]
    others = [resolve_name(library, spellings) for spellings in entry.parenthetical]
    others += [resolve_name(library, _variants(run))
               for brand in entry.brand for run in _name_runs(tokenize(brand))[:1]]
    others = [o for o in others if o.assessable and o.how != "fuzzy"]  # only exact names can confirm or conflict
    note = None
    if len(items) == 1 and not items[0].assessable and others:
        # 'Lasix (furosemide)': the name outside is unknown, the one inside names a drug
        names = {o.name or "" for o in others}  # others are assessable: each has a name
        if len(names) == 1:
            chosen = others[0]
            note = f"read from {chosen.written!r}"
            items = [Resolved(items[0].written, chosen.status, chosen.name, chosen.how, chosen.score, chosen.query)]
        else:
            return LineResult(entry.text, entry.line, entry.source, tuple(items), entry.set_aside, "conflict",
                              "the names on this line name different drugs: " + ", ".join(sorted(names)))
    elif not items and others:
        names = {o.name or "" for o in others}
        if len(names) > 1:
            return LineResult(entry.text, entry.line, entry.source, tuple(others), entry.set_aside, "conflict",
                              "the names on this line name different drugs: " + ", ".join(sorted(names)))
        items = [others[0]]
    elif len(items) == 1 and items[0].assessable and others:
        strays = sorted({o.name or "" for o in others if o.name != items[0].name})
        if strays:
            return LineResult(entry.text, entry.line, entry.source,
                              (Resolved(items[0].written, "ambiguous",
                                        suggestions=(items[0].name or "", *strays)),),
                              entry.set_aside, "conflict",
                              f"{items[0].written!r} is {items[0].name} but the line also names {', '.join(strays)}")
    if not items:
        return LineResult(entry.text, entry.line, entry.source, (), entry.set_aside, "no-name",
                          "no drug name found on this line")
    good = sum(1 for i in items if i.assessable)
    status: LineStatus = "resolved" if good == len(items) else "partial" if good else "unresolved"
    return LineResult(entry.text, entry.line, entry.source, tuple(items), entry.set_aside, status, note)


def read_list(library: Catalog, text: str, source: str = "") -> MedList:
    """Read and resolve a whole medication list."""
    entries, skipped = read_text(text, source)
    return resolve_entries(library, entries, skipped)


def resolve_entries(library: Catalog, entries: Iterable[Entry],
                    skipped: Iterable[tuple[int, str, str]] = ()) -> MedList:
    cache: dict[tuple[object, ...], LineResult] = {}
    out = []
    for entry in entries:
        key = (entry.names, entry.parenthetical, entry.brand)
        if key not in cache:
            cache[key] = resolve_entry(library, entry)
        result = cache[key]
        out.append(LineResult(entry.text, entry.line, entry.source, result.ingredients, entry.set_aside,
                              result.status, result.note))
    return MedList(tuple(out), tuple(skipped))


# ------------------------------------------------------------------ presenting

def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def describe(line: LineResult) -> str:
    """One line's outcome in words: `sertraline`, `hydrocodone (vocabulary only) + …`, `not in this library`."""
    if line.status in ("no-name", "conflict") and not line.ingredients:
        return line.note or "not read"
    parts = []
    for item in line.ingredients:
        if item.status == "monograph":
            parts.append((item.name or "") + (f" (closest match, score {item.score:.0f})" if item.how == "fuzzy" else ""))
        elif item.status == "known":
            parts.append(f"{item.name} (class vocabulary only, no monograph)")
        elif item.status == "ambiguous":
            parts.append(f"{_short(item.written)!r}: more than one drug matches (" + " or ".join(item.suggestions[:4]) + ")")
        else:
            meaning = f" ({item.query})" if item.how == "abbreviation" and item.query else ""
            parts.append(f"{_short(item.written)!r}{meaning}: not in this library"
                         + (" — did you mean " + " or ".join(item.suggestions[:3]) + "?" if item.suggestions else ""))
    text = " + ".join(parts)
    if line.status == "conflict" and line.note:
        text = line.note
    return text


def to_json(medlist: MedList) -> list[dict[str, object]]:
    """Each input line with what it resolved to."""
    return [{"line": line.line, "text": line.text, "source": line.source, "status": line.status,
             "set_aside": line.set_aside, "note": line.note,
             "resolved": [{"written": i.written, "status": i.status, "name": i.name, "how": i.how,
                           "score": i.score, "suggestions": list(i.suggestions)} for i in line.ingredients]}
            for line in medlist.lines]


def resolve_alternatives(library: Catalog, texts: tuple[str, ...], line: int, source: str) -> LineResult:
    """One medication written several ways (the RxNorm display, the concept's text, …), best first.
    The first way that names a drug decides, partial or not (a combination is never narrowed to the
    ingredients another way happens to name); a later way is used only when the earlier ones name
    nothing the library knows. Two ways naming different drugs refuse the medication."""
    results = [resolve_entry(library, read_entry(text, line, source)) for text in texts]
    named = [r for r in results if r.status in ("resolved", "partial")]
    chosen = named[0] if named else results[0]
    drugs = {i.name for i in chosen.ingredients if i.assessable}
    others = [r for r in named[1:] if {i.name for i in r.ingredients if i.assessable} - drugs]
    if not others:
        return chosen
    sets = sorted({" + ".join(sorted(i.name or "" for i in r.ingredients if i.assessable)) for r in (chosen, *others)})
    note = "its codings name different drugs: " + "; ".join(sets)
    return LineResult(chosen.text, line, source, (Resolved(chosen.text, "ambiguous", suggestions=tuple(sets)),),
                      chosen.set_aside, "conflict", note)


def read_fhir_list(library: Catalog, fhir_input: FhirInput) -> MedList:
    """A medication list from FHIR resources: one line per MedicationRequest/MedicationStatement."""
    lines = [resolve_alternatives(library, med.texts, number, med.resource)
             for number, med in enumerate(fhir_input.medications, 1)]
    skipped = tuple((0, s.resource, s.reason) for s in fhir_input.skipped)
    return MedList(tuple(lines), skipped)


def checker_drugs(library: Catalog, medlist: MedList) -> tuple[list[DrugInfo], list[str]]:
    """The interaction checker's drugs for a list: every ingredient that resolved, and every one that
    did not as not assessable (an ambiguous name never stops the check). Returns (drugs, notices)."""
    from .errors import Ambiguous
    from .interactions import drug_info, resolve_drugs

    queries: list[str] = []
    ambiguous: list[tuple[Resolved | None, LineResult]] = []
    for line in medlist.lines:
        for item in line.ingredients:
            if item.status == "ambiguous" or (line.status == "conflict" and item.status != "unknown") or \
                    (item.status == "unknown" and not item.query):
                ambiguous.append((item, line))
            else:
                queries.append(item.query or item.written)
        if line.status == "no-name" and not line.ingredients:
            ambiguous.append((None, line))
    vocab = library.vocabulary
    try:
        drugs, _ = resolve_drugs(library, queries) if queries else ([], [])
    except Ambiguous:  # a spelling that resolved alone is shared by two drugs' names: take it query by query
        drugs = []
        for query in queries:
            try:
                drugs += resolve_drugs(library, [query])[0]
            except Ambiguous as exc:
                drugs.append(drug_info(query, query, "unknown", vocab,
                                       suggestion=" or ".join(c.display for c in exc.candidates[:4])))
    for unread, line in ambiguous:
        query = unread.written if unread is not None else line.text
        suggestion = " or ".join(unread.suggestions[:4]) if unread is not None and unread.suggestions else None
        drugs.append(drug_info(query, " ".join(query.split()), "unknown", vocab, suggestion=suggestion))
    notices = [f"using {item.name} for {line.text!r} (closest match to {item.written!r}, score {item.score:.0f})"
               for line in medlist.lines for item in line.ingredients if item.how == "fuzzy"]
    return drugs, list(dict.fromkeys(notices))


def reading_lines(medlist: MedList) -> list[tuple[str, str, bool]]:
    """The report's 'as read' lines, (where, what it resolved to, whether it is a problem): only lines
    that needed reading (a plain name resolved exactly is not repeated), a text repeated once with its count."""
    from .text import name_key

    out: list[tuple[str, str, bool]] = []
    seen: dict[str, int] = {}
    rows: list[tuple[str, str, LineResult]] = []  # (where, text, line) of each text's first line
    counts: list[int] = []
    for line in medlist.lines:
        plain = (line.status == "resolved" and len(line.ingredients) == 1 and line.ingredients[0].how != "fuzzy"
                 and name_key(line.text) == name_key(line.ingredients[0].written))
        if plain:
            continue
        if line.text in seen:
            counts[seen[line.text]] += 1
            continue
        seen[line.text] = len(rows)
        rows.append((line.where, line.text, line))
        counts.append(1)
    for (where, text, line), count in zip(rows, counts):
        times = f" (×{count})" if count > 1 else ""
        out.append((f"{where}: ", f"{_short(text, 100)}{times} → {describe(line)}", not line.assessable))
    for number, text, why in medlist.skipped:
        out.append((f"line {number}: " if number else f"{text}: ", (f"{text}: " if number else "") + f"skipped, {why}",
                    False))
    return out
