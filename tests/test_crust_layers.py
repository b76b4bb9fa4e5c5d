"""Crust layers layer by layer: the cluster well of each layer, the bound-neutron count and
``layer_superfluid`` (alone, through josephson.sweep.grid with a store, and from the command)."""

from __future__ import annotations

import math
import re
import warnings

import numpy as np
import pytest
import scipy.special as ssp
import xarray as xr

from josephson.astro.crust import (
    LAYERS,
    Lattice,
    PlaneWave,
    WoodsSaxon,
    bound_neutrons,
    cluster_potential,
    layer,
    layer_superfluid,
    superfluid_density,
)
from josephson.astro.crust.bands import H2M, MAX_DENSE, MAX_PLANE_WAVES
from josephson.cli import main
from josephson.errors import ParameterError
from josephson.sweep import grid


def _square_well_count(depth: float, radius: float) -> tuple[int, float]:
    """Bound neutrons of a square well (two per orbital) and the distance of K R to the nearest
    threshold: a level of partial wave l is bound at zero energy when j_{l−1}(KR) = 0
    (cos x / x for l = 0)."""
    x = math.sqrt(depth / H2M) * radius
    grid_x = np.linspace(1e-6, x + 20.0, 200_001)
    total, nearest, ell = 0, math.inf, 0
    while True:
        f = np.cos(grid_x) / grid_x if ell == 0 else ssp.spherical_jn(ell - 1, grid_x)
        zeros = grid_x[1:][np.sign(f[1:]) != np.sign(f[:-1])]
        if ell >= 2:
            zeros = zeros[zeros > 1e-3]
        nearest = min(nearest, float(np.min(np.abs(zeros - x))))
        levels = int(np.sum(zeros < x))
        if levels == 0:
            return total, nearest
        total += 2 * (2 * ell + 1) * levels
        ell += 1


@pytest.mark.parametrize("depth, radius", [(30.0, 7.0), (15.0, 4.0), (10.0, 3.0)])
def test_bound_neutrons_of_a_sharp_well_match_the_square_well_thresholds(depth, radius):
    expected, nearest = _square_well_count(depth, radius)
    assert nearest > 0.15  # no level at threshold: a 0.02 fm diffuseness cannot move one
    got, per_l = bound_neutrons(WoodsSaxon(depth, radius, 0.02))
    assert got == expected
    assert got == sum(2 * (2 * ell + 1) * k for ell, k in enumerate(per_l))


def test_bound_neutrons_bad_input_and_empty_well():
    assert bound_neutrons(WoodsSaxon(0.0, 5.0, 0.5)) == (0, [])
    with pytest.raises(ParameterError, match="potential"):
        bound_neutrons(3.0)
    with pytest.raises(ParameterError, match="rmax"):
        bound_neutrons(WoodsSaxon(10.0, 5.0, 0.5), rmax=-1.0)


@pytest.mark.parametrize("row", [LAYERS[0], LAYERS[5], LAYERS[-1]])
def test_thomas_fermi_well_holds_z_over_x_neutrons(row):
    # Thomas–Fermi in the sharp-edged well at μ = ε_F(n_gas): the core's local Fermi momentum
    # gives n_n,in = n₀/(1 + x), so the core holds n_n,in·(4π/3)R³ = Z/x neutrons above the gas
    n0 = 0.16
    pot = cluster_potential(row, core_density=n0, diffuseness=0.7)
    mu = H2M * (3 * math.pi**2 * row.n_gas) ** (2 / 3)
    n_in = ((mu + pot.depth) / H2M) ** 1.5 / (3 * math.pi**2)
    assert n_in == pytest.approx(n0 / (1 + row.x), rel=1e-12)
    core = (n_in - row.n_gas) * 4 * math.pi / 3 * pot.radius**3
    gas_displaced = row.n_gas * 4 * math.pi / 3 * pot.radius**3
    assert core + gas_displaced == pytest.approx(row.Z / row.x, rel=1e-12)
    assert pot.depth > 0 and pot.diffuseness == 0.7


def test_cluster_potential_bad_input():
    with pytest.raises(ParameterError, match="core_density"):
        cluster_potential(LAYERS[-1], core_density=0.05)  # below the gas: no well
    with pytest.raises(ParameterError, match="layer"):
        cluster_potential(0.03)
    with pytest.raises(ParameterError, match="diffuseness"):
        cluster_potential(LAYERS[0], diffuseness=0.0)


