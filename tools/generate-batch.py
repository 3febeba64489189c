#!/usr/bin/env python3
"""Writes a realistic national LMA batch: every institution and municipality of
one or more reporting years, valid by default, optionally with known defects.

    python3 tools/generate-batch.py OUT [--years 2019 2020] [--seed 1]
        [--institutions 300] [--municipalities 350] [--locations-max 40]
        [--defects RATE] [--outliers RATE] [--jumps RATE] [--force]

Output:

    OUT/YEAR/institution-AGB.json        one per institution and year
    OUT/YEAR/municipality-GMxxxx.json    one per municipality valid that year
    OUT/defects.json                     the manifest of planted defects
    OUT/data/                            a data directory for --data-dir

The shipped reference list (rules/reference/municipalities.json) holds real
CBS codes only, and only a subset of them. The generated country adds
fictional municipalities with codes GM9000..GM9999 (CBS codes so far stay
below GM2000), so the batch needs its own reference list: OUT/data holds
a copy of schemas/ and rules/ whose municipalities.json is the shipped list
plus the fictional entries. Validate the year directories, not OUT itself:

    lmacheck validate --data-dir OUT/data OUT/2019

Every number satisfies every rule of the rule catalog at its default options,
including the ones that compare files (each central municipality's sheltered
housing places are within a few per cent of the wmo_bw places that the batch's
accepted institutions report in its region) and years (capacity, DBC totals
and FACT teams change slowly, certified FACT teams never drop).

--defects RATE gives each file that probability of one planted defect, of
the kind planted least often so far, so a batch with enough defective files
holds every kind. The manifest lists, per defect, the file (relative to OUT),
the defect, the rule and path of its main finding, the file's expected
status, and the complete list of findings the file must get (nothing else
may fire on it). See docs/batch.md.

--outliers RATE and --jumps RATE plant figures that pass every rule of one
file but stand out among the other submitters (plausibility.outlier: FTE or
clients per FACT team, sheltered-housing budget per place near the level-1
maxima, far from the peers) or against the submitter's previous year
(plausibility.change: the DBC total or the EPA clients 2.5 times the year
before; only in a year whose previous year the batch also holds). Each file
gets at most one, never in a file with a defect; OUT/plausibility.json lists
them (file, kind, rule, indicator). tools/plausibility-benchmark.py counts
how many the rules find.

The same arguments always write the same bytes. Identities (AGB codes, names,
locations) depend on the seed, --municipalities and the institution's index
only, so they are the same in every year, and institution N is the same
whatever --institutions.
Python 3 standard library only.
"""

import argparse
import calendar
import itertools
import json
import math
import os
import random
import shutil
import sys
from dataclasses import dataclass, field

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REFERENCE_FILE = os.path.join("rules", "reference", "municipalities.json")

FIRST_YEAR, LAST_YEAR = 2008, 2035
AWBZ_LAST_YEAR = 2014       # financing.valid-for-year
BASIS_GGZ_FIRST_YEAR = 2014  # ambulatory.basis-ggz-from-2014
CLINICAL_QUALITY_FROM = 2019
DAYS_PER_PLACE = 365

FINE = ["min_0_249", "min_250_799", "min_800_1799", "min_1800_2999", "min_3000_5999",
        "min_6000_11999", "min_12000_17999", "min_18000_27999", "min_28000_plus"]
COARSE = {"min_0_1799": FINE[0:3], "min_1800_5999": FINE[3:5], "min_6000_plus": FINE[5:9]}
# Typical share of closed DBC trajectories per minute category.
FINE_WEIGHTS = [0.23, 0.27, 0.20, 0.12, 0.09, 0.05, 0.02, 0.01, 0.004]
PROVINCES = ["GR", "FR", "DR", "OV", "FL", "GE", "UT", "NH", "ZH", "ZE", "NB", "LI"]

# A location's intramural setting and the financing stream it uses per year.
CLINIC, LONG_STAY, SHELTERED = "clinic", "long_stay", "sheltered"
# Yearly factor on a setting's beds: ambulantisering reduces long-stay beds.
BED_TREND = {CLINIC: 0.985, LONG_STAY: 0.975, SHELTERED: 1.0}

# Population of the real municipalities of the shipped list (rounded, for
# scaling their figures only); a real code not listed here gets 40,000.
REAL_POPULATION = {
    "GM0014": 230000, "GM0017": 20000, "GM0034": 210000, "GM0080": 123000, "GM0106": 68000,
    "GM0193": 128000, "GM0202": 160000, "GM0307": 157000, "GM0344": 360000, "GM0356": 63000,
    "GM0362": 90000, "GM0363": 870000, "GM0384": 29000, "GM0518": 545000, "GM0599": 650000,
    "GM0687": 48000, "GM0715": 54000, "GM0718": 44000, "GM0772": 235000, "GM0796": 155000,
    "GM0861": 45000, "GM0865": 26000, "GM0935": 121000, "GM0983": 101000,
}
NATIONAL_CENTRALS = 43  # sheltered-housing regions in the Netherlands
# Provinces of the fictional central municipalities (27 = 43 minus the 16 real ones).
FICTIONAL_CENTRAL_PROVINCES = (["GE"] * 6 + ["ZH"] * 5 + ["NH"] * 4 + ["NB"] * 4 + ["OV"] * 3 +
                               ["LI"] * 2 + ["DR", "FR", "FL"])
FICTIONAL_CODE_BASE = 9000
UNKNOWN_CODE_BASE = 8000  # never a real code, never generated: for planted defects

NAME_HEADS = ["Ooster", "Wester", "Noorder", "Zuider", "Hoog", "Laag", "Groot", "Klein", "Nieuw", "Oud",
              "Eiken", "Linden", "Wilgen", "Beuken", "Hazel", "Berken", "Elzen", "Essen", "Haver", "Rogge",
              "Mol", "Vos", "Ree", "Kraai", "Zwanen", "Ganze", "Bever", "Otter", "Heide", "Duin"]
NAME_TAILS = ["veen", "dam", "dijk", "broek", "hoven", "horst", "wijk", "zand", "berg", "loo",
              "meer", "huizen", "geest", "wolde", "rade", "kerk", "beek", "schoten", "sloot", "stein",
              "haven", "burg", "mond", "woude"]
INSTITUTION_FORMS = ["GGZ {}", "Stichting GGZ {}", "Zorggroep {}", "GGZ-instelling {}", "Psychiatrisch Centrum {}",
                     "Centrum voor GGZ {}", "Ambulante GGZ {}", "Stichting {} Zorg", "{} Psychiatrie"]
INSTITUTION_CORES = ["De Linde", "Het Baken", "De Horst", "Zonnehoeve", "De Eik", "Het Anker", "De Brug",
                     "Lindenhove", "Rivierduinen", "De Boog", "Het Kompas", "De Waard", "Dijkzicht",
                     "Veldzicht", "De Hoeve", "Meerkanten", "Het Lichtpunt", "De Oever", "Parkzicht",
                     "De Kade", "Het Spectrum", "De Hazelaar", "Duinrand", "Het Venster"]
