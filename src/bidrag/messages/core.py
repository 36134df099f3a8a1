"""The wording of the core's refusals (``bidrag.core``), by code. Swedish msgids; the English
is in the ``.po``. A message says the reason only: faces put the field's name in front."""

from __future__ import annotations

from django.utils.translation import gettext_noop as N_

from bidrag.messages import Choice, register

register(
    {
        # --- money ---------------------------------------------------------------------------
        "money.type": N_("ska vara text eller ett heltal, inte {type}"),
        "money.empty": N_("är tomt"),
        "money.ambiguous": N_(
            "'{text}' är tvetydigt: skriv mellanslag mellan tusental och komma före ören"
        ),
        "money.not-an-amount": N_("'{text}' är inte ett belopp i kronor"),
        "money.decimals": N_("'{text}' har fler än två decimaler"),
        "money.ore": N_("'{text}' har ören; här krävs hela kronor"),
        "money.too-many-digits": N_(
            "har {digits} siffror; inget belopp får vara större än {max:kr}"
        ),
        "money.not-an-integer": N_("ska vara ett heltal, inte {type}"),
        "money.negative": N_("får inte vara negativt (är {amount:kr})"),
        "money.above-ceiling": N_("är större än det högsta tillåtna beloppet, {max:kr}"),
        # --- identifiers ---------------------------------------------------------------------
        "identifier.type": N_("ska vara text, inte {type}"),
        "identifier.empty": N_("är tomt"),
        "identifier.character": N_(
            "får bara innehålla siffror, mellanslag och bindestreck (inte '{character}')"
        ),
        "ocr.character": N_("får bara innehålla siffror och mellanslag (inte '{character}')"),
        "identifier.no-digits": N_("innehåller inga siffror"),
        "identifier.check-digit": N_(
            "kontrollsiffran stämmer inte (sista siffran är {got}, den ska vara {expected})"
        ),
        "orgnr.century": Choice(
            lambda p: "personal" if p.get("personnummer") else "plain",
            {
                "plain": N_(
                    "har 12 siffror som börjar med {start}: ett organisationsnummer med 12 "
                    "siffror börjar med {prefix}"
                ),
                "personal": N_(
                    "har 12 siffror som börjar med {start}: ett organisationsnummer med 12 "
                    "siffror börjar med {prefix} (19 eller 20 inleder ett personnummer)"
                ),
            },
        ),
        "orgnr.length": N_(
            "ett organisationsnummer har 10 siffror (eller 12 med prefixet {prefix}), "
            "här finns {digits}"
        ),
        "orgnr.personnummer": N_(
            "siffrorna 3–4 är {digits}: det är ett personnummer, inte ett organisationsnummer"
        ),
        "orgnr.middle-digits": N_(
            "siffrorna 3–4 är {digits}: i ett organisationsnummer är de 20 eller mer"
        ),
        "orgnr.stdnum": N_("avvisas av python-stdnum: {detail}"),
        "orgnr.form": N_("ska anges som NNNNNN-NNNN"),
        "giro.length": Choice(
            lambda p: "two" if p["max"] == p["min"] + 1 else "span",
            {
                "two": N_(
                    "ett {kind:label}nummer har {min} eller {max} siffror, här finns {digits}"
                ),
                "span": N_("ett {kind:label}nummer har {min}–{max} siffror, här finns {digits}"),
            },
        ),
        "giro.form": N_("ett {kind:label}nummer anges med bara siffror"),
        "ocr.length": N_("en OCR-referens har {min}–{max} siffror, här finns {digits}"),
        "ocr.length-digit": N_(
            "längdsiffran är {got}, den ska vara {expected} (referensen har {digits} siffror)"
        ),
        "ocr.base": N_("ska vara minst en siffra och bara siffror"),
        "ocr.too-long": N_(
            "har {digits} siffror: med kontrollsiffrorna skulle referensen få {total}, "
            "fler än {max}"
        ),
        # --- register ------------------------------------------------------------------------
        "register.not-a-county-code": N_("'{value}' är ingen länskod"),
        "register.type": N_("ska vara ett namn, inte {type}"),
        "register.empty": N_("är tomt"),
        "register.unknown": Choice(
            lambda p: "hint" if p.get("suggestions") else "plain",
            {
                "plain": N_("'{name}' är inte ett känt namn på {what:label}"),
                "hint": N_(
                    "'{name}' är inte ett känt namn på {what:label}; menade du {suggestions:or}?"
                ),
            },
        ),
        "register.ambiguous": N_("'{name}' är tvetydigt: {region} eller {county}"),
        # --- deadlines -----------------------------------------------------------------------
        "deadline.year": N_("året {year} ligger utanför helgdagskalendern ({first}–{last})"),
        "deadline.type": N_("ska vara ett datum, inte {type}"),
        # --- reference data ------------------------------------------------------------------
        "refdata.unknown-series": N_(
            "'{name}' är ingen av de medföljande serierna ({available:comma})"
        ),
        "refdata.header": N_("rubrikraden ska vara {expected:comma}, men är {header:comma}"),
        "refdata.not-a-county-code": N_("'{value}' är ingen länskod"),
        "refdata.duplicate-code": N_("länskod {value} står två gånger"),
        "refdata.code-mismatch": N_("'{name}' har länskod {actual}, men raden anger {stated}"),
        "refdata.missing-codes": N_("länskoder saknas: {codes:comma}"),
        # --- tables (CSV) --------------------------------------------------------------------
        "table.no-column": N_("kolumnen '{column}' finns inte; det finns {present:quoted_comma}"),
        "table.column-not-in-file": N_(
            "kolumnen '{column}' finns inte i {source}; det finns {present:quoted_comma}"
        ),
        "table.type": N_("ska vara bytes, inte {type}"),
        "table.binary-file": N_(
            "är {kind:label}, inte en tabell i textform; exportera den som CSV "
            "(UTF-8 eller Latin-1)"
        ),
        "table.utf16": N_("ogiltig UTF-16 vid byte {offset}"),
        "table.control-byte": Choice(
            lambda p: "utf16" if p.get("utf16") else "plain",
            {
                "plain": N_(
                    "är binär, inte en tabell i textform: styrtecknet {byte} vid byte {offset} "
                    "(rad {line})"
                ),
                "utf16": N_(
                    "är binär, inte en tabell i textform: styrtecknet {byte} vid byte {offset} "
                    "(rad {line}); den ser ut som UTF-16 utan byteordningsmärke: spara den som "
                    "UTF-8"
                ),
            },
        ),
        "table.bom-not-utf8": N_(
            "börjar med ett UTF-8-märke (BOM), men byte {offset} (rad {line}) är inte UTF-8"
        ),
        "table.encoding": N_(
            "är varken UTF-8 eller Latin-1/Windows-1252: byte {byte} vid byte {offset} (rad {line})"
        ),
        "table.control-character": N_(
            "är binär, inte en tabell i textform: styrtecknet {character} på rad {line}"
        ),
        "table.double-encoded": N_(
            "rad {line} lyder '{text}': UTF-8-text som lästs som Latin-1 och sparats igen; "
            "exportera filen på nytt"
        ),
        "table.csv": N_("kan inte läsas som CSV: {detail}"),
        "table.header-line": N_("rubrikrad {line} är tom eller finns inte"),
        "table.empty": N_("är tom: ingen rubrikrad"),
        "table.no-header": N_("ingen rubrikrad har en cell som innehåller '{text}'"),
        "table.delimiter": N_("avgränsaren ska vara komma, semikolon eller tabb"),
        "table.row-after-end": N_(
            "en datarad efter rad {ended_at}, där tabellen tog slut (en tom rad eller en "
            "anmärkning); ta bort uppehållet eller raden"
        ),
        "table.ragged": N_(
            "har {cells:cells}, men rubriken (rad {header_line}) har {width} "
            "({delimiter:label} som avgränsare)"
        ),
        "table.unnamed-column": N_(
            "kolumn {position} i rubriken saknar namn (rubriken i {source})"
        ),
        "table.duplicate-column": N_(
            "rubriken '{name}' står två gånger (kolumn {first} och {second})"
        ),
        "table.unreadable": N_("kan inte läsas: {detail}"),
        "table.cell-type": N_("ska vara text, inte {type}"),
        "table.empty-cell": N_("är tomt"),
        "table.not-a-number": N_("'{text}' är inte ett tal"),
        "table.not-a-whole-number": N_("'{text}' är inte ett heltal"),
        # --- SCB population files ------------------------------------------------------------
        "scb.not-a-code": N_("'{value}' är varken en länskod eller en kommunkod"),
        "scb.no-header": N_("den första länsraden i {source} har ingen rubrikrad ovanför sig"),
        "scb.no-county-row": N_(
            "ingen rad är märkt med ett län ('01 Stockholms län', 'Stockholms län') eller 'Riket'"
        ),
        "scb.no-county-cell": N_(
            "ingen cell i första raden är ett län ('01 Stockholms län', 'Stockholms län') "
            "eller 'Riket'"
        ),
        "scb.no-number-column": N_(
            "ingen kolumn har ett tal på varje rad; kolumnerna är {columns:quoted_comma}"
        ),
        "scb.several-number-columns": N_(
            "flera kolumner har tal ({columns:quoted_comma}); ange vilken som ska användas"
        ),
        "scb.no-rows": N_("har en rubrikrad men inga rader"),
        "scb.negative": N_("{value} är negativt"),
        "scb.duplicate-county": N_("{county} står två gånger (rad {first} och {second})"),
        "scb.municipalities-only": N_(
            "har kommunrader ('0114 Upplands Väsby') men inga länsrader; exportera länsnivån "
            "från SCB"
        ),
        "scb.missing-counties": N_("län saknas: {counties:comma}"),
        "scb.total": N_(
            "summaraden anger {printed:number}, men länen summerar till {total:number} "
            "(skillnad {difference:number})"
        ),
        "scb.municipality-sum": N_(
            "{county} har {value:number}, men dess {rows} kommunrader (rad {first}–{last}) "
            "summerar till {sum:number}; ta bort kommunraderna eller exportera alla"
        ),
        "scb.code-mismatch": N_(
            "kod {code} är {county}, men namnet lyder '{text}' ({named}, {named_code})"
        ),
        # --- allocation ----------------------------------------------------------------------
        "allocation.decimals": N_("antalet decimaler ska vara ett heltal som inte är negativt"),
        "allocation.no-such-key": N_("nyckeln '{key}' finns inte; nycklarna är {keys:comma}"),
        "allocation.no-working-data": N_("resultatet saknar sina mellanled"),
        "allocation.not-an-integer": N_("ska vara ett heltal (kronor), inte {type}"),
        "allocation.not-a-number": N_("ska vara ett heltal eller ett bråk, inte {type}"),
        "allocation.negative": N_("får inte vara negativt (är {value})"),
        "allocation.rounding": N_("okänd avrundning '{value}'; giltiga är {valid:comma}"),
        "allocation.no-keys": N_("minst en nyckel behövs"),
        "allocation.key-type": N_("ska vara en nyckel (Key), inte {type}"),
        "allocation.key-name": N_("en nyckel behöver ett namn"),
        "allocation.duplicate-key": N_("nyckeln '{key}' står två gånger"),
        "allocation.weight": N_("vikten ska vara större än noll (är {value})"),
        "allocation.no-value": N_("värde saknas för nyckeln '{key}'"),
        "allocation.no-recipients": N_("listan över mottagare är tom"),
        "allocation.label-type": N_("mottagarens namn ska vara text, inte {type}"),
        "allocation.duplicate-recipient": N_(
            "mottagaren står två gånger (rad {first} och {second})"
        ),
        "allocation.empty-label": N_("mottagarens namn är tomt"),
        "allocation.base-exceeds-total": N_(
            "{total:kr} räcker inte till grundbeloppet {base:kr} för {recipients} mottagare"
        ),
        "allocation.zero-key": N_("alla värden är noll; nyckeln kan inte fördela något"),
        "allocation.adjustment-type": N_("ska vara en justering (Adjustment), inte {type}"),
        "allocation.unknown-recipient": N_("'{recipient}' är ingen av mottagarna"),
        "allocation.reason-required": N_("en justering behöver ett skäl"),
        "allocation.adjustment-negative": N_(
            "{kronor:signed} skulle göra beloppet negativt ({amount:kr})"
        ),
    }
)
