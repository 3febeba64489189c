#!/usr/bin/env python3
"""Checks that a printed HTML report lost nothing: every finding's message and
path (from the same run's JSON report) is on one page of the PDF's text
(`pdftotext -layout`, pages split by form feeds).

    check-pdf-text.py REPORT.json REPORT.txt LANG

-layout keeps columns side by side, so a message that wraps in its cell is
interleaved with the words of the cells beside it, line by line. A text is
found on a page when its words appear there in order as a subsequence of the
page's words; a word the browser broke inside (a long path at '/') may be
spread over page words that follow one another. Exit 0 when every text was found, 1
otherwise (listing what is missing)."""
import json
import sys


def words(text):
    return text.split()


def fits(rest, piece):
    """Whether the page word `piece` is `rest` or a piece the browser may
    have broken it into: ending where a line may break ('/', '.', '-' and
    other punctuation), or a long word's first part that filled its cell
    (overflow-wrap)."""
    if piece == rest:
        return True
    return rest.startswith(piece) and (not piece[-1].isalnum() or len(piece) >= 6)


def found_in(needle, page):
    """Whether the words of `needle` appear in order in `page` (a list of
    words), each whole or as pieces in order (pieces of one word may have
    other cells' words between them, as lines interleave). Every way of
    matching is followed at once (a set of states: the word reached and how
    much of it), so an early piece that looks like a prefix cannot mislead."""
    wanted = words(needle)
    done = (len(wanted), 0)
    states = {(0, 0)}
    for piece in page:
        if done in states:
            return True
        moved = set()
        for index, offset in states:
            if index == len(wanted):
                continue
            rest = wanted[index][offset:]
            if fits(rest, piece):
                moved.add((index + 1, 0) if piece == rest else (index, offset + len(piece)))
        states |= moved
    return done in states


def main():
    report_json, pdf_text, lang = sys.argv[1], sys.argv[2], sys.argv[3]
    whole_file = "(heel bestand)" if lang == "nl" else "(whole file)"
    with open(report_json, encoding="utf-8") as f:
        report = json.load(f)
    with open(pdf_text, encoding="utf-8") as f:
        pages = [words(page) for page in f.read().split("\f")]
    checked = 0
    missing = []
    for submission in report["submissions"]:
        for finding in submission["findings"]:
            path = finding["path"] or whole_file
            for what, text in (("message", finding["message"]), ("path", path)):
                checked += 1
                # Message and path of one finding share a table row, which
                # never breaks across pages: both must be on the same page.
                if not any(found_in(text, page) and found_in(finding["message"], page) for page in pages):
                    missing.append(f"{submission['file']}: {finding['rule']}: {what} {text!r}")
    if checked == 0:
        print("check-pdf-text: the JSON report has no findings to look for", file=sys.stderr)
        return 1
    for line in missing:
        print("not in the PDF:", line, file=sys.stderr)
    print(f"check-pdf-text: {checked - len(missing)} of {checked} texts on a page of {len(pages)}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