LOCATION_WORDS = {
    CLINIC: ["Kliniek", "Klinisch centrum", "Opname"],
    LONG_STAY: ["Woonzorgcentrum", "Langdurige zorg", "Verblijf"],
    SHELTERED: ["Beschermd wonen", "Woonvoorziening", "Woonhuis"],
    None: ["Polikliniek", "FACT-team", "Ambulant centrum"],
}


def fail(message):
    sys.stderr.write("generate-batch: " + message + "\n")
    sys.exit(2)


def days_in_year(year):
    return 366 if calendar.isleap(year) else 365


def log_uniform(rng, low, high):
    return math.exp(rng.uniform(math.log(low), math.log(high)))


# ---------------------------------------------------------------------------
# The country: municipalities and their sheltered-housing regions

@dataclass
class Municipality:
    code: str
    population: int
    entries: list  # reference-list entries (dicts) for this code

    def entry(self, year):
        for e in self.entries:
            if e["valid_from"] <= year <= e["valid_to"]:
                return e
        return None


@dataclass
class Country:
    municipalities: list              # in generation order; --municipalities keeps the first N
    by_code: dict
    fictional_entries: list           # reference entries written beside the shipped ones

    def valid_in(self, year):
        return [m for m in self.municipalities if m.entry(year) is not None]

    def current_code(self, code, year):
        """The code a location in `code` has in `year`: itself while it exists,
        afterwards the central municipality of its last region (a merger)."""
        m = self.by_code[code]
        if m.entry(year) is not None:
            return code
        region = max(m.entries, key=lambda e: e["valid_to"])["region"]
        for other in self.municipalities:
            e = other.entry(year)
            if e is not None and e["central"] and e["region"] == region:
                return other.code
        raise RuntimeError("no successor for " + code + " in " + str(year))


def load_shipped_reference():
    with open(os.path.join(ROOT, REFERENCE_FILE), encoding="utf-8") as fh:
        return json.load(fh)


def unique_names(rng, count, taken):
    names = [h + t for h in NAME_HEADS for t in NAME_TAILS]
    rng.shuffle(names)
    out = [name for name in names if name not in taken][:count]
    if len(out) < count:
        raise RuntimeError("not enough fictional municipality names")
    taken.update(out)
    return out


def build_country(seed, count):
    """The first `count` municipalities of a country with the real shipped
    codes first (centrals, then the others), then fictional central
    municipalities (43 regions in all, as in the Netherlands), then fictional
    municipalities spread over those regions."""
    rng = random.Random("%s:country" % seed)
    shipped = load_shipped_reference()
    by_code = {}
    for e in shipped:
        by_code.setdefault(e["code"], []).append(e)
    real = [Municipality(code, REAL_POPULATION.get(code, 40000), entries)
            for code, entries in sorted(by_code.items())]
    always_central = [m for m in real if all(e["central"] for e in m.entries)]
    real_others = [m for m in real if m not in always_central]

    taken = {e["name"] for e in shipped}
    fictional_centrals = max(0, min(count - len(always_central), NATIONAL_CENTRALS - len(always_central),
                                    len(FICTIONAL_CENTRAL_PROVINCES)))
    real_others = real_others[:max(0, count - len(always_central) - fictional_centrals)]
    fictional_others = max(0, count - len(always_central) - fictional_centrals - len(real_others))
    names = unique_names(rng, fictional_centrals + fictional_others, taken)
    codes = iter(range(FICTIONAL_CODE_BASE, FICTIONAL_CODE_BASE + 1000))

    fictional_entries = []
    centrals = []
    for i in range(fictional_centrals):
        name = names[i]
        entry = {"code": "GM%04d" % next(codes), "name": name, "province": FICTIONAL_CENTRAL_PROVINCES[i],
                 "region": name, "central": True, "valid_from": FIRST_YEAR, "valid_to": LAST_YEAR}
        centrals.append(Municipality(entry["code"], int(log_uniform(rng, 60000, 250000)), [entry]))
        fictional_entries.append(entry)
    regions = [(m.entries[-1]["region"], m.entries[-1]["province"]) for m in always_central + centrals]
    others = []
    for name in names[fictional_centrals:]:
        region, province = rng.choice(regions)
        entry = {"code": "GM%04d" % next(codes), "name": name, "province": province, "region": region,
                 "central": False, "valid_from": FIRST_YEAR, "valid_to": LAST_YEAR}
        others.append(Municipality(entry["code"], int(log_uniform(rng, 8000, 80000)), [entry]))
        fictional_entries.append(entry)

    ordered = (always_central + centrals + real_others + others)[:count]
    return Country(ordered, {m.code: m for m in ordered}, fictional_entries)


def write_data_dir(out, country):
    """OUT/data: schemas/ and rules/ of this repository, with the fictional
    municipalities added to the reference list (the shipped entries as they are)."""
    data = os.path.join(out, "data")
    shutil.copytree(os.path.join(ROOT, "schemas"), os.path.join(data, "schemas"))
    shutil.copytree(os.path.join(ROOT, "rules"), os.path.join(data, "rules"))
    entries = load_shipped_reference() + country.fictional_entries
    entries.sort(key=lambda e: (e["code"], e["valid_from"]))
    lines = [json.dumps(e, ensure_ascii=False) for e in entries]
    with open(os.path.join(data, REFERENCE_FILE), "w", encoding="utf-8") as fh:
        fh.write("[\n  " + ",\n  ".join(lines) + "\n]\n")
    with open(os.path.join(data, "README.md"), "w", encoding="utf-8") as fh:
        fh.write("Written by tools/generate-batch.py: schemas/ and rules/ of lmacheck, with the\n"
                 "generated country's fictional municipalities (GM9000..GM9999) added to\n"
                 "rules/reference/municipalities.json. Pass this directory as --data-dir.\n")


# ---------------------------------------------------------------------------
# Institutions: identity and locations are drawn once, figures per year

@dataclass
class Stream:
    setting: str
    beds: float        # beds in 2008; the year's beds follow BED_TREND
    occupancy: float   # the usual occupancy; each year varies a little
    stay_days: float   # average length of a clinical stay (zvw clients)


@dataclass
class Location:
    location_id: str
    name: str
    code: str          # municipality code in the first year
    streams: list = field(default_factory=list)


@dataclass
class Institution:
    index: int
    agb_code: str
    name: str
    member: bool
    locations: list
    dbc_base: int
    dbc_trend: float
    fine_weights: list
    teams_base: int
    team_growth: float
    certified_base: int
    certified_growth: float
    fte_per_team: float
    clients_per_team: float
    # The institution's share of clients with a severe mental illness, the
    # same from year to year (as a real caseload is), not drawn anew each year.
    epa_share: float


def agb_code(seed, index):
    # 7919 is coprime to 10**6, so distinct indices get distinct codes.
    offset = random.Random("%s:agb" % seed).randrange(1000000)
    return "06%06d" % ((index * 7919 + offset) % 1000000)


