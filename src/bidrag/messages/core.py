"""The wording of the core's refusals (``bidrag.core``), by code. Swedish msgids; the English
is in the ``.po``. A message says the reason only: faces put the field's name in front."""

from __future__ import annotations

from django.utils.translation import gettext_noop

from bidrag.messages import Choice, register

register(
    {
        # --- money ---------------------------------------------------------------------------
        "money.type": gettext_noop("ska vara text eller ett heltal, inte {type}"),
        "money.empty": gettext_noop("är tomt"),
        "money.ambiguous": gettext_noop(
            "'{text}' är tvetydigt: skriv mellanslag mellan tusental och komma före ören"
        ),
        "money.not-an-amount": gettext_noop("'{text}' är inte ett belopp i kronor"),
        "money.decimals": gettext_noop("'{text}' har fler än två decimaler"),
        "money.ore": gettext_noop("'{text}' har ören; här krävs hela kronor"),
        "money.too-many-digits": gettext_noop(
            "har {digits} siffror; inget belopp får vara större än {max:kr}"
        ),
        "money.not-an-integer": gettext_noop("ska vara ett heltal, inte {type}"),
        "money.negative": gettext_noop("får inte vara negativt (är {amount:kr})"),
        "money.above-ceiling": gettext_noop("är större än det högsta tillåtna beloppet, {max:kr}"),
        # --- identifiers ---------------------------------------------------------------------
        "identifier.type": gettext_noop("ska vara text, inte {type}"),
        "identifier.empty": gettext_noop("är tomt"),
        "identifier.character": gettext_noop(
            "får bara innehålla siffror, mellanslag och bindestreck (inte '{character}')"
        ),
        "ocr.character": gettext_noop(
            "får bara innehålla siffror och mellanslag (inte '{character}')"
        ),
        "identifier.no-digits": gettext_noop("innehåller inga siffror"),
        "identifier.check-digit": gettext_noop(
            "kontrollsiffran stämmer inte (sista siffran är {got}, den ska vara {expected})"
        ),
        "orgnr.century": Choice(
            lambda p: "personal" if p.get("personnummer") else "plain",
            {
                "plain": gettext_noop(
                    "har 12 siffror som börjar med {start}: ett organisationsnummer med 12 "
                    "siffror börjar med {prefix}"
                ),
                "personal": gettext_noop(
                    "har 12 siffror som börjar med {start}: ett organisationsnummer med 12 "
                    "siffror börjar med {prefix} (19 eller 20 inleder ett personnummer)"
                ),
            },
        ),
        "orgnr.length": gettext_noop(
            "ett organisationsnummer har 10 siffror (eller 12 med prefixet {prefix}), "
            "här finns {digits}"
        ),
        "orgnr.personnummer": gettext_noop(
            "siffrorna 3–4 är {digits}: det är ett personnummer, inte ett organisationsnummer"
        ),
        "orgnr.middle-digits": gettext_noop(
            "siffrorna 3–4 är {digits}: i ett organisationsnummer är de 20 eller mer"
        ),
        "orgnr.stdnum": gettext_noop("avvisas av python-stdnum: {detail}"),
        "orgnr.form": gettext_noop("ska anges som NNNNNN-NNNN"),
        "giro.length": Choice(
            lambda p: "two" if p["max"] == p["min"] + 1 else "span",
            {
                "two": gettext_noop(
                    "ett {kind:label}nummer har {min} eller {max} siffror, här finns {digits}"
                ),
                "span": gettext_noop(
                    "ett {kind:label}nummer har {min}–{max} siffror, här finns {digits}"
                ),
            },
        ),
        "giro.form": gettext_noop("ett {kind:label}nummer anges med bara siffror"),
        "ocr.length": gettext_noop("en OCR-referens har {min}–{max} siffror, här finns {digits}"),
        "ocr.length-digit": gettext_noop(
            "längdsiffran är {got}, den ska vara {expected} (referensen har {digits} siffror)"
        ),
        "ocr.base": gettext_noop("ska vara minst en siffra och bara siffror"),
        "ocr.too-long": gettext_noop(
            "har {digits} siffror: med kontrollsiffrorna skulle referensen få {total}, "
            "fler än {max}"
        ),
        # --- payment details (core.payment_details) ------------------------------------------
        "payment.digits-only": gettext_noop("ska anges med bara siffror"),
        "payment.account-type": gettext_noop("ska vara bankgiro eller plusgiro, inte '{kind}'"),
        "payment.ocr-and-message": gettext_noop(
            "ange en OCR-referens eller ett meddelande, inte båda"
        ),
        "payment.message-length": gettext_noop(
            "har {length} tecken; ett meddelande har högst {max}"
        ),
        "payment.control-character": gettext_noop(
            "innehåller ett styrtecken (en radbrytning eller en tabb)"
        ),
        # --- register ------------------------------------------------------------------------
        "register.not-a-county-code": gettext_noop("'{value}' är ingen länskod"),
        "register.type": gettext_noop("ska vara ett namn, inte {type}"),
        "register.empty": gettext_noop("är tomt"),
        "register.unknown": Choice(
            lambda p: "hint" if p.get("suggestions") else "plain",
            {
                "plain": gettext_noop("'{name}' är inte ett känt namn på {what:label}"),
                "hint": gettext_noop(
                    "'{name}' är inte ett känt namn på {what:label}; menade du {suggestions:or}?"
                ),
            },
        ),
        "register.ambiguous": gettext_noop("'{name}' är tvetydigt: {region} eller {county}"),
        # --- deadlines -----------------------------------------------------------------------
        "deadline.year": gettext_noop(
            "året {year} ligger utanför helgdagskalendern ({first}–{last})"
        ),
        "deadline.type": gettext_noop("ska vara ett datum, inte {type}"),
        # --- reference data ------------------------------------------------------------------
        "refdata.unknown-series": gettext_noop(
            "'{name}' är ingen av de medföljande serierna ({available:comma})"
        ),
        "refdata.header": gettext_noop(
            "rubrikraden ska vara {expected:comma}, men är {header:comma}"
        ),
        "refdata.not-a-county-code": gettext_noop("'{value}' är ingen länskod"),
        "refdata.duplicate-code": gettext_noop("länskod {value} står två gånger"),
        "refdata.code-mismatch": gettext_noop(
            "'{name}' har länskod {actual}, men raden anger {stated}"
        ),
        "refdata.missing-codes": gettext_noop("länskoder saknas: {codes:comma}"),
        # --- tables (CSV) --------------------------------------------------------------------
        "table.no-column": gettext_noop(
            "kolumnen '{column}' finns inte; det finns {present:quoted_comma}"
        ),
        "table.column-not-in-file": gettext_noop(
            "kolumnen '{column}' finns inte i {source}; det finns {present:quoted_comma}"
        ),
        "table.type": gettext_noop("ska vara bytes, inte {type}"),
        "table.binary-file": gettext_noop(
            "är {kind:label}, inte en tabell i textform; exportera den som CSV "
            "(UTF-8 eller Latin-1)"
        ),
        "table.utf16": gettext_noop("ogiltig UTF-16 vid byte {offset}"),
        "table.control-byte": Choice(
            lambda p: "utf16" if p.get("utf16") else "plain",
            {
                "plain": gettext_noop(
                    "är binär, inte en tabell i textform: styrtecknet {byte} vid byte {offset} "
                    "(rad {line})"
                ),
                "utf16": gettext_noop(
                    "är binär, inte en tabell i textform: styrtecknet {byte} vid byte {offset} "
                    "(rad {line}); den ser ut som UTF-16 utan byteordningsmärke: spara den som "
                    "UTF-8"
                ),
            },
        ),
        "table.bom-not-utf8": gettext_noop(
            "börjar med ett UTF-8-märke (BOM), men byte {offset} (rad {line}) är inte UTF-8"
        ),
        "table.encoding": gettext_noop(
            "är varken UTF-8 eller Latin-1/Windows-1252: byte {byte} vid byte {offset} (rad {line})"
        ),
        "table.control-character": gettext_noop(
            "är binär, inte en tabell i textform: styrtecknet {character} på rad {line}"
        ),
        "table.double-encoded": gettext_noop(
            "rad {line} lyder '{text}': UTF-8-text som lästs som Latin-1 och sparats igen; "
            "exportera filen på nytt"
        ),
        "table.csv": gettext_noop("kan inte läsas som CSV: {detail}"),
        "table.header-line": gettext_noop("rubrikrad {line} är tom eller finns inte"),
        "table.empty": gettext_noop("är tom: ingen rubrikrad"),
        "table.no-header": gettext_noop("ingen rubrikrad har en cell som innehåller '{text}'"),
        "table.delimiter": gettext_noop("avgränsaren ska vara komma, semikolon eller tabb"),
        "table.row-after-end": gettext_noop(
            "en datarad efter rad {ended_at}, där tabellen tog slut (en tom rad eller en "
            "anmärkning); ta bort uppehållet eller raden"
        ),
        "table.ragged": gettext_noop(
            "har {cells:cells}, men rubriken (rad {header_line}) har {width} "
            "({delimiter:label} som avgränsare)"
        ),
        "table.unnamed-column": gettext_noop(
            "kolumn {position} i rubriken saknar namn (rubriken i {source})"
        ),
        "table.duplicate-column": gettext_noop(
            "rubriken '{name}' står två gånger (kolumn {first} och {second})"
        ),
        "table.unreadable": gettext_noop("kan inte läsas: {detail}"),
        # --- limits ----------------------------------------------------------------------------
        "limit.file-size": Choice(
            lambda p: "known" if p.get("size") else "unknown",
            {
                "known": gettext_noop("är {size}; filen får vara högst {limit}"),
                "unknown": gettext_noop("är för stor; filen får vara högst {limit}"),
            },
        ),
        "limit.digits": gettext_noop("ett tal med {digits} siffror; högst {max} siffror läses"),
        "table.cell-type": gettext_noop("ska vara text, inte {type}"),
        "table.empty-cell": gettext_noop("är tomt"),
        "table.not-a-number": gettext_noop("'{text}' är inte ett tal"),
        "table.not-a-whole-number": gettext_noop("'{text}' är inte ett heltal"),
        # --- SCB population files ------------------------------------------------------------
        "scb.not-a-code": gettext_noop("'{value}' är varken en länskod eller en kommunkod"),
        "scb.no-header": gettext_noop(
            "den första länsraden i {source} har ingen rubrikrad ovanför sig"
        ),
        "scb.no-county-row": gettext_noop(
            "ingen rad är märkt med ett län ('01 Stockholms län', 'Stockholms län') eller 'Riket'"
        ),
        "scb.no-county-cell": gettext_noop(
            "ingen cell i första raden är ett län ('01 Stockholms län', 'Stockholms län') "
            "eller 'Riket'"
        ),
        "scb.no-number-column": gettext_noop(
            "ingen kolumn har ett tal på varje rad; kolumnerna är {columns:quoted_comma}"
        ),
        "scb.several-number-columns": gettext_noop(
            "flera kolumner har tal ({columns:quoted_comma}); ange vilken som ska användas"
        ),
        "scb.no-rows": gettext_noop("har en rubrikrad men inga rader"),
        "scb.negative": gettext_noop("{value} är negativt"),
        "scb.duplicate-county": gettext_noop("{county} står två gånger (rad {first} och {second})"),
        "scb.municipalities-only": gettext_noop(
            "har kommunrader ('0114 Upplands Väsby') men inga länsrader; exportera länsnivån "
            "från SCB"
        ),
        "scb.missing-counties": gettext_noop("län saknas: {counties:comma}"),
        "scb.total": gettext_noop(
            "summaraden anger {printed:number}, men länen summerar till {total:number} "
            "(skillnad {difference:number})"
        ),
        "scb.municipality-sum": gettext_noop(
            "{county} har {value:number}, men dess {rows} kommunrader (rad {first}–{last}) "
            "summerar till {sum:number}; ta bort kommunraderna eller exportera alla"
        ),
        "scb.code-mismatch": gettext_noop(
            "kod {code} är {county}, men namnet lyder '{text}' ({named}, {named_code})"
        ),
        # --- allocation ----------------------------------------------------------------------
        "allocation.decimals": gettext_noop(
            "antalet decimaler ska vara ett heltal som inte är negativt"
        ),
        "allocation.no-such-key": gettext_noop(
            "nyckeln '{key}' finns inte; nycklarna är {keys:comma}"
        ),
        "allocation.no-working-data": gettext_noop("resultatet saknar sina mellanled"),
        "allocation.not-an-integer": gettext_noop("ska vara ett heltal (kronor), inte {type}"),
        "allocation.not-a-number": gettext_noop("ska vara ett heltal eller ett bråk, inte {type}"),
        "allocation.negative": gettext_noop("får inte vara negativt (är {value})"),
        "allocation.rounding": gettext_noop("okänd avrundning '{value}'; giltiga är {valid:comma}"),
        "allocation.no-keys": gettext_noop("minst en nyckel behövs"),
        "allocation.key-type": gettext_noop("ska vara en nyckel (Key), inte {type}"),
        "allocation.key-name": gettext_noop("en nyckel behöver ett namn"),
        "allocation.duplicate-key": gettext_noop("nyckeln '{key}' står två gånger"),
        "allocation.weight": gettext_noop("vikten ska vara större än noll (är {value})"),
        "allocation.no-value": gettext_noop("värde saknas för nyckeln '{key}'"),
        "allocation.no-recipients": gettext_noop("listan över mottagare är tom"),
        "allocation.label-type": gettext_noop("mottagarens namn ska vara text, inte {type}"),
        "allocation.duplicate-recipient": gettext_noop(
            "mottagaren står två gånger (rad {first} och {second})"
        ),
        "allocation.empty-label": gettext_noop("mottagarens namn är tomt"),
        "allocation.base-exceeds-total": gettext_noop(
            "{total:kr} räcker inte till grundbeloppet {base:kr} för {recipients} mottagare"
        ),
        "allocation.zero-key": gettext_noop("alla värden är noll; nyckeln kan inte fördela något"),
        "allocation.adjustment-type": gettext_noop(
            "ska vara en justering (Adjustment), inte {type}"
        ),
        "allocation.unknown-recipient": gettext_noop("'{recipient}' är ingen av mottagarna"),
        "allocation.reason-required": gettext_noop("en justering behöver ett skäl"),
        "allocation.adjustment-negative": gettext_noop(
            "{kronor:signed} skulle göra beloppet negativt ({amount:kr})"
        ),
    }
)
