"""``josephson crust``: band-theory superfluid fraction, the Negele–Vautherin layers and the
Epstein–Baym ion mass from the command line; bad input as one line with exit status 2."""

import warnings

import pytest
import xarray as xr

from josephson.astro.crust import (
    LAYERS,
    Cosine,
    KronigPenney,
    Lattice,
    PlaneWave,
    epstein_baym_mass,
    superfluid_density,
)
from josephson.cli import main

COSINE_1D = ["crust", "bands", "--lattice", "1d", "--spacing", "20", "--potential", "cosine",
             "--amplitude", "1", "--density", "0.13"]  # fmt: skip
SC_SMALL = ["crust", "bands", "--lattice", "sc", "--spacing", "10", "--potential", "cosine",
            "--amplitude", "0.5", "--density", "0.01", "--kmesh", "4"]  # fmt: skip


def _value(text, key):
    for line in text.splitlines():
        if line.split() and line.split()[0] == key:
            return float(line.split()[1])
    raise AssertionError(f"{key} not printed")


def _row(text, name):
    for line in text.splitlines():
        if line.split() and line.split()[0] == name:
            return line.split()
    raise AssertionError(f"row {name} not printed")


def _library(lattice, potential, density, gap=0.0, method=None):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return superfluid_density(lattice, potential, density, gap=gap, method=method)


def test_bands_1d_prints_the_library_numbers(capsys):
    assert main(COSINE_1D) == 0
    text = capsys.readouterr().out
    r = _library(Lattice("1d", 20.0), Cosine(1.0), 0.13)
    assert _value(text, "mu") == pytest.approx(r.mu, rel=1e-5)
    assert _value(text, "n_s") == pytest.approx(r.n_s, rel=1e-5)
    assert _value(text, "fraction") == pytest.approx(r.fraction, rel=1e-5)
    assert 0 < r.fraction < 1
    assert "NOT CONVERGED" not in text


def test_bands_kronig_penney_matches_the_library(capsys):
    argv = ["crust", "bands", "--lattice", "1d", "--spacing", "15", "--potential",
            "kronig-penney", "--height", "2", "--width", "3", "--density", "0.1"]  # fmt: skip
    assert main(argv) == 0
    text = capsys.readouterr().out
    r = _library(Lattice("1d", 15.0), KronigPenney(2.0, 3.0), 0.1)
    assert _value(text, "fraction") == pytest.approx(r.fraction, rel=1e-5)
    assert _value(text, "mu") == pytest.approx(r.mu, rel=1e-5)


def test_nearly_empty_1d_lattice_is_all_superfluid(capsys):
    argv = [*COSINE_1D]
    argv[argv.index("--amplitude") + 1] = "1e-4"
    assert main(argv) == 0
    assert _value(capsys.readouterr().out, "fraction") == pytest.approx(1.0, abs=1e-3)


def test_unconverged_3d_result_is_flagged(capsys):
    assert main(SC_SMALL) == 0
    text = capsys.readouterr().out
    r = _library(Lattice("sc", 10.0), Cosine(0.5), 0.01, method=PlaneWave(kmesh=4))
    assert not r.converged
    assert _value(text, "fraction") == pytest.approx(r.fraction, rel=1e-5)
    assert _value(text, "error") == pytest.approx(r.error, rel=1e-3)
    flagged = [line for line in text.splitlines() if "NOT CONVERGED" in line]
    assert len(flagged) == 1 and "--kmesh" in flagged[0]


def test_gap_range_table_and_dataset(tmp_path, capsys):
    out, png = tmp_path / "g.nc", tmp_path / "g.png"
    assert main([*COSINE_1D, "--gap", "0:0.4:3", "--out", str(out), "--png", str(png)]) == 0
    text = capsys.readouterr().out
    ds = xr.load_dataset(out)
    assert list(ds["gap"].values) == pytest.approx([0.0, 0.2, 0.4])
    rows = [line.split() for line in text.splitlines() if line.split()
            and line.split()[-1] in ("converged", "CONVERGED")]  # fmt: skip
    assert len(rows) == 3
    for gap, row in zip((0.0, 0.2, 0.4), rows, strict=True):
        r = _library(Lattice("1d", 20.0), Cosine(1.0), 0.13, gap=gap)
        assert float(row[0]) == pytest.approx(gap)
        assert float(row[3]) == pytest.approx(r.fraction, abs=2e-6)
        assert float(ds["fraction"].sel(gap=gap)) == pytest.approx(r.fraction, rel=1e-12)
    assert ds["gap"].attrs["units"] == "MeV"
    assert png.read_bytes()[:4] == b"\x89PNG"


def test_bands_out_and_png_1d_and_3d(tmp_path, capsys):
    out, png = tmp_path / "b.nc", tmp_path / "b.png"
    assert main([*COSINE_1D, "--out", str(out), "--png", str(png)]) == 0
    text = capsys.readouterr().out
    ds = xr.load_dataset(out)
    assert float(ds["fraction"]) == pytest.approx(_value(text, "fraction"), rel=1e-5)
    assert ds["n_s"].attrs["units"] == "1/fm"
    assert png.read_bytes()[:4] == b"\x89PNG"
    out3, png3 = tmp_path / "c.nc", tmp_path / "c.png"
    assert main([*SC_SMALL, "--out", str(out3), "--png", str(png3)]) == 0
    assert int(xr.load_dataset(out3)["converged"]) == 0
    assert png3.read_bytes()[:4] == b"\x89PNG"