def institution_name(rng, index, taken):
    for _ in range(100):
        core = rng.choice(INSTITUTION_CORES + [h + t for h in NAME_HEADS[:12] for t in NAME_TAILS[:8]])
        name = rng.choice(INSTITUTION_FORMS).format(core)
        if name not in taken:
            taken.add(name)
            return name
    name = "GGZ Instelling %d" % index
    taken.add(name)
    return name


class WeightedChoice:
    """Municipalities drawn in proportion to their population."""

    def __init__(self, municipalities):
        self.municipalities = municipalities
        self.cumulative = list(itertools.accumulate(m.population for m in municipalities))

    def draw(self, rng):
        return rng.choices(self.municipalities, cum_weights=self.cumulative)[0]


def location_prefix(name):
    letters = "".join(c for c in name.upper() if "A" <= c <= "Z")
    return (letters + "XXX")[:3]


def draw_locations(rng, count, country, intramural):
    home = WeightedChoice(country.municipalities).draw(rng).entries[0]
    region = WeightedChoice([m for m in country.municipalities if m.entries[0]["region"] == home["region"]])
    province = WeightedChoice([m for m in country.municipalities if m.entries[0]["province"] == home["province"]])
    counters = {}
    locations = []
    for _ in range(count):
        municipality = (region if rng.random() < 0.7 else province).draw(rng)
        entry = municipality.entries[0]
        prefix = location_prefix(entry["name"])
        counters[prefix] = counters.get(prefix, 0) + 1
        setting = rng.choices([CLINIC, LONG_STAY, SHELTERED, None], weights=[25, 15, 25, 35])[0] \
            if intramural else None
        word = rng.choice(LOCATION_WORDS[setting])
        location = Location("%s-%02d" % (prefix, counters[prefix]),
                            "%s %s" % (word, rng.choice(INSTITUTION_CORES + [entry["name"]])),
                            municipality.code)
        if setting == CLINIC:
            location.streams.append(Stream(CLINIC, rng.uniform(12, 60), rng.uniform(0.78, 0.93),
                                           rng.uniform(25, 60)))
            if rng.random() < 0.3:
                location.streams.append(Stream(LONG_STAY, rng.uniform(10, 30), rng.uniform(0.8, 0.94), 0))
        elif setting in (LONG_STAY, SHELTERED):
            location.streams.append(Stream(setting, rng.uniform(10, 45), rng.uniform(0.78, 0.94), 0))
        locations.append(location)
    return locations


def draw_institution(seed, index, country, locations_max, taken_names):
    rng = random.Random("%s:institution:%d" % (seed, index))
    # Index 0 is the largest institution: it has exactly --locations-max
    # locations, so a run always exercises the maximum.
    count = locations_max if index == 0 else 1 + int((locations_max - 1) * rng.random() ** 2.5)
    intramural = index == 0 or rng.random() < 0.75
    scale = count / 8.0 + rng.uniform(0.2, 1.5)
    teams = int(round(scale * rng.uniform(0.3, 1.5)))
    return Institution(
        index=index, agb_code=agb_code(seed, index), name=institution_name(rng, index, taken_names),
        member=rng.random() < 0.7, locations=draw_locations(rng, count, country, intramural),
        dbc_base=int(scale * rng.uniform(900, 2500)), dbc_trend=rng.uniform(0.99, 1.03),
        fine_weights=[w * rng.uniform(0.8, 1.2) for w in FINE_WEIGHTS],
        teams_base=teams, team_growth=rng.uniform(0, 0.15) if teams else 0.0,
        certified_base=int(teams * rng.uniform(0, 0.6)), certified_growth=rng.uniform(0.05, 0.3),
        fte_per_team=rng.uniform(7.5, 11.5), clients_per_team=rng.uniform(140, 260),
        epa_share=rng.uniform(0.15, 0.3))


def financing(setting, year):
    if setting == CLINIC:
        return "zvw"
    if setting == LONG_STAY:
        return "awbz_b" if year <= AWBZ_LAST_YEAR else "wlz"
    return "awbz_c" if year <= AWBZ_LAST_YEAR else "wmo_bw"


def capacity_record(location_id, stream, year, rng):
    beds = max(1, int(round(stream.beds * BED_TREND[stream.setting] ** (year - FIRST_YEAR))))
    occupancy = min(0.98, max(0.55, stream.occupancy + rng.uniform(-0.02, 0.02)))
    bed_days = int(beds * days_in_year(year) * occupancy)
    if stream.setting == CLINIC:
        clients = max(1, int(round(bed_days / stream.stay_days)))
    elif stream.setting == LONG_STAY:
        clients = max(1, int(round(beds * rng.uniform(1.0, 1.25))))
    else:
        clients = max(1, int(round(beds * rng.uniform(1.05, 1.4))))
    return {"location_id": location_id, "financing": financing(stream.setting, year), "beds_year_end": beds,
            "bed_days": bed_days, "places": round(bed_days / DAYS_PER_PLACE, 2), "clients": clients}


def capacity_totals(capacity, overlap_rng=None, previous=None):
    """Sums per stream, in the order streams first occur. Clients may be lower
    than the sum (a client at two locations); `previous` keeps that reduction
    when a planted defect changes the records."""
    totals = {}
    for record in capacity:
        t = totals.setdefault(record["financing"], {"beds_year_end": 0, "bed_days": 0, "places": 0.0,
                                                     "clients": 0})
        for key in ("beds_year_end", "bed_days", "clients"):
            t[key] += record[key]
        t["places"] += record["places"]
    for stream, t in totals.items():
        t["places"] = round(t["places"], 2)
        if previous is not None and stream in previous:
            t["clients"] = min(t["clients"], previous[stream]["clients"])
        elif overlap_rng is not None:
            t["clients"] -= int(t["clients"] * overlap_rng.uniform(0, 0.03))
    return totals


def dbc_block(inst, year, rng):
    total = inst.dbc_base * inst.dbc_trend ** (year - FIRST_YEAR) * rng.uniform(0.96, 1.04)
    fine = {k: int(round(total * w * rng.uniform(0.95, 1.05))) for k, w in zip(FINE, inst.fine_weights)}
    subtotals = {c: sum(fine[k] for k in keys) for c, keys in COARSE.items()}
    return {"minute_categories": fine, "subtotals": subtotals, "total": sum(subtotals.values())}


def fact_block(inst, year):
    years = year - FIRST_YEAR
    teams = inst.teams_base + int(inst.team_growth * years)
    certified = min(teams, inst.certified_base + int(inst.certified_growth * years))
    return {"teams": teams, "certified_teams": certified, "fte": round(teams * inst.fte_per_team, 1),
            "clients": int(round(teams * inst.clients_per_team))}


