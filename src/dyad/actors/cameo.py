"""CAMEO actor codes: what a code such as ``USAGOV`` or ``IGOUNOKID`` says about an actor.

A CAMEO actor code is a run of three-letter chunks. The first chunk is a country (almost
always the ISO 3166-1 alpha-3 code, with a few historic CAMEO spellings mapped in
:data:`CAMEO_TO_ISO`), a transnational class (``IGO``, ``NGO``, ``MNC``, ``IMG``) or a
region; the following chunks are role types (``GOV`` government, ``MIL`` military, ...).
:func:`parse_code` turns a code into dyad's ``(country, sector)`` pair, where ``country`` is
an ISO alpha-3 code or ``None`` and ``sector`` one of the lower-case names in :data:`SECTORS`.
Historic states keep their former ISO 3166-3 codes (``SUN`` Soviet Union, ``DDR`` East
Germany, ``YUG`` Yugoslavia, ``CSK`` Czechoslovakia, ``SCG`` Serbia and Montenegro) and
Kosovo uses the widely used user-assigned ``XKX``.
"""

from __future__ import annotations

# Role chunks and the sector names dyad uses for them.
SECTORS: dict[str, str] = {
    "GOV": "government",
    "MIL": "military",
    "OPP": "opposition",
    "BUS": "business",
    "MNC": "business",
    "MED": "media",
    "NGO": "NGO",
    "NGM": "NGO",
    "IGO": "IGO",
    "REB": "rebel",
    "INS": "rebel",
    "SEP": "rebel",
    "UAF": "armed group",
    "IMG": "armed group",
    "LEG": "legislature",
    "JUD": "judiciary",
    "COP": "police",
    "SPY": "intelligence",
    "PTY": "party",
    "ELI": "elite",
    "LAB": "labor",
    "EDU": "education",
    "HLH": "health",
    "HRI": "human rights",
    "ENV": "environment",
    "DEV": "development",
    "AGR": "agriculture",
    "CVL": "civilian",
    "REF": "refugees",
    "CRM": "criminal",
    "RAD": "radical",
    "MOD": "moderate",
    "SET": "settlers",
    "PKO": "peacekeepers",
    "REL": "religion",
    "CHR": "religion",
    "CTH": "religion",
    "PRO": "religion",
    "MOS": "religion",
    "MUS": "religion",
    "JEW": "religion",
    "HIN": "religion",
    "BUD": "religion",
    "BAH": "religion",
    "SIK": "religion",
    "SHI": "religion",
    "TAO": "religion",
}

# CAMEO spellings that are not the current ISO 3166-1 alpha-3 code of the same country.
CAMEO_TO_ISO: dict[str, str] = {
    "ROM": "ROU",
    "TMP": "TLS",
    "ZAR": "COD",
    "BUR": "MMR",
    "ANG": "AGO",
    "FRN": "FRA",
    "USR": "SUN",
    "KSV": "XKX",
    "FRY": "YUG",
    "JAP": "JPN",  # used by the PLOVER gold standard records
}

# Historic / special codes accepted as countries besides the ISO 3166-1 list.
EXTRA_COUNTRIES: frozenset[str] = frozenset({"SUN", "DDR", "YUG", "CSK", "SCG", "XKX"})

# Regions and other first chunks that are not countries (mapped to no country).
REGIONS: frozenset[str] = frozenset(
    {
        "AFR", "ASA", "CAS", "EAF", "EEU", "EIN", "EUR", "LAM", "MEA", "NAF", "NMR", "SAF",
        "SAM", "SAS", "SEA", "WAF", "WEU", "WST", "CRB", "BLK", "CAU", "MDE", "INT", "CFR",
        "KKL", "KRJ", "SRP",
    }
)  # fmt: skip

# Transnational first chunks: the actor belongs to no single country.
TRANSNATIONAL: frozenset[str] = frozenset({"IGO", "NGO", "NGM", "MNC", "IMG"})

