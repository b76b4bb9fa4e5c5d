"""The quick reproduction of every document through the command: every claim passes or is an
explained departure, and the claims issues 9-13 list are all there."""

import json

import pytest

from josephson.cli import main
from josephson.reproduce import _registry

# the claims issues 9, 10, 11 and 12 require, by document (ids of josephson.reproduce.doc00N)
REQUIRED = {
    "000": [
        "eq2-galilean-identities", "eq7-kinetic-energy-currents", "eq15-16-decoupling",
        "kappa-reduces-critical-current", "eq22-23-proton-current-from-neutron-phase",
        "gl-tunnelling-limit-cpr", "gl-cpr-beyond-tunnelling", "gl-kappa-reduction",
        "wc-grows-with-n", "leggett-bound-falls-with-n", "eq38-drag-vanishes-without-entrainment",
        "eq38-drag-same-frequency", "wc-shift-with-entrainment", "mu-mismatch-phase-control",
        "gp-decoupling-at-rho12-zero", "gp-equations-as-written",
        # astrophysical part (issue 12)
        "eq28-array-spacings", "flux-tubes-per-vortex", "eq18-creep-velocity",
        "eq21-29-crossing-frequencies", "eq24-25-31-line-powers", "eq32-33-star-totals",
        "eq26-34-scaling-laws", "eq26-vortex-prefactor", "eq26-uses-eq23-ratio",
        "eq34-flux-tube-prefactor", "eq27-35-ohmic-comparison", "heating-in-photon-era",
    ],
    "001": [
        "tdhfb-homogeneous-formulas", "no-entrainment-without-c", "upsilon-from-skyrme-presets",
        "fractional-flux", "lense-thirring-ratio", "entrainment-large",
        # crust part (issue 13)
        "epstein-baym-limits", "ion-mass-superfluid-identity", "weak-pairing-superfluid-density",
        "bcs-superfluid-density", "empty-lattice-limit", "delta-independence",
        "bragg-suppression", "ion-mass-exceeds-z", "debye-waller-reduces-bragg",
        "self-consistent-loop",
    ],
    "002": [
        "conservation-and-current-operator", "symmetry-il-ir-it-ib", "no-transverse-without-soc",
        "no-transverse-without-altermagnet", "fig2-4pi-periodicity",
        "fig2-transverse-anomalous-effect", "fig3-symmetric-neel-directions",
        "fig3-neel-angle-tuning", "fig6-7-strong-phase", "transverse-diode-above-1000", "unidirectional-only-transverse",
        "level-interchange-jumps",
    ],
    "003": [
        "josephson-constant", "flux-quantum", "ab-zero-temperature", "ab-temperature",
        "rsj-overdamped-iv", "retrapping-current", "retrapping-correction", "beta-c-misprint",
        "squid-critical-current", "bessel-steps-voltage-bias", "bessel-steps-current-bias",
        "plasma-frequency", "washboard-barrier", "mqt-exponent", "crossover-temperature",
    ],
    "004": [
        "eq48-characteristic", "eq49-51-ic-ir", "eq56-beta-c", "eq61-62-routh-hurwitz",
        "eq63-no-hopf", "fig2-characteristic", "fig3-hysteresis", "eq69-squid",
        "fig5-shapiro-staircase", "eq74-step-heights", "fig6-hidden-attractor",
        "fig7-frequency", "fig8-alpha08-decay", "eq90-94-superradiance", "eq92-93-sign",
        "eq106-109-eta-as-printed", "eq106-standard-rate", "eq110-111-cavity",
    ],
}  # fmt: skip

# departures (the document is wrong or loose there)
DEPARTURES = {
    "000": [
        "eq22-23-proton-current-from-neutron-phase", "wc-shift-with-entrainment",
        "mu-mismatch-phase-control", "gp-decoupling-at-rho12-zero", "gp-equations-as-written",
        "flux-tubes-per-vortex", "eq21-29-crossing-frequencies", "eq26-uses-eq23-ratio",
    ],
    "001": [],
    "002": [],
    "003": ["beta-c-misprint", "crossover-temperature"],
    "004": ["fig6-hidden-attractor", "eq92-93-sign", "eq106-standard-rate", "eq110-111-cavity"],
}


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    out = tmp_path_factory.mktemp("reproduce")
    code = main(["reproduce", "--all", "--quick", "--out", str(out)])
    return code, out


def test_the_command_succeeds_and_writes_every_report(reports, capsys):
    code, out = reports
    assert code == 0
    for key in REQUIRED:
        for name in ("report.md", "report.html", "values.json"):
            assert (out / key / name).stat().st_size > 0
    index = (out / "index.md").read_text()
    assert "003/report.md" in index and "000/report.md" in index
    # the index names a gap exactly when a document is planned or covered in part
    assert ("not yet covered" in index) == bool(_registry.PLANNED or _registry.PARTIAL)


@pytest.mark.parametrize("key", sorted(REQUIRED))
def test_every_row_passes_or_is_an_explained_departure(reports, key):
    _, out = reports
    data = json.loads((out / key / "values.json").read_text())
    rows = {c["id"]: c for c in data["claims"]}
    bad = {i: (c["verdict"], c["explanation"][:200]) for i, c in rows.items()
           if c["verdict"] not in ("pass", "departure")}  # fmt: skip
    assert not bad
    for c in rows.values():
        assert c["why"], f"{c['id']}: no reason for the tolerance"
        if c["verdict"] == "departure":
            assert len(c["explanation"]) > 40, f"{c['id']}: departure without physics"
    missing = [i for i in REQUIRED[key] if i not in rows]
    assert not missing
    assert all(rows[i]["verdict"] == "departure" for i in DEPARTURES[key])
    # claims that are figures carry their figure
    figs = [i for i in rows if i.startswith("fig")]
    assert all((out / key / f"fig-{i}.png").is_file() for i in figs)