def submitted_at(rng, year):
    month = rng.randint(1, 5)
    offset = "+01:00" if month <= 3 else "+02:00"
    return "%04d-%02d-%02dT%02d:%02d:%02d%s" % (year + 1, month, rng.randint(1, 28), rng.randint(8, 17),
                                               rng.randint(0, 59), rng.randint(0, 59), offset)


def institution_document(seed, inst, year, country):
    rng = random.Random("%s:institution:%d:%d" % (seed, inst.index, year))
    locations, capacity = [], []
    for location in inst.locations:
        code = country.current_code(location.code, year)
        locations.append({"location_id": location.location_id, "name": location.name,
                          "municipality_code": code, "province": country.by_code[code].entry(year)["province"]})
        for stream in location.streams:
            capacity.append(capacity_record(location.location_id, stream, year, rng))
    dbc = dbc_block(inst, year, rng)
    ambulatory = {"dbc_trajectories": dbc}
    if year >= BASIS_GGZ_FIRST_YEAR:
        ambulatory["basis_ggz_trajectories"] = int(dbc["total"] * rng.uniform(0.3, 0.45))
    ambulatory["specialised_clients"] = int(dbc["total"] * rng.uniform(0.8, 0.9))
    totals = capacity_totals(capacity, rng)
    clinical = sum(t["clients"] for t in totals.values())
    ambulatory_only = int(ambulatory["specialised_clients"] * rng.uniform(0.85, 0.95) +
                          ambulatory.get("basis_ggz_trajectories", 0) * rng.uniform(0.7, 0.85))
    total = ambulatory_only + clinical
    document = {
        "format": "lma-submission", "format_version": "1.0", "kind": "institution", "reporting_year": year,
        "submitted_at": submitted_at(rng, year),
        "submitter": {"agb_code": inst.agb_code, "name": inst.name, "ggz_nederland_member": inst.member},
        "locations": locations, "capacity": capacity, "capacity_totals": totals, "ambulatory": ambulatory,
        "fact": fact_block(inst, year),
        "clients": {"total": total, "ambulatory_only": ambulatory_only, "clinical": clinical,
                    "epa": int(total * inst.epa_share * rng.uniform(0.97, 1.03))},
    }
    if year >= CLINICAL_QUALITY_FROM and capacity:  # an ambulant-only institution has nothing to report
        zvw = totals.get("zvw")
        stay = zvw["bed_days"] / zvw["clients"] if zvw and zvw["clients"] else rng.uniform(30, 90)
        document["clinical_quality"] = {
            "avg_length_of_stay_days": round(stay, 1), "closed_ward_share_pct": round(rng.uniform(5, 35), 1),
            "intensive_care_share_pct": round(rng.uniform(1, 12), 1),
            "coercive_measures": int(len(capacity) * rng.uniform(3, 25))}
    return document


# ---------------------------------------------------------------------------
# Municipalities

def region_sums(documents, country, year):
    """Per region: whether an institution has a location there, and the
    wmo_bw places those institutions report there (what the level-3 rule
    cross.sheltered-housing-region compares)."""
    present, places = set(), {}
    for document in documents:
        region_of = {}
        for location in document["locations"]:
            m = country.by_code.get(location["municipality_code"])
            entry = m.entry(year) if m else None
            if entry is not None:
                region_of[location["location_id"]] = entry["region"]
                present.add(entry["region"])
        for record in document["capacity"]:
            region = region_of.get(record["location_id"])
            if record["financing"] == "wmo_bw" and region is not None:
                places[region] = places.get(region, 0.0) + record["places"]
    return present, places


def sheltered_housing(rng, municipality, entry, present, places):
    region = entry["region"]
    if region in present:
        count = round(places.get(region, 0.0) * rng.uniform(0.93, 1.07), 2)
    else:  # no institution of the batch there: nothing to match
        count = round(municipality.population * rng.uniform(0.001, 0.002), 1)
    if count <= 0:
        return {"places": 0, "clients": 0, "budget_eur": 0, "waiting_list": 0}
    return {"places": count, "clients": max(1, int(round(count * rng.uniform(1.05, 1.5)))),
            "budget_eur": int(round(count * rng.uniform(55000, 85000), -3)),
            "waiting_list": int(count * rng.uniform(0.05, 0.35))}


def policy(seed, municipality, year):
    rng = random.Random("%s:policy:%s" % (seed, municipality.code))
    adopted = rng.randint(2010, 2018)
    plan = "adopted" if year >= adopted else ("in_preparation" if year >= adopted - 2 else "none_planned")
    steering = rng.randint(2009, 2017)
    group = "exists" if year >= steering else ("planned" if year >= steering - 1 else "none")
    return {"policy_plan": plan, "regional_steering_group": group,
            "buildup_plans": year >= rng.randint(2011, 2020), "phasedown_plans": year >= rng.randint(2012, 2022)}


def municipality_document(seed, municipality, year, present, places):
    rng = random.Random("%s:municipality:%s:%d" % (seed, municipality.code, year))
    entry = municipality.entry(year)
    pop = municipality.population
    submitter = {"municipality_code": municipality.code, "name": entry["name"], "central_municipality": entry["central"],
                 "region": entry["region"]}
    document = {"format": "lma-submission", "format_version": "1.0", "kind": "municipality", "reporting_year": year,
                "submitted_at": submitted_at(rng, year), "submitter": submitter}
    if entry["central"]:
        document["sheltered_housing"] = sheltered_housing(rng, municipality, entry, present, places)
    document["ambulatory_support"] = {
        "individual_guidance_clients": int(pop * rng.uniform(0.006, 0.011)),
        "group_guidance_clients": int(pop * rng.uniform(0.002, 0.004)),
        "day_activity_locations": 1 + int(pop / rng.uniform(4000, 7000))}
    document["policy"] = policy(seed, municipality, year)
    return document


# ---------------------------------------------------------------------------
# Planted defects. Each returns the findings the file must then get
# (rule, path, severity, explained), or None when it does not apply to the
# document. A defect keeps every other number consistent (a wrong place also
# goes into its total), so that exactly these findings fire.

def finding(rule, path, severity="error", explained=False):
    return {"rule": rule, "path": path, "severity": severity, "explained": explained}


def retotal(doc):
    doc["capacity_totals"] = capacity_totals(doc["capacity"], previous=doc["capacity_totals"])


def institution_only(fn):
    fn.kinds = ("institution",)
    return fn


def municipality_only(fn):
    fn.kinds = ("municipality",)
    return fn


def any_kind(fn):
    fn.kinds = ("institution", "municipality")
    return fn


def occupied_records(doc):
    return [i for i, r in enumerate(doc["capacity"]) if r["beds_year_end"] > 0]


@institution_only
def places_wrong(doc, rng, ctx):
    """places does not equal bed_days / 365 (the total sums the wrong value)"""
    if not doc["capacity"]:
        return None
    i = rng.randrange(len(doc["capacity"]))
    doc["capacity"][i]["places"] = round(doc["capacity"][i]["places"] + rng.choice([-1, 1]) * 2.5, 2)
    if doc["capacity"][i]["places"] < 0:
        doc["capacity"][i]["places"] = round(doc["capacity"][i]["places"] + 5.0, 2)
    retotal(doc)
    return [finding("capacity.places-from-bed-days", "/capacity/%d/places" % i)]