def test_layer_beyond_max_plane_waves_is_not_computed_and_says_so():
    ds = layer_superfluid(LAYERS[0].n_bar, max_plane_waves=MAX_DENSE)
    assert int(ds.computed) == 0 and int(ds.converged) == 0
    assert np.isnan(float(ds.fraction)) and np.isnan(float(ds.m_star))
    assert MAX_DENSE < int(ds.plane_waves) <= MAX_PLANE_WAVES  # the solver's reach
    assert float(ds.n_free) < float(ds.n)  # the well binds neutrons
    assert ds.fraction.attrs["units"] == "1" and ds.mu.attrs["units"] == "MeV"


def test_densest_layer_is_the_band_calculation_of_its_cell():
    row = LAYERS[-1]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        ds = layer_superfluid(row.n_bar, kmesh=4, cutoff=60.0)
        direct = superfluid_density(Lattice.for_density("bcc", row.n_ion),
                                    cluster_potential(row), row.N * row.n_ion,
                                    method=PlaneWave(kmesh=4, cutoff=60.0))  # fmt: skip
    assert int(ds.computed) == 1
    assert float(ds.fraction) == direct.fraction and float(ds.error) == direct.error
    assert float(ds.error_kmesh) == direct.error_kmesh
    assert float(ds.error_cutoff) == direct.error_cutoff
    assert float(ds.error) == pytest.approx(direct.error_kmesh + direct.error_cutoff, rel=1e-12)
    # m_I* = (ρ̄ − ρ_n,s)/n_I with ρ̄ = (N + Z) n_I: A minus the superflowing neutrons per cell
    assert float(ds.m_star) == pytest.approx(row.A - direct.n_s / row.n_ion, rel=1e-12)
    assert float(ds.fraction_free) == pytest.approx(direct.n_s / float(ds.n_free), rel=1e-12)
    # the plane-wave count the layer table estimates for the cells it cannot reach: lattice
    # points in the cutoff sphere, Ω G_c³/6π²
    estimate = direct.lattice.volume * (60.0 / H2M) ** 1.5 / (6 * math.pi**2)
    assert direct.plane_waves == pytest.approx(estimate, rel=0.05)


def test_meshes_are_tried_in_turn_until_the_row_converges():
    # the densest layer, cheaply (cutoff 60 MeV, whose own error is ≈ 0.02), with tol 0.03: on
    # 4³ the k-mesh error is far above it
    n_bar, kw = LAYERS[-1].n_bar, {"cutoff": 60.0, "tol": 0.03}
    one = {k: layer_superfluid(n_bar, kmesh=k, **kw) for k in (4, 6)}
    assert int(one[4].kmesh) == 4 and not int(one[4].converged)
    assert float(one[4].error_cutoff) < 0.03 < float(one[4].error_kmesh)
    # not converged on 4³: the row is the 6³ calculation
    row = layer_superfluid(n_bar, kmesh=(4, 6), **kw)
    assert int(row.kmesh) == 6 and int(row.kpoints) == int(one[6].kpoints)
    for name in ("fraction", "error", "error_kmesh", "error_cutoff", "m_star", "converged"):
        assert float(row[name]) == float(one[6][name]), name
    # converged on 4³ (a looser tol): the search stops there
    loose = 1.5 * float(one[4].error)
    row = layer_superfluid(n_bar, kmesh=(4, 6), **{**kw, "tol": loose})
    assert int(row.kmesh) == 4 and int(row.converged) == 1
    assert float(row.fraction) == float(one[4].fraction)
    # the cutoff part alone above tol on two meshes in a row: a finer mesh cannot converge it,
    # the search stops there (one mesh is not enough: a coarse estimate can be noisy)
    tight = 0.5 * float(one[4].error_cutoff)
    assert float(one[6].error_cutoff) > tight
    row = layer_superfluid(n_bar, kmesh=(4, 6, 8), **{**kw, "tol": tight})
    assert int(row.kmesh) == 6 and int(row.converged) == 0
    assert float(row.fraction) == float(one[6].fraction)


