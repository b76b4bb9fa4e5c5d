"""josephson.astro.crust: superfluid_fraction and effective_ion_mass, the two faces of one band
calculation (document 001: m_I* = (ρ̄ − ρ_n,s)/n_I)."""

import warnings

import pytest

from josephson.astro.crust import (
    Lattice,
    PlaneWave,
    WoodsSaxon,
    effective_ion_mass,
    superfluid_fraction,
)
from josephson.errors import ParameterError

LATTICE = Lattice("bcc", 20.0)  # primitive cell a³/2 = 4000 fm³
#: the 20 MeV wells open Bragg gaps the default 8³ mesh does not resolve (reported error 0.04)
METHOD = PlaneWave(kmesh=16)


def _run(depth):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # convergence is asserted below
        return effective_ion_mass(LATTICE, WoodsSaxon(depth=depth, radius=5.0, diffuseness=0.7),
                                  0.01, Z=40, method=METHOD)  # fmt: skip


def test_empty_lattice_ion_carries_only_its_protons():
    """Without a potential every neutron flows: m_I* = Z within the reported error."""
    r = _run(0.0)
    assert r["m_star"] == pytest.approx(40.0, abs=max(r["m_star_error"], 1e-9))
    assert r["n_ion"] == pytest.approx(1 / 4000.0, rel=1e-12)


def test_bragg_scattering_makes_the_ion_heavier_than_its_protons():
    """Document 001: m_I* > Z m_p; with a 20 MeV well the neutrons are strongly entrained."""
    r = _run(20.0)
    res = r["result"]
    assert res.converged
    assert r["m_star"] - r["m_star_error"] > 40.0
    # the identity, written out: (n + Z n_I − n_s)/n_I
    assert r["m_star"] == pytest.approx((res.n + 40 * r["n_ion"] - res.n_s) / r["n_ion"],
                                        rel=1e-12)  # fmt: skip
    assert superfluid_fraction(LATTICE, res.potential, 0.01, method=METHOD).fraction == pytest.approx(
        res.fraction, rel=1e-12)


def test_bad_input():
    with pytest.raises(ParameterError, match="lattice"):
        effective_ion_mass(Lattice("1d", 20.0), WoodsSaxon(depth=1.0, radius=2.0,
                           diffuseness=0.5), 0.01, Z=1)  # fmt: skip
    with pytest.raises(ParameterError, match="Z"):
        effective_ion_mass(LATTICE, WoodsSaxon(depth=1.0, radius=2.0, diffuseness=0.5), 0.01,
                           Z=-1)  # fmt: skip