def set_occupancy(doc, rng, occupancy, rounding):
    """Gives a record the beds that make its occupancy `occupancy` (rounded
    up or down with `rounding`). Places stay as they are, so the places that
    other files and years compare (history and cross-file rules) do not move."""
    days = days_in_year(doc["reporting_year"])
    candidates = [i for i in occupied_records(doc)
                  if rounding(doc["capacity"][i]["bed_days"] / (days * occupancy)) >= 1]
    if not candidates:
        return None
    i = rng.choice(candidates)
    record = doc["capacity"][i]
    record["beds_year_end"] = int(rounding(record["bed_days"] / (days * occupancy)))
    retotal(doc)
    return i


@institution_only
def occupancy_above(doc, rng, ctx):
    """fewer beds than the bed-days need (occupancy 1.12 or more)"""
    i = set_occupancy(doc, rng, 1.12, math.floor)
    return None if i is None else [finding("capacity.occupancy", "/capacity/%d/bed_days" % i, "warning")]


@institution_only
def occupancy_below(doc, rng, ctx):
    """more beds than the bed-days fill (occupancy 0.35 or less)"""
    i = set_occupancy(doc, rng, 0.35, math.ceil)
    return None if i is None else [finding("capacity.occupancy", "/capacity/%d/bed_days" % i, "warning")]


@institution_only
def occupancy_explained(doc, rng, ctx):
    """occupancy 0.40 or less, explained by the submitter: an explained warning"""
    i = set_occupancy(doc, rng, 0.40, math.ceil)
    if i is None:
        return None
    path = "/capacity/%d/bed_days" % i
    doc["explanations"] = [{"rule": "capacity.occupancy", "path": path,
                            "text": "Ward closed for renovation for seven months of the year."}]
    return [finding("capacity.occupancy", path, "warning", explained=True)]


@institution_only
def totals_sum_off(doc, rng, ctx):
    """a stream's total bed_days is not the sum of its records"""
    if not doc["capacity_totals"]:
        return None
    stream = rng.choice(sorted(doc["capacity_totals"]))
    doc["capacity_totals"][stream]["bed_days"] += 120
    return [finding("capacity.totals-match-locations", "/capacity_totals/%s/bed_days" % stream)]


@institution_only
def totals_stream_missing(doc, rng, ctx):
    """a stream with records is missing from capacity_totals"""
    if not doc["capacity_totals"]:
        return None
    del doc["capacity_totals"][rng.choice(sorted(doc["capacity_totals"]))]
    return [finding("capacity.totals-match-locations", "/capacity_totals")]


@institution_only
def totals_clients_above(doc, rng, ctx):
    """a stream's total clients is above the sum of its records"""
    if not doc["capacity_totals"]:
        return None
    stream = rng.choice(sorted(doc["capacity_totals"]))
    doc["capacity_totals"][stream]["clients"] = sum(r["clients"] for r in doc["capacity"]
                                                    if r["financing"] == stream) + 3
    return [finding("capacity.totals-match-locations", "/capacity_totals/%s/clients" % stream)]


@institution_only
def unknown_location(doc, rng, ctx):
    """a capacity record names a location the submission does not list"""
    if not doc["capacity"]:
        return None
    i = rng.randrange(len(doc["capacity"]))
    doc["capacity"][i]["location_id"] += "-OLD"
    return [finding("capacity.unknown-location", "/capacity/%d/location_id" % i)]


@institution_only
def duplicate_record(doc, rng, ctx):
    """a capacity record listed twice (and counted twice in the totals)"""
    if not doc["capacity"]:
        return None
    doc["capacity"].append(dict(doc["capacity"][rng.randrange(len(doc["capacity"]))]))
    retotal(doc)
    return [finding("capacity.duplicate-record", "/capacity/%d" % (len(doc["capacity"]) - 1))]


@institution_only
def duplicate_location(doc, rng, ctx):
    """a location listed twice"""
    doc["locations"].append(dict(doc["locations"][rng.randrange(len(doc["locations"]))]))
    return [finding("location.duplicate-id", "/locations/%d/location_id" % (len(doc["locations"]) - 1))]


@institution_only
def financing_wrong_year(doc, rng, ctx):
    """an AWBZ stream after 2014, or a Wlz/Wmo stream before 2015"""
    swap = {"wlz": "awbz_b", "wmo_bw": "awbz_c", "awbz_b": "wlz", "awbz_c": "wmo_bw"}
    candidates = [i for i, r in enumerate(doc["capacity"]) if r["financing"] in swap]
    if not candidates:
        return None
    i = rng.choice(candidates)
    doc["capacity"][i]["financing"] = swap[doc["capacity"][i]["financing"]]
    doc["capacity_totals"] = capacity_totals(doc["capacity"])
    return [finding("financing.valid-for-year", "/capacity/%d/financing" % i)]


@institution_only
def dbc_subtotal_off(doc, rng, ctx):
    """a coarse DBC subtotal is not the sum of its categories (so the total is off too)"""
    dbc = doc["ambulatory"]["dbc_trajectories"]
    coarse = rng.choice(sorted(COARSE))
    dbc["subtotals"][coarse] += 7
    base = "/ambulatory/dbc_trajectories"
    return [finding("dbc.category-sum", base + "/subtotals/" + coarse), finding("dbc.category-sum", base + "/total")]


@institution_only
def dbc_total_off(doc, rng, ctx):
    """the DBC total is not the sum of the subtotals"""
    doc["ambulatory"]["dbc_trajectories"]["total"] += 11
    return [finding("dbc.category-sum", "/ambulatory/dbc_trajectories/total")]


@institution_only
def basis_ggz_too_early(doc, rng, ctx):
    """basic-GGZ trajectories before 2014"""
    if doc["reporting_year"] >= BASIS_GGZ_FIRST_YEAR:
        return None
    doc["ambulatory"]["basis_ggz_trajectories"] = 150
    return [finding("ambulatory.basis-ggz-from-2014", "/ambulatory/basis_ggz_trajectories")]


@institution_only
def certified_above_teams(doc, rng, ctx):
    """more certified FACT teams than teams"""
    doc["fact"]["certified_teams"] = doc["fact"]["teams"] + 1
    return [finding("fact.certified-within-teams", "/fact/certified_teams")]


@institution_only
def certified_explained_error(doc, rng, ctx):
    """more certified FACT teams than teams, and an explanation of that error"""
    doc["fact"]["certified_teams"] = doc["fact"]["teams"] + 1
    doc["explanations"] = [{"rule": "fact.certified-within-teams", "path": "/fact/certified_teams",
                            "text": "Two teams merged; both certificates are still valid."}]
    return [finding("fact.certified-within-teams", "/fact/certified_teams"),
            finding("explanation.on-error", "/explanations/0", "info")]