def test_layers_lists_every_row(tmp_path, capsys):
    out, png = tmp_path / "l.nc", tmp_path / "l.png"
    assert main(["crust", "layers", "--out", str(out), "--png", str(png)]) == 0
    text = capsys.readouterr().out
    assert "Negele" in text and "Nucl. Phys. A 207, 298 (1973)" in text
    lines = [line.split() for line in text.splitlines()[2:] if not line.startswith("wrote")]
    assert len(lines) == len(LAYERS)
    for row, layer in zip(lines, LAYERS, strict=True):
        assert float(row[0]) == pytest.approx(layer.n_bar, rel=1e-3)
        assert (int(row[1]), int(row[2]), int(row[3])) == (layer.Z, layer.A, layer.N)
        assert float(row[4]) == pytest.approx(layer.cell_radius, abs=0.01)
        assert float(row[5]) == pytest.approx(layer.bcc_lattice_constant, abs=0.01)
        assert float(row[6]) == pytest.approx(layer.n_gas, rel=1e-3)
    ds = xr.load_dataset(out)
    assert ds.sizes["n_bar"] == len(LAYERS)
    assert png.read_bytes()[:4] == b"\x89PNG"


ION = ["crust", "ion-mass", "--radius", "7", "--rho-n-in", "0.08", "--rho-p-in", "0.04",
       "--rho-n-out", "0.03"]  # fmt: skip


def test_ion_mass_and_its_limits(capsys):
    assert main([*ION, "--rho-s-in", "0.02"]) == 0
    text = capsys.readouterr().out
    given = epstein_baym_mass(7.0, 0.08, 0.04, 0.03, 0.02)
    for key, name in (("m_I_star", "m_I_star"), ("m_I", "m_I"), ("m_d", "m_d"),
                      ("m_I0", "m_I0"), ("lambda", "lambda")):  # fmt: skip
        assert _value(text, key) == pytest.approx(given[name], rel=1e-5)
    imp, sup, perm = (_row(text, n) for n in ("impenetrable", "all-superfluid", "permeable"))
    m_i0 = epstein_baym_mass(7.0, 0.08, 0.04, 0.03, 0.0)["m_I0"]
    # columns: name, rho_s_in, lambda, m_I_star, m_I, m_I_star/m_I
    assert float(imp[2]) == 0 and float(imp[4]) == pytest.approx(m_i0, rel=1e-5)
    assert float(imp[3]) == pytest.approx(m_i0 + 0.5 * given["m_d"], rel=1e-5)
    assert float(sup[4]) == 0 and sup[5] == "inf"
    assert float(perm[2]) == 1 and float(perm[3]) == float(perm[4])
    assert float(perm[5]) == 1


def test_ion_mass_without_rho_s_in_prints_the_limits_only(capsys):
    assert main(ION) == 0
    text = capsys.readouterr().out
    with pytest.raises(AssertionError):
        _value(text, "m_I_star")
    assert all(_row(text, n) for n in ("impenetrable", "all-superfluid", "permeable"))


@pytest.mark.parametrize(
    "argv, word",
    [([*COSINE_1D[:5], "0", *COSINE_1D[6:]], "spacing"),
     ([*COSINE_1D[:-1], "-0.1"], "density"),
     ([*COSINE_1D, "--cutoff", "0"], "cutoff"),
     ([*COSINE_1D, "--gap=-0.5"], "gap"),
     ([*COSINE_1D, "--gap=-1:1:3"], "gap"),
     ([*COSINE_1D, "--gap", "1:2"], "gap"),
     (["crust", "bands", "--lattice", "hex", "--spacing", "10", "--potential", "cosine",
       "--amplitude", "1", "--density", "0.1"], "lattice"),
     ([*COSINE_1D[:7], "magic", *COSINE_1D[8:]], "potential"),
     (["crust", "bands", "--lattice", "1d", "--spacing", "20", "--potential", "woods-saxon",
       "--depth", "20", "--radius", "4", "--diffuseness", "0.7", "--density", "0.1"],
      "potential"),
     (["crust", "bands", "--lattice", "bcc", "--spacing", "20", "--potential", "cosine",
       "--amplitude", "1", "--density", "0.01"], "potential"),
     ([*COSINE_1D, "--depth", "3"], "depth"),
     (["crust", "bands", "--lattice", "bcc", "--spacing", "20", "--potential", "woods-saxon",
       "--depth", "20", "--radius", "4", "--density", "0.01"], "diffuseness"),
     (["crust", "bands", "--lattice", "1d", "--spacing", "10", "--potential", "kronig-penney",
       "--height", "2", "--width", "12", "--density", "0.1"], "width"),
     ([*SC_SMALL[:-1], "3"], "kmesh"),
     ([*COSINE_1D, "--out", "x.txt"], "out"),
     ([*COSINE_1D[:-2]], "density"),
     ([*ION[:3], "0", *ION[4:]], "radius"),
     ([*ION, "--rho-s-in", "0.5"], "rho_s_in"),
     ([*ION[:-1], "0"], "rho_n_out")],
)  # fmt: skip
def test_bad_input_is_one_line_and_exit_2(argv, word, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main([*argv, "--png", "x.png"] if argv[1] == "bands" else argv) == 2
    captured = capsys.readouterr()
    err = captured.err.strip()
    assert err.count("\n") == 0 and word in err, err
    assert captured.out == ""
    assert list(tmp_path.iterdir()) == []