# ISO 3166-1 alpha-3 codes (current, officially assigned).
_ISO3_TEXT = """
    ABW AFG AGO AIA ALA ALB AND ARE ARG ARM ASM ATA ATF ATG AUS AUT AZE BDI BEL BEN BES BFA
    BGD BGR BHR BHS BIH BLM BLR BLZ BMU BOL BRA BRB BRN BTN BVT BWA CAF CAN CCK CHE CHL CHN CIV
    CMR COD COG COK COL COM CPV CRI CUB CUW CXR CYM CYP CZE DEU DJI DMA DNK DOM DZA ECU EGY ERI
    ESH ESP EST ETH FIN FJI FLK FRA FRO FSM GAB GBR GEO GGY GHA GIB GIN GLP GMB GNB GNQ GRC GRD
    GRL GTM GUF GUM GUY HKG HMD HND HRV HTI HUN IDN IMN IND IOT IRL IRN IRQ ISL ISR ITA JAM JEY
    JOR JPN KAZ KEN KGZ KHM KIR KNA KOR KWT LAO LBN LBR LBY LCA LIE LKA LSO LTU LUX LVA MAC MAF
    MAR MCO MDA MDG MDV MEX MHL MKD MLI MLT MMR MNE MNG MNP MOZ MRT MSR MTQ MUS MWI MYS MYT NAM
    NCL NER NFK NGA NIC NIU NLD NOR NPL NRU NZL OMN PAK PAN PCN PER PHL PLW PNG POL PRI PRK PRT
    PRY PSE PYF QAT REU ROU RUS RWA SAU SDN SEN SGP SGS SHN SJM SLB SLE SLV SMR SOM SPM SRB SSD
    STP SUR SVK SVN SWE SWZ SXM SYC SYR TCA TCD TGO THA TJK TKL TKM TLS TON TTO TUN TUR TUV TWN
    TZA UGA UKR UMI URY USA UZB VAT VCT VEN VGB VIR VNM VUT WLF WSM YEM ZAF ZMB ZWE"""
ISO3: frozenset[str] = frozenset(_ISO3_TEXT.split())

COUNTRY_CODES: frozenset[str] = ISO3 | EXTRA_COUNTRIES


def iso_country(chunk: str) -> str | None:
    """The ISO alpha-3 code for a CAMEO country chunk, or ``None`` if it is not a country."""
    chunk = CAMEO_TO_ISO.get(chunk, chunk)
    return chunk if chunk in COUNTRY_CODES else None


def chunks(code: str) -> list[str]:
    """Split a CAMEO code into its three-letter chunks (a short tail is kept as is)."""
    return [code[i : i + 3] for i in range(0, len(code), 3)]


def parse_code(code: str) -> tuple[str | None, str | None]:
    """``(country, sector)`` of a CAMEO actor code; either may be ``None``.

    >>> parse_code("RUSGOVMIL")
    ('RUS', 'government')
    >>> parse_code("IGOUNOKID")
    (None, 'IGO')
    >>> parse_code("MNCUSA")
    ('USA', 'business')
    """
    parts = chunks(code.strip().upper())
    if not parts or not parts[0]:
        return None, None
    head, rest = parts[0], parts[1:]
    country = iso_country(head)
    sector: str | None = None
    if country is None and head in TRANSNATIONAL:
        sector = SECTORS[head]
        # e.g. MNCUSA, NGOUSAENV: a home country follows ("MUS" there means Muslim).
        for part in rest:
            if part != "MUS" and (home := iso_country(part)) is not None:
                country = home
                break
        return country, sector
    if country is None and head in SECTORS:
        return None, SECTORS[head]
    for part in rest:
        if part in SECTORS:
            sector = SECTORS[part]
            break
    return country, sector


def is_bare_place(code: str) -> bool:
    """True for a code that names only a country or region (``RUS``, ``SUNRUS``, ``WEU``)."""
    parts = chunks(code.strip().upper())
    if not parts or parts[0] in TRANSNATIONAL or parts[0] in SECTORS:
        return False
    return all(p not in SECTORS for p in parts[1:])