@institution_only
def empty_teams_with_fte(doc, rng, ctx):
    """no FACT teams, but FACT FTE"""
    doc["fact"] = {"teams": 0, "certified_teams": 0, "fte": 4.5, "clients": 0}
    return [finding("fact.empty-teams", "/fact/fte")]


@institution_only
def team_too_large(doc, rng, ctx):
    """32 FTE per FACT team, above the maximum 25"""
    teams = max(1, doc["fact"]["teams"])
    doc["fact"] = {"teams": teams, "certified_teams": min(teams, doc["fact"]["certified_teams"]),
                   "fte": float(teams * 32), "clients": teams * 200}
    return [finding("fact.team-size", "/fact/fte", "warning")]


@institution_only
def clients_not_partitioned(doc, rng, ctx):
    """clients total is not ambulatory_only + clinical"""
    doc["clients"]["total"] += 17
    return [finding("clients.partition", "/clients/total")]


@institution_only
def epa_above_total(doc, rng, ctx):
    """more EPA clients than clients"""
    doc["clients"]["epa"] = doc["clients"]["total"] + 25
    return [finding("clients.partition", "/clients/epa")]


def never_issued_code(ctx):
    return "GM%04d" % (UNKNOWN_CODE_BASE + ctx["counter"] % 1000)


def dissolved_or_never_issued_code(doc, ctx):
    """A location still in a dissolved municipality (Haren, merged into
    Groningen in 2019) where the country has one, else a code never issued."""
    haren = ctx["country"].by_code.get("GM0017")
    if haren is not None and haren.entry(doc["reporting_year"]) is None:
        return haren.code
    return never_issued_code(ctx)


@institution_only
def location_unknown_municipality(doc, rng, ctx):
    """a location in a municipality code the reference list does not know that year"""
    j = rng.randrange(len(doc["locations"]))
    doc["locations"][j]["municipality_code"] = dissolved_or_never_issued_code(doc, ctx)
    return [finding("reference.municipality-code", "/locations/%d/municipality_code" % j)]


@institution_only
def province_mismatch(doc, rng, ctx):
    """a location's province is not its municipality's"""
    j = rng.randrange(len(doc["locations"]))
    location = doc["locations"][j]
    location["province"] = rng.choice([p for p in PROVINCES if p != location["province"]])
    return [finding("reference.province-matches", "/locations/%d/province" % j)]


@institution_only
def misspelled_key(doc, rng, ctx):
    """certified_teams written certifed_teams: a missing and an unknown key"""
    fact = doc["fact"]
    doc["fact"] = {("certifed_teams" if k == "certified_teams" else k): v for k, v in fact.items()}
    return [finding("schema.structure", "/fact"), finding("schema.structure", "/fact/certifed_teams")]


@institution_only
def count_as_text(doc, rng, ctx):
    """a count written as a string"""
    doc["fact"]["teams"] = str(doc["fact"]["teams"])
    return [finding("schema.structure", "/fact/teams")]


@institution_only
def negative_count(doc, rng, ctx):
    """a negative count"""
    doc["clients"]["clinical"] = -3
    return [finding("schema.structure", "/clients/clinical")]


@institution_only
def null_value(doc, rng, ctx):
    """null where a number belongs"""
    doc["fact"]["fte"] = None
    return [finding("schema.structure", "/fact/fte")]


@any_kind
def missing_key(doc, rng, ctx):
    """a required key left out"""
    if doc["kind"] == "institution":
        del doc["clients"]["epa"]
        return [finding("schema.structure", "/clients")]
    del doc["policy"]["buildup_plans"]
    return [finding("schema.structure", "/policy")]


@any_kind
def impossible_date(doc, rng, ctx):
    """submitted_at on 30 February"""
    doc["submitted_at"] = "%04d-02-30T10:00:00+01:00" % (doc["reporting_year"] + 1)
    return [finding("schema.structure", "/submitted_at")]


@any_kind
def duplicate_key(doc, rng, ctx):
    """an object with the same key twice (the first value differs)"""
    obj, key, first = (("fact", "teams", doc["fact"]["teams"] + 1) if doc["kind"] == "institution"
                       else ("policy", "policy_plan", "none_planned"))
    # The repeat comes first, so the value a parser keeps is the valid one.
    ctx["text_edit"] = ("duplicate-key", obj, key, first)
    return [finding("document.duplicate-key", "/" + obj)]


@any_kind
def truncated(doc, rng, ctx):
    """the file ends in the middle (an interrupted upload)"""
    ctx["text_edit"] = ("truncate", rng.uniform(0.3, 0.9))
    return [finding("document.unreadable", "")]


@any_kind
def latin1_name(doc, rng, ctx):
    """the submitter's name in Latin-1, not UTF-8"""
    ctx["text_edit"] = ("latin1",)
    return [finding("document.unreadable", "")]


@any_kind
def explanation_unused(doc, rng, ctx):
    """an explanation for a warning that did not occur"""
    rule, path = (("fact.team-size", "/fact/fte") if doc["kind"] == "institution"
                  else ("municipality.budget-per-place", "/sheltered_housing/budget_eur"))
    doc["explanations"] = [{"rule": rule, "path": path, "text": "Explained in advance, just in case."}]
    return [finding("explanation.unused", "/explanations/0", "info")]


@any_kind
def explanation_unknown_rule(doc, rng, ctx):
    """an explanation naming a rule id with a typo (no loaded rule has it)"""
    doc["explanations"] = [{"rule": "capacity.ocupancy", "path": "/capacity/0/bed_days",
                            "text": "Ward closed for renovation from March to September."}]
    return [finding("explanation.unknown-rule", "/explanations/0", "warning")]


@any_kind
def explanation_bad_path(doc, rng, ctx):
    """an explanation whose path is no JSON Pointer (no leading slash)"""
    rule, path = (("fact.team-size", "fact/fte") if doc["kind"] == "institution"
                  else ("municipality.budget-per-place", "sheltered_housing/budget_eur"))
    doc["explanations"] = [{"rule": rule, "path": path, "text": "Explained with a path written without its slash."}]
    return [finding("explanation.bad-path", "/explanations/0", "warning")]


@municipality_only
def central_flag_wrong(doc, rng, ctx):
    """central_municipality says the opposite of the reference list"""
    doc["submitter"]["central_municipality"] = not doc["submitter"]["central_municipality"]
    return [finding("reference.central-municipality", "/submitter/central_municipality")]


@municipality_only
def sheltered_housing_missing(doc, rng, ctx):
    """a central municipality without sheltered_housing"""
    if "sheltered_housing" not in doc:
        return None
    del doc["sheltered_housing"]
    return [finding("municipality.sheltered-housing-required", "")]


@municipality_only
def budget_per_place_high(doc, rng, ctx):
    """200,000 euro per sheltered-housing place, above the maximum 150,000"""
    sh = doc.get("sheltered_housing")
    if not sh or sh["places"] <= 0:
        return None
    sh["budget_eur"] = int(sh["places"] * 200000) + 1000
    return [finding("municipality.budget-per-place", "/sheltered_housing/budget_eur", "warning")]


