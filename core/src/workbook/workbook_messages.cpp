#include "workbook/workbook_messages.hpp"

namespace lmacheck::workbook {

std::vector<MessageTemplate> unreadable_messages() {
    return {
        {"workbook-not-zip", "the file is not a workbook: an .xlsx or .ods file is a zip archive, and this is not one",
         "het bestand is geen werkmap: een .xlsx- of .ods-bestand is een zip-archief, en dit is er geen"},
        {"workbook-not-workbook", "the zip archive holds no workbook (no xl/workbook.xml and no content.xml)",
         "het zip-archief bevat geen werkmap (geen xl/workbook.xml en geen content.xml)"},
        {"workbook-truncated", "the workbook is damaged or incomplete: its zip archive cannot be read",
         "de werkmap is beschadigd of onvolledig: het zip-archief kan niet worden gelezen"},
        {"workbook-encrypted", "the workbook is protected with a password; save it without one",
         "de werkmap is met een wachtwoord beveiligd; sla hem op zonder wachtwoord"},
        {"workbook-legacy", "the file is an old binary Excel workbook (.xls); save it as .xlsx",
         "het bestand is een oude binaire Excel-werkmap (.xls); sla hem op als .xlsx"},
        {"workbook-zip64", "the workbook uses zip64, which only a workbook of gigabytes needs",
         "de werkmap gebruikt zip64, wat alleen een werkmap van gigabytes nodig heeft"},
        {"workbook-too-many-parts", "the workbook's zip archive holds more than {limit} parts",
         "het zip-archief van de werkmap bevat meer dan {limit} onderdelen"},
        {"workbook-expands-too-far", "the workbook unpacks to more than the limit of {limit} bytes",
         "de werkmap wordt uitgepakt groter dan de limiet van {limit} bytes"},
        {"workbook-too-many-cells", "the workbook has more than the limit of {limit} filled cells",
         "de werkmap heeft meer dan de limiet van {limit} gevulde cellen"},
        {"workbook-too-many-sheets", "the workbook has more than {limit} sheets",
         "de werkmap heeft meer dan {limit} werkbladen"},
        {"workbook-too-many-strings",
         "the workbook holds more than {limit} shared texts, more than the limit of filled cells could use",
         "de werkmap bevat meer dan {limit} gedeelde teksten, meer dan de limiet van gevulde cellen kan gebruiken"},
        {"workbook-shared-sheet-part",
         "the sheets {detail} are one and the same part of the workbook; every sheet must have a part of its own",
         "de werkbladen {detail} zijn een en hetzelfde onderdeel van de werkmap; elk werkblad moet een eigen "
         "onderdeel hebben"},
        {"workbook-bad-string", "cell {detail} refers to a text the workbook does not hold (it holds {limit})",
         "cel {detail} verwijst naar een tekst die niet in de werkmap staat (er staan er {limit} in)"},
        {"workbook-bad-address", "the workbook names a cell outside the sheet: {detail}",
         "de werkmap noemt een cel buiten het werkblad: {detail}"},
        {"workbook-damaged-part",
         "the workbook is damaged: its part {detail} does not unpack to the size and checksum its zip archive gives",
         "de werkmap is beschadigd: het onderdeel {detail} pakt niet uit tot de grootte en controlesom die het "
         "zip-archief opgeeft"},
        {"workbook-bad-xml", "the workbook is damaged: its part {detail} (part:line:column) is not well-formed XML",
         "de werkmap is beschadigd: het onderdeel {detail} (onderdeel:regel:kolom) is geen geldige XML"},
        {"workbook-doctype",
         "the workbook's part {detail} (part:line:column) holds a document type declaration, which no workbook has",
         "het onderdeel {detail} (onderdeel:regel:kolom) van de werkmap bevat een documenttypedeclaratie, die geen "
         "werkmap heeft"},
        {"workbook-broken", "the workbook cannot be read: {detail}", "de werkmap kan niet worden gelezen: {detail}"},
        {"workbook-missing-sheets", "the workbook lacks the sheets its kind of submission needs: {detail}",
         "de werkmap mist werkbladen die deze soort inzending nodig heeft: {detail}"},
        {"workbook-missing-sheets-hidden",
         "the workbook lacks the sheets its kind of submission needs: {detail}; hidden sheets are not read, so "
         "unhide those that are there but hidden",
         "de werkmap mist werkbladen die deze soort inzending nodig heeft: {detail}; verborgen werkbladen worden niet "
         "gelezen, dus maak de werkbladen die er verborgen zijn weer zichtbaar"},
        {"workbook-hidden-submission-sheet",
         "the workbook's sheet `submission` is hidden, and hidden sheets are not read: unhide it",
         "het werkblad `submission` van de werkmap is verborgen, en verborgen werkbladen worden niet gelezen: maak "
         "het weer zichtbaar"},
        {"workbook-no-submission-sheet",
         "the workbook has no sheet `submission` (format, kind, reporting year and submitter)",
         "de werkmap heeft geen werkblad `submission` (formaat, soort, verslagjaar en inzender)"},
    };
}

std::vector<MessageTemplate> structure_messages() {
    return {
        {"workbook-text-number",
         "expected {expected_en}, got the text \"{text}\": enter it as a number, not as text (a decimal comma is "
         "fine when the spreadsheet is set to Dutch)",
         "verwacht {expected_nl}, gevonden de tekst \"{text}\": voer het in als getal, niet als tekst (met een "
         "decimale komma als het rekenblad in het Nederlands staat)"},
        {"workbook-formula-without-value",
         "the formula in this cell has no computed value: open the workbook in a spreadsheet program and save it",
         "de formule in deze cel heeft geen berekende waarde: open de werkmap in een rekenprogramma en sla hem op"},
        {"workbook-external-reference",
         "the formula in this cell takes its value from another file, which is never opened: enter the value itself",
         "de formule in deze cel haalt haar waarde uit een ander bestand, dat nooit wordt geopend: vul de waarde zelf in"},
        {"workbook-value-without-field", "cell {cell} holds a value, but column A of its row names no field",
         "cel {cell} bevat een waarde, maar kolom A van die rij noemt geen veld"},
        {"workbook-not-a-number",
         "the number cell holds no number (the file says NaN or infinity): enter the value again",
         "de getalcel bevat geen getal (het bestand zegt NaN of oneindig): vul de waarde opnieuw in"},
        {"workbook-unknown-column", "column `{key}` is no field of this sheet (its header is in row 1)",
         "kolom `{key}` is geen veld van dit werkblad (de kop staat in rij 1)"},
        {"workbook-value-without-header", "cell {cell} holds a value in a column without a field name in row 1",
         "cel {cell} bevat een waarde in een kolom zonder veldnaam in rij 1"},
        {"workbook-record-without-key", "the row of cell {cell} has no financing stream in its `financing` column",
         "de rij van cel {cell} heeft geen financieringsstroom in de kolom `financing`"},
    };
}

}  // namespace lmacheck::workbook