def test_layers_through_grid_resume_from_a_store(tmp_path):
    dens = [LAYERS[0].n_bar, LAYERS[1].n_bar]
    cheap = {"max_plane_waves": 1}  # sizes each layer, solves none
    first = grid(layer_superfluid, n_bar=dens, fixed=cheap, store=tmp_path / "st",
                 engine="inprocess")  # fmt: skip
    again = grid(layer_superfluid, n_bar=dens, fixed=cheap, store=tmp_path / "st",
                 engine="inprocess")  # fmt: skip
    xr.testing.assert_identical(first, again)
    assert first.sizes["n_bar"] == 2 and np.all(first.computed.values == 0)
    assert list(first.Z.values) == [LAYERS[0].Z, LAYERS[1].Z]


def test_layer_lookup_interpolates_between_rows():
    ds = layer_superfluid(3.0e-4, max_plane_waves=1)
    lay = layer(3.0e-4, mode="interpolate")
    assert float(ds.A) == lay.A and float(ds.n) == pytest.approx(lay.N * lay.n_ion)


def test_command_layers_compute(tmp_path, capsys):
    out = tmp_path / "l.nc"
    code = main(["crust", "layers", "--compute", "--densities", "2.79e-4,4e-4",
                 "--max-plane-waves", "20000",
                 "--out", str(out), "--png", str(tmp_path / "l.png")])  # fmt: skip
    text = capsys.readouterr().out
    assert code == 0
    assert text.count("not computed: needs") == 2
    assert (tmp_path / "l.png").stat().st_size > 0
    assert xr.load_dataset(out).sizes["n_bar"] == 2


def test_command_layers_unconverged_row_names_the_setting_to_tighten(capsys):
    # the densest layer on a 4³ mesh: computed, flagged, its error split into its two parts
    code = main(["crust", "layers", "--compute", "--densities", "7.89e-2", "--kmesh", "4"])
    text = capsys.readouterr().out
    assert code == 0
    row = next(line for line in text.splitlines() if line.lstrip().startswith("7.890e-02"))
    match = re.search(r"(\S+)±(\S+) .*NOT CONVERGED \(k-mesh (\S+) \+ cutoff (\S+)\)", row)
    assert match, row
    error, kmesh_part, cutoff_part = (float(match[i]) for i in (2, 3, 4))
    assert error > 0.02  # above the default tol
    assert kmesh_part + cutoff_part == pytest.approx(error, rel=0.06)  # parts printed to 2 digits


@pytest.mark.parametrize("argv, word", [
    (["--densities", "0.5"], "n_bar"),
    (["--core-density", "-1"], "core_density"),
    (["--kmesh", "1"], "kmesh"),
    (["--max-plane-waves", "0"], "max_plane_waves"),
])  # fmt: skip
def test_command_layers_compute_bad_input(argv, word, capsys):
    code = main(["crust", "layers", "--compute", *argv])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2 and len(err) == 1 and word in err[0]


@pytest.mark.parametrize("argv, word", [(["--kmesh", "16"], "--kmesh"), (["--gap", "1"], "--gap"),
                                        (["--store", "x"], "--store")])  # fmt: skip
def test_command_layers_compute_options_need_compute(argv, word, capsys):
    code = main(["crust", "layers", *argv])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2 and len(err) == 1 and word in err[0] and "--compute" in err[0]


def test_layer_just_beyond_max_plane_waves_is_not_computed():
    # the count is just above it here with the cutoff factor 1.75
    ds = layer_superfluid(0.0088, cutoff_factor=1.75, max_plane_waves=MAX_DENSE)
    assert int(ds.computed) == 0
    assert MAX_DENSE < int(ds.plane_waves) < 1.02 * MAX_DENSE
    with pytest.raises(ParameterError, match="max_plane_waves"):
        layer_superfluid(0.0204, max_plane_waves=MAX_PLANE_WAVES + 1)


@pytest.mark.parametrize("kwargs, word", [
    ({"gap": -1.0}, "gap"), ({"kmesh": 3}, "kmesh"), ({"kmesh": (8, 4)}, "kmesh"),
    ({"kmesh": (4, 5)}, "kmesh"), ({"kmesh": ()}, "kmesh"), ({"kmesh": [[8], [16]]}, "kmesh"),
    ({"tol": 0.0}, "tol"),
])  # fmt: skip
def test_layer_input_is_checked_even_when_the_row_is_not_computed(kwargs, word):
    with pytest.raises(ParameterError, match=word):
        layer_superfluid(LAYERS[0].n_bar, **kwargs)