@municipality_only
def clients_per_place_high(doc, rng, ctx):
    """four clients per sheltered-housing place, above the maximum 3"""
    sh = doc.get("sheltered_housing")
    if not sh or sh["places"] <= 0:
        return None
    sh["clients"] = int(sh["places"] * 4) + 1
    return [finding("municipality.clients-per-place", "/sheltered_housing/clients", "warning")]


@municipality_only
def municipality_unknown_code(doc, rng, ctx):
    """the submitter's own municipality code is unknown that year"""
    # Never a code another file of the year uses (that would be a duplicate submission).
    doc["submitter"]["municipality_code"] = never_issued_code(ctx)
    return [finding("reference.municipality-code", "/submitter/municipality_code")]


@municipality_only
def policy_bad_enum(doc, rng, ctx):
    """a policy status outside its list"""
    doc["policy"]["policy_plan"] = "adopted_partially"
    return [finding("schema.structure", "/policy/policy_plan")]


@municipality_only
def fractional_count(doc, rng, ctx):
    """a count with a fraction"""
    doc["ambulatory_support"]["day_activity_locations"] += 0.5
    return [finding("schema.structure", "/ambulatory_support/day_activity_locations")]


# In the order they are first planted: the year-bound kinds first, so that a
# small batch of early years holds them too.
DEFECTS = [basis_ggz_too_early, financing_wrong_year, places_wrong, occupancy_above, totals_sum_off,
           dbc_subtotal_off, certified_above_teams, duplicate_location, unknown_location,
           location_unknown_municipality, province_mismatch, empty_teams_with_fte, team_too_large,
           clients_not_partitioned, epa_above_total, duplicate_record, totals_stream_missing, totals_clients_above,
           occupancy_below, occupancy_explained, dbc_total_off, certified_explained_error, misspelled_key,
           count_as_text, negative_count, null_value,
           central_flag_wrong, sheltered_housing_missing, budget_per_place_high, clients_per_place_high,
           municipality_unknown_code, policy_bad_enum, fractional_count,
           missing_key, duplicate_key, truncated, latin1_name, impossible_date, explanation_unused,
           explanation_unknown_rule, explanation_bad_path]


def defect_name(fn):
    return fn.__name__.replace("_", "-")


class DefectPlanter:
    """Decides which files get a defect (each with probability `rate`) and
    which kind: the kind planted least often so far that applies to the
    document, so that a batch with enough defective files holds every kind."""

    def __init__(self, seed, rate, country):
        self.seed, self.rate, self.country = seed, rate, country
        self.used = {fn: 0 for fn in DEFECTS}
        self.planted = []

    def plant(self, doc, relative_file):
        """Returns the text edit to apply after serialising, if any."""
        if self.rate <= 0:
            return None
        rng = random.Random("%s:defect:%s" % (self.seed, relative_file))
        if rng.random() >= self.rate:
            return None
        kinds = sorted((fn for fn in DEFECTS if doc["kind"] in fn.kinds), key=lambda fn: self.used[fn])
        for fn in kinds:  # sorted() is stable: among equals, the order of DEFECTS
            ctx = {"country": self.country, "counter": len(self.planted)}
            candidate = json.loads(json.dumps(doc))
            findings = fn(candidate, rng, ctx)
            if findings is None:
                continue
            self.used[fn] += 1
            doc.clear()
            doc.update(candidate)
            errors = any(f["severity"] == "error" for f in findings)
            self.planted.append({"file": relative_file, "defect": defect_name(fn),
                                 "description": fn.__doc__.strip(), "rule": findings[0]["rule"],
                                 "path": findings[0]["path"], "status": "rejected" if errors else "accepted",
                                 "findings": findings})
            return ctx.get("text_edit")
        return None

    def rejected(self, relative_file):
        return any(p["file"] == relative_file and p["status"] == "rejected" for p in self.planted)


def serialise(doc, text_edit):
    text = json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
    if text_edit is None:
        return text.encode("utf-8")
    if text_edit[0] == "truncate":
        data = text.encode("utf-8")
        return data[:int(len(data) * text_edit[1])]
    if text_edit[0] == "latin1":
        marker = '"name": ' + json.dumps(doc["submitter"]["name"], ensure_ascii=False)
        data = text.encode("utf-8")
        at = data.index(marker.encode("utf-8")) + len(marker.encode("utf-8")) - 1
        return data[:at] + b" Caf\xe9" + data[at:]
    if text_edit[0] == "duplicate-key":
        _, obj, key, first = text_edit
        opening = '"%s": {\n' % obj
        at = text.index(opening) + len(opening)
        indent = " " * (len(text[at:]) - len(text[at:].lstrip(" ")))
        return (text[:at] + indent + '"%s": %s,\n' % (key, json.dumps(first)) + text[at:]).encode("utf-8")
    raise ValueError(text_edit)


# ---------------------------------------------------------------------------
# Planted implausible figures (--outliers, --jumps). Each keeps every rule of
# one file satisfied and returns the indicator plausibility.* reports, or None
# when it does not apply to the document.

def fte_per_team_outlier(doc):
    """FTE per FACT team 24, within fact.team-size (at most 25), where the peers have 7.5 to 11.5."""
    fact = doc.get("fact")
    if not fact or fact["teams"] == 0:
        return None
    fact["fte"] = float(fact["teams"] * 24)
    return "fte_per_fact_team"


def clients_per_team_outlier(doc):
    """Clients per FACT team 395, within fact.team-size (at most 400), where the peers have 140 to 260."""
    fact = doc.get("fact")
    if not fact or fact["teams"] == 0:
        return None
    fact["clients"] = fact["teams"] * 395
    return "clients_per_fact_team"


def budget_per_place_outlier(doc):
    """Sheltered-housing budget 145,000 euro a place, within municipality.budget-per-place (at most 150,000),
    where the peers have 55,000 to 85,000."""
    housing = doc.get("sheltered_housing")
    if not housing or housing["places"] <= 0:
        return None
    housing["budget_eur"] = int(round(housing["places"] * 145000, -3))
    return "budget_per_place"


def dbc_total_jump(doc):
    """Every DBC category 2.5 times the usual: the total jumps by a factor 2.5 against the previous year."""
    dbc = doc.get("ambulatory", {}).get("dbc_trajectories")
    if not dbc or dbc["total"] == 0:
        return None
    for key in FINE:
        dbc["minute_categories"][key] = int(round(dbc["minute_categories"][key] * 2.5))
    for coarse, keys in COARSE.items():
        dbc["subtotals"][coarse] = sum(dbc["minute_categories"][k] for k in keys)
    dbc["total"] = sum(dbc["subtotals"].values())
    return "dbc_total"


def epa_clients_jump(doc):
    """EPA clients 2.5 times the usual (still within the clients total)."""
    clients = doc.get("clients")
    if not clients or clients["epa"] == 0 or clients["epa"] * 2.5 > clients["total"]:
        return None
    clients["epa"] = int(round(clients["epa"] * 2.5))
    return "epa_clients"


OUTLIERS = [fte_per_team_outlier, clients_per_team_outlier, budget_per_place_outlier]
JUMPS = [dbc_total_jump, epa_clients_jump]


class PlausibilityPlanter:
    """Plants outliers and jumps, each file with its rate's probability, the
    kind planted least often so far among those that apply."""

    def __init__(self, seed, outlier_rate, jump_rate, years):
        self.seed, self.years = seed, set(years)
        self.rates = {"plausibility.outlier": (outlier_rate, OUTLIERS), "plausibility.change": (jump_rate, JUMPS)}
        self.used = {fn: 0 for fn in OUTLIERS + JUMPS}
        self.planted = []

    def plant(self, doc, relative_file, year):
        for rule, (rate, kinds) in self.rates.items():
            if rate <= 0 or (rule == "plausibility.change" and year - 1 not in self.years):
                continue
            rng = random.Random("%s:%s:%s" % (self.seed, rule, relative_file))
            if rng.random() >= rate:
                continue
            for fn in sorted(kinds, key=lambda fn: self.used[fn]):
                indicator = fn(doc)
                if indicator is None:
                    continue
                self.used[fn] += 1
                self.planted.append({"file": relative_file, "kind": defect_name(fn), "rule": rule,
                                     "indicator": indicator, "description": " ".join(fn.__doc__.split())})
                return


# ---------------------------------------------------------------------------
# The run

def write_file(out, relative, data):
    with open(os.path.join(out, relative), "wb") as fh:
        fh.write(data)


def plant_plausibility(plausibility, planter, doc, relative, year):
    # Never in a file with a defect: its findings are listed exactly.
    if plausibility is not None and not any(p["file"] == relative for p in planter.planted):
        plausibility.plant(doc, relative, year)


def generate_year(args, year, country, institutions, planter, plausibility=None):
    os.makedirs(os.path.join(args.out, str(year)), exist_ok=True)
    accepted_docs = []
    for inst in institutions:
        relative = "%d/institution-%s.json" % (year, inst.agb_code)
        doc = institution_document(args.seed, inst, year, country)
        edit = planter.plant(doc, relative)
        plant_plausibility(plausibility, planter, doc, relative, year)
        if not planter.rejected(relative):
            accepted_docs.append(doc)
        write_file(args.out, relative, serialise(doc, edit))
    present, places = region_sums(accepted_docs, country, year)
    written = 0
    for municipality in country.valid_in(year):
        relative = "%d/municipality-%s.json" % (year, municipality.code)
        doc = municipality_document(args.seed, municipality, year, present, places)
        edit = planter.plant(doc, relative)
        plant_plausibility(plausibility, planter, doc, relative, year)
        write_file(args.out, relative, serialise(doc, edit))
        written += 1
    return len(institutions) + written


def prepare_output(out, years, force):
    owned = [os.path.join(out, str(y)) for y in years] + [os.path.join(out, "data"),
                                                          os.path.join(out, "defects.json"),
                                                          os.path.join(out, "plausibility.json")]
    if os.path.isdir(out) and os.listdir(out) and not force:
        fail("%s is not empty; pass --force to replace the years, data/ and defects.json in it" % out)
    for path in owned:
        if os.path.isdir(path):
            shutil.rmtree(path)
        elif os.path.exists(path):
            os.remove(path)
    os.makedirs(out, exist_ok=True)


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", help="output directory (OUT/YEAR/*.json, OUT/defects.json, OUT/data/)")
    parser.add_argument("--years", type=int, nargs="+", default=[2019], help="reporting years (default 2019)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--institutions", type=int, default=300, help="institutions per year (default 300)")
    parser.add_argument("--municipalities", type=int, default=350,
                        help="municipalities in the country (default 350); the real ones come first")
    parser.add_argument("--locations-max", type=int, default=40,
                        help="locations of the largest institution; the others have 1..this (default 40)")
    parser.add_argument("--defects", type=float, default=0.0, metavar="RATE",
                        help="probability that a file gets one planted defect (default 0)")
    parser.add_argument("--outliers", type=float, default=0.0, metavar="RATE",
                        help="probability that a file gets a planted outlier (default 0)")
    parser.add_argument("--jumps", type=float, default=0.0, metavar="RATE",
                        help="probability that a file gets a planted jump from its previous year (default 0)")
    parser.add_argument("--force", action="store_true", help="replace earlier output in OUT")
    args = parser.parse_args(argv)
    if any(not FIRST_YEAR <= y <= LAST_YEAR for y in args.years):
        fail("years must lie in %d..%d" % (FIRST_YEAR, LAST_YEAR))
    args.years = sorted(set(args.years))
    if args.institutions < 0 or args.municipalities < 1 or args.municipalities > 600:
        fail("--institutions must be >= 0 and --municipalities 1..600")
    if args.locations_max < 1 or args.locations_max > 99999:
        fail("--locations-max must be 1..99999")
    for name in ("defects", "outliers", "jumps"):
        if not 0.0 <= getattr(args, name) <= 1.0:
            fail("--%s must be a rate from 0 to 1" % name)
    return args


def main(argv):
    args = parse_args(argv)
    prepare_output(args.out, args.years, args.force)
    country = build_country(args.seed, args.municipalities)
    write_data_dir(args.out, country)
    names = set()
    institutions = [draw_institution(args.seed, i, country, args.locations_max, names)
                    for i in range(args.institutions)]
    planter = DefectPlanter(args.seed, args.defects, country)
    plausibility = None
    if args.outliers > 0 or args.jumps > 0:
        plausibility = PlausibilityPlanter(args.seed, args.outliers, args.jumps, args.years)
    files = sum(generate_year(args, year, country, institutions, planter, plausibility) for year in args.years)
    if plausibility is not None:
        with open(os.path.join(args.out, "plausibility.json"), "w", encoding="utf-8") as fh:
            json.dump({"generator": "tools/generate-batch.py", "seed": args.seed, "years": args.years,
                       "outliers": args.outliers, "jumps": args.jumps, "planted": plausibility.planted},
                      fh, indent=2, ensure_ascii=False)
            fh.write("\n")
    manifest = {"generator": "tools/generate-batch.py", "seed": args.seed, "years": args.years,
                "rate": args.defects, "data_dir": "data", "defects": planter.planted}
    with open(os.path.join(args.out, "defects.json"), "w", encoding="utf-8") as fh:
        json.dump(manifest, fh, indent=2, ensure_ascii=False)
        fh.write("\n")
    sys.stderr.write("wrote %d files (%d with a planted defect) to %s; validate with\n"
                     "  lmacheck validate --data-dir %s %s\n"
                     % (files, len(planter.planted), args.out, os.path.join(args.out, "data"),
                        " ".join(os.path.join(args.out, str(y)) for y in args.years)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
