"""Physics of josephson.bdg: conservation, two current definitions, two methods, the short
S–N–S limit, symmetries of the four-terminal altermagnet cross, periodicities, parity branches."""

import math

import numpy as np
import pytest
import scipy.linalg as sla
import scipy.sparse as sp

from josephson import bdg
from josephson.bdg import solve
from josephson.errors import ConvergenceError, ParameterError

PHI = np.linspace(-2 * np.pi, 2 * np.pi, 9)
# Rounding floor for "exactly zero" currents: a current is a sum over ~10³ eigenstates of terms
# of order t_c = 1 that cancel to ~10⁻²; each carries ~ε relative error, so ~10³ε ≈ 2e-13.
ROUND = 1e-12


def cross(**kw):
    base = dict(size=4, lead_size=4, mu=-0.5, delta=0.2, altermagnet=0.6, rashba=0.4,
                theta=math.pi / 4)  # fmt: skip
    base.update(kw)
    return bdg.four_terminal_junction(**base)


def scale(ds):
    return float(np.abs(ds.current).max())


# --- construction --------------------------------------------------------------------------
def test_hamiltonian_is_hermitian_and_particle_hole_symmetric():
    j = cross(dresselhaus=0.2, zeeman=(0.05, -0.03, 0.02), disorder=0.5, seed=3, tilt=0.4)
    h = j.hamiltonian([0.3, -1.1, 0.7, 2.0]).toarray()
    assert np.abs(h - h.conj().T).max() < 1e-14
    # C = τ_y σ_y K in the basis (c↑, c↓, c↓†, −c↑†): C H C⁻¹ = −H, so the spectrum is ±E
    n = j.n_sites
    ty_sy = np.kron(np.array([[0, -1j], [1j, 0]]), np.kron(np.eye(n), [[0, -1j], [1j, 0]]))
    assert np.abs(ty_sy @ h.conj() @ ty_sy.conj().T + h).max() < 1e-14
    e = np.linalg.eigvalsh(h)
    assert np.abs(e + e[::-1]).max() < 1e-12


def test_bulk_terms_have_the_stated_dispersion():
    """A periodic 1-site cell: the bond matrices reproduce ε(k) + d(k)·σ of the model docstring."""
    m = bdg.Material(mu=0.3, altermagnet=0.7, theta=0.6, rashba=0.45, dresselhaus=0.2)
    kx, ky = 0.37, -1.21
    h = m.onsite().copy()
    for dx, dy in ((1, 0), (0, 1)):
        b = m.bond(dx, dy)
        h += b * np.exp(-1j * (kx * dx + ky * dy)) + b.conj().T * np.exp(1j * (kx * dx + ky * dy))
    s = [np.array([[0, 1], [1, 0]]), np.array([[0, -1j], [1j, 0]]), np.diag([1, -1])]
    n = m.neel
    jk = -2 * 0.7 * (math.cos(kx) - math.cos(ky))
    d = (0.45 * math.sin(ky) + 0.2 * math.sin(kx) + jk * n[0],
         -0.45 * math.sin(kx) - 0.2 * math.sin(ky) + jk * n[1], jk * n[2])  # fmt: skip
    eps = -2 * (math.cos(kx) + math.cos(ky)) - 0.3
    expect = eps * np.eye(2) + sum(di * si for di, si in zip(d, s, strict=True))
    assert np.abs(h - expect).max() < 1e-14
    # d_xy altermagnet on the diagonal bonds: −2J sin k_x sin k_y n·σ
    m = bdg.Material(altermagnet=0.7, altermagnet_kind="dxy", theta=0.6, tilt=0.3)
    h = m.onsite().copy()
    for dx, dy in ((1, 0), (0, 1), (1, 1), (1, -1)):
        b = m.bond(dx, dy)
        h += b * np.exp(-1j * (kx * dx + ky * dy)) + b.conj().T * np.exp(1j * (kx * dx + ky * dy))
    jk = -2 * 0.7 * math.sin(kx) * math.sin(ky)
    eps = -2 * (math.cos(kx) + math.cos(ky))
    expect = eps * np.eye(2) + jk * sum(ni * si for ni, si in zip(m.neel, s, strict=True))
    assert np.abs(h - expect).max() < 1e-14


# --- currents: conservation, two definitions, two methods --------------------------------
@pytest.mark.parametrize("temperature", [0.0, 0.03])
def test_currents_conserved_and_operator_equals_energy_derivative(temperature):
    j = cross(dresselhaus=0.15, disorder=0.4, seed=1)
    ph = bdg.symmetric_bias(PHI[1:7:2]) + np.array([0.0, 0.0, 0.3, -0.2])
    op = bdg.terminal_currents(j, ph, temperature=temperature, method=bdg.Dense())
    der = bdg.terminal_currents(j, ph, temperature=temperature,
                                method=bdg.Dense(current="derivative"))  # fmt: skip
    s = scale(op)
    assert s > 1e-3  # a real current, not a trivial zero
    assert float(np.abs(op.current_sum).max()) < 1e-10 * s
    # the fourth-order difference with step h = 1e-3 errs by ~h⁴F⁽⁵⁾ ~ 1e-12 plus the round-off
    # of F (a sum of ~10² eigenvalues, ~ε|F| each) amplified by the stencil (Σ|c_k|/12h ≈ 1.5/h)
    roundoff = 50 * np.finfo(float).eps * float(np.abs(op.energy).max()) / 1e-3
    assert float(np.abs(op.current - der.current).max()) < roundoff + 1e-10 * s
    assert np.allclose(op.energy, der.energy, rtol=0, atol=1e-11)


def test_majorana_real_form_gives_the_complex_spectrum():
    j = cross()
    row = np.array([0.4, -0.9, 0.0, 0.2])
    e = solve._positive_energies(j, row, False)
    e_real = solve._positive_energies(j, row, True, solve._majorana_transform(j.n_sites))
    assert np.abs(np.sort(e) - np.sort(e_real)).max() < 1e-10


@pytest.mark.parametrize("temperature", [0.0, 0.004, 0.05])
def test_greens_method_agrees_with_dense_within_its_reported_error(temperature):
    j = cross(size=5, lead_size=3)
    ph = bdg.symmetric_bias(PHI) + np.array([0.0, 0.0, 0.0, 0.5])
    dense = bdg.terminal_currents(j, ph, temperature=temperature, method="dense")
    fast = bdg.terminal_currents(j, ph, temperature=temperature, method="greens")
    err = np.abs(fast.current - dense.current)
    assert bool(np.all(err <= fast.current_error))
    assert float(err.max()) < 1e-6 * scale(dense)
    assert float(np.abs(fast.current_sum).max()) < 1e-10 * scale(dense)
    # energies: the Green's method gives F − F_decoupled, so compare differences
    de = (fast.energy - fast.energy[0]) - (dense.energy - dense.energy[0])
    assert bool(np.all(np.abs(de) <= fast.energy_error + fast.energy_error[0]))


def test_greens_tolerance_raises_when_the_estimate_exceeds_it():
    j = cross()
    ph = [0.5, -0.5, 0, 0]
    fine = bdg.terminal_currents(j, ph, method=bdg.Greens(step=0.3))
    coarse = bdg.terminal_currents(j, ph, method=bdg.Greens(step=0.6))
    tol = float(np.sqrt(fine.current_error.max() * coarse.current_error.max()))
    assert float(coarse.current_error.max()) > tol > float(fine.current_error.max())
    bdg.terminal_currents(j, ph, method=bdg.Greens(step=0.3, tolerance=tol))  # no error
    with pytest.raises(ConvergenceError, match="greens"):
        bdg.terminal_currents(j, ph, method=bdg.Greens(step=0.6, tolerance=tol))


# --- the short single-channel junction -------------------------------------------------------
def test_sns_chain_andreev_levels_approach_the_short_junction_formula():
    """Lowest positive levels of a chain vs ±Δ√(1 − τ sin²(φ/2)); the Andreev approximation
    errs by O(Δ/t), so the deviation halves with Δ."""
    phi = np.array([0.7, 1.9, 2.9])
    devs = []
    for delta in (0.4, 0.2):
        j = bdg.sns_chain(delta=delta, mu=0.3, length=2, coupling=0.6, lead_size=int(24 / delta))
        tau = bdg.chain_transmission(mu=0.3, length=2, coupling=0.6)
        levels = bdg.spectrum(j, bdg.single_lead_bias(phi, 0, 2), levels=2).energy.values
        assert np.abs(levels[:, 0] - levels[:, 1]).max() < 1e-10  # spin-degenerate
        devs.append(np.abs(levels[:, 0] - bdg.andreev_levels(phi, tau, delta)).max() / delta)
    assert 0.3 < tau < 0.6  # a partly transparent channel
    assert devs[1] < 0.1
    assert devs[1] / devs[0] == pytest.approx(0.5, abs=0.1)


@pytest.mark.parametrize(("length", "coupling"), [(1, 1.0), (2, 0.6)])
def test_sns_chain_current_tends_to_beenakker_as_delta_goes_to_zero(length, coupling):
    """I(φ)/I_short → 1 with a continuum correction c(φ)Δ ln(1/Δ): c settles as Δ → 0 (slowest
    near φ = π for τ = 1, where E_A → 0; tested away from there)."""
    phi = np.array([0.5, 1.0, 1.5])
    tau = bdg.chain_transmission(mu=0.3, length=length, coupling=coupling)
    coeff = []
    for delta in (0.025, 0.0125, 0.00625):
        j = bdg.sns_chain(delta=delta, mu=0.3, length=length, coupling=coupling,
                          lead_size=int(16 / delta))  # fmt: skip
        ds = bdg.current_phase_relation(j, phi, bias="L", method="greens")
        ratio = ds.current.sel(terminal="L").values / bdg.short_junction_current(phi, tau, delta)
        coeff.append((1 - ratio) / (delta * math.log(1 / delta)))
        assert float(np.abs(ds.current_sum).max()) < 1e-12
    assert np.all(np.abs(1 - ratio) < 0.05)  # within 5 % at Δ = 0.00625 t
    assert np.abs(coeff[2] / coeff[1] - 1).max() < 0.03  # the Δ ln(1/Δ) law has set in


def test_sns_chain_temperature_follows_the_tanh_factor():
    delta, phi = 0.0125, np.array([1.0, 2.0])
    j = bdg.sns_chain(delta=delta, mu=0.3, lead_size=1300)
    cold = bdg.current_phase_relation(j, phi, bias="L", method="greens").current.sel(terminal="L")
    warm = bdg.current_phase_relation(j, phi, bias="L", temperature=0.3 * delta,
                                      method="greens").current.sel(terminal="L")  # fmt: skip
    ea = bdg.andreev_levels(phi, 1.0, delta)
    # the Andreev part is reduced by tanh(E_A/2T); the continuum adds the same O(Δ lnΔ) as at T=0
    assert np.allclose(warm / cold, np.tanh(ea / (2 * 0.3 * delta)), rtol=0.05)


# --- symmetries of the four-terminal cross ----------------------------------------------------
@pytest.mark.parametrize("off", ["rashba", "altermagnet"])
def test_transverse_current_vanishes_without_soc_or_altermagnet(off):
    j = cross(**{off: 0.0})
    ds = bdg.current_phase_relation(j, PHI, method="dense")
    s = scale(ds)
    assert s > 1e-3
    assert float(np.abs(ds.current.sel(terminal=["T", "B"])).max()) < ROUND
    # odd CPR: I(−φ) = −I(φ) (the grid is symmetric about 0)
    assert np.abs(ds.current.values + ds.current.values[::-1]).max() < ROUND


def test_all_terms_on_give_transverse_anomalous_current():
    ds = bdg.current_phase_relation(cross(), PHI, method="dense")
    s = scale(ds)
    it = ds.current.sel(terminal="T").values
    assert np.abs(it).max() > 1e-2 * s
    assert abs(np.interp(0.0, PHI, it)) > 1e-3 * s  # φ0 behaviour: current at zero bias
    assert np.abs(ds.current.values + ds.current.values[::-1]).max() > 1e-3 * s  # not odd


def test_neel_angle_selects_which_diode_effect_survives():
    """n ∥ x̂ (θ = 0): TR∘M_y keeps I_L odd (no longitudinal diode); n ∥ ŷ (θ = π/2):
    TR∘M_x kills the transverse current."""
    d0 = bdg.current_phase_relation(cross(theta=0.0), PHI, method="dense")
    d90 = bdg.current_phase_relation(cross(theta=math.pi / 2), PHI, method="dense")
    s = scale(d0)
    il = d0.current.sel(terminal="L").values
    assert np.abs(il + il[::-1]).max() < ROUND
    assert abs(float(bdg.diode_coefficients(d0).eta.sel(terminal="L"))) < 1e-9
    assert np.abs(d0.current.sel(terminal="T")).max() > 1e-2 * s
    assert float(np.abs(d90.current.sel(terminal=["T", "B"])).max()) < ROUND
    il90 = d90.current.sel(terminal="L").values
    assert np.abs(il90 + il90[::-1]).max() > 1e-4 * s  # longitudinal nonreciprocity at θ = π/2


def test_cpr_is_odd_when_nothing_breaks_time_reversal():
    """Rashba + Dresselhaus + disorder, any bias: time reversal gives I_a(−φ) = −I_a(φ)."""
    j = cross(altermagnet=0.0, dresselhaus=0.25, disorder=0.8, seed=11)
    ph = np.array([[0.4, -1.3, 0.9, 0.1], [1.7, 0.2, -0.6, 2.5]])
    plus = bdg.terminal_currents(j, ph, method="dense").current.values
    minus = bdg.terminal_currents(j, -ph, method="dense").current.values
    assert np.abs(plus + minus).max() < ROUND
    tr = bdg.terminal_currents(cross(dresselhaus=0.25), ph, method="dense").current.values
    assert np.abs(tr + bdg.terminal_currents(cross(dresselhaus=0.25), -ph,
                                             method="dense").current.values).max() > 1e-4  # fmt: skip


def test_ground_state_periodicities():
    """Versus one lead's phase the ground state is 2π-periodic; under the symmetric bias
    (φ/2, −φ/2, 0, 0) it is 4π-periodic and not 2π-periodic (the grounded leads stay at 0)."""
    j = cross()
    phi = np.array([0.3, 0.3 + 2 * np.pi, 0.3 + 4 * np.pi])
    one = bdg.current_phase_relation(j, phi, bias="L", method="dense")
    sym = bdg.current_phase_relation(j, phi, method="dense")
    s = scale(one)
    assert np.abs(one.current[1] - one.current[0]).max() < ROUND
    assert abs(float(one.energy[1] - one.energy[0])) < 1e-10  # a sum of ~10³ energies ~ 1
    assert np.abs(sym.current[2] - sym.current[0]).max() < ROUND
    assert np.abs(sym.current[1] - sym.current[0]).max() > 1e-3 * s
    assert abs(float(sym.energy[1] - sym.energy[0])) > 1e-4


def test_adiabatic_branch_keeps_parity_through_a_zero_energy_crossing():
    """A transparent chain: the spin-degenerate Andreev level ±Δ|cos(φ/2)| crosses zero at
    φ = π.  The ground state re-fills there (a kink, 2π-periodic); the fixed-parity branch
    keeps the crossing states occupied and lies 2E_A above it, reaching ≈ 2Δ at φ → 2π (the
    4π-periodic branch; at 2π the level of a transparent channel meets the continuum)."""
    delta = 0.3
    j = bdg.sns_chain(delta=delta, lead_size=40)
    # off the exact crossing point φ = π, where the two zero-energy states are degenerate
    phi = np.linspace(0.013, 2 * np.pi - 0.2, 61)
    ds = bdg.adiabatic_branch(j, bdg.single_lead_bias(phi, 0, 2))
    e = ds.energy.values - ds.energy.values[0]
    g = ds.energy_ground.values - ds.energy.values[0]
    level = ds.levels.values[:, 0]
    before, after = phi < np.pi, phi > np.pi
    assert np.abs(e[before] - g[before]).max() < 1e-12  # same state before the crossing
    assert np.abs((e - g)[after] - 2 * level[after]).max() < 1e-10  # two quasiparticles more
    assert np.abs(np.diff(e)).max() < 0.1 * delta  # continuous through the crossing
    assert e[-1] > 1.5 * delta > g[-1]  # approaching 2Δ where the ground state returns to 0
    # the tracked states' bond current is 2 dE/dφ of the branch (Hellmann–Feynman)
    i = ds.current.sel(terminal="L").values
    deriv = 2 * np.gradient(ds.energy.values, phi)
    assert np.abs(i - deriv)[2:-2].max() < 0.02 * np.abs(i).max()


# --- diode coefficients ----------------------------------------------------------------------
def test_diode_efficiency_definition():
    assert bdg.diode_efficiency(2.0, -2.0) == 0.0
    assert bdg.diode_efficiency(3.0, -1.0) == pytest.approx(0.5)  # (I+ − |I−|)/(I+ + |I−|)
    assert bdg.diode_efficiency(1.0, 0.9) == pytest.approx(19.0)  # unidirectional: > 1
    phi = np.linspace(-np.pi, np.pi, 201)
    import xarray as xr

    cur = np.stack([1.2 + 0.1 * np.sin(phi), -np.sin(phi + 0.3)], axis=1)
    ds = xr.Dataset({"current": (("phi", "terminal"), cur), "energy": ("phi", np.cos(phi - 0.2))},
                    coords={"phi": phi, "terminal": ["A", "B"]})  # fmt: skip
    d = bdg.diode_coefficients(ds)
    assert float(d.eta.sel(terminal="A")) == pytest.approx(2.4 / 0.2, rel=1e-4)
    assert bool(d.unidirectional.sel(terminal="A")) and not bool(d.unidirectional.sel(terminal="B"))
    assert float(d.i_anomalous.sel(terminal="B")) == pytest.approx(-math.sin(0.3), abs=1e-4)
    assert float(d.phi_0) == pytest.approx(0.2 - math.pi, abs=1e-4)  # minimum of cos(φ − 0.2)


# --- bad input ------------------------------------------------------------------------------
def test_bad_input_is_a_parameter_error_naming_the_argument():
    j = cross()
    cases = [
        (lambda: bdg.terminal_currents(j, [0, np.nan, 0, 0]), "phases"),
        (lambda: bdg.terminal_currents(j, [0, 0, 0]), "phases"),
        (lambda: bdg.terminal_currents(j, [0, 0, 0, 0], temperature=-0.1), "temperature"),
        (lambda: bdg.terminal_currents(j, [0, 0, 0, 0], method="chebyshev"), "method"),
        (lambda: bdg.four_terminal_junction(size=0), "size"),
        (lambda: bdg.four_terminal_junction(size=3, lead_size=0), "lead_size"),
        (lambda: bdg.four_terminal_junction(delta=-0.1), "delta"),
        (lambda: bdg.current_phase_relation(j, [0, 1], bias="X"), "bias"),
        (lambda: bdg.Material(t=0.0), "t"),
        (lambda: bdg.Material(altermagnet_kind="g-wave"), "altermagnet_kind"),
        (lambda: bdg.Greens(step=0.9), "step"),
        (lambda: bdg.Dense(real=True), "real"),
        (lambda: bdg.spectrum(j, [0, 0, 0, 0], levels=0), "levels"),
        (lambda: bdg.terminal_currents(j, [[0, 1, 0, 0], [0, 1]]), "phases"),
        (lambda: bdg.terminal_currents(j, [0j + 1, 0, 0, 0]), "phases"),
        (
            lambda: bdg.terminal_currents(j, [0, 0, 0, 0], method=bdg.Greens(omega_max=1.0)),
            "omega_max",
        ),
        (lambda: bdg.Greens(matsubara=4), "matsubara"),
        (lambda: bdg.symmetric_bias([0.0], 1), "n_terminals"),
        (lambda: bdg.andreev_levels(0.3, 1.5, 0.1), "transmission"),
        (lambda: bdg.chain_transmission(length=0), "length"),
        (lambda: bdg.Junction.build([(0.5, 0)], bdg.Material(), {}), "center_sites"),
        (lambda: bdg.Junction.build([(0, 0)], bdg.Material(), [1]), "terminals"),
        (
            lambda: bdg.Junction.build(
                [(0, 0)],
                bdg.Material(),
                {"L": ([(-1, 0)], bdg.Material(delta=0.1))},
                coupling={"X": 0.5},
            ),
            "coupling",
        ),
    ]
    for call, name in cases:
        with pytest.raises(ParameterError) as info:
            call()
        assert info.value.argument == name


def test_non_hermitian_terms_and_detached_terminals_are_refused():
    lead = bdg.Material(delta=0.1)
    centre = [(0, 0), (1, 0)]
    bad = sp.csr_matrix(np.triu(np.ones((4, 4))))
    with pytest.raises(ParameterError, match="Hermitian"):
        bdg.Junction.build(centre, bdg.Material(), {"L": ([(-1, 0)], lead)}, extra=bad)
    with pytest.raises(ParameterError, match="no bond"):
        bdg.Junction.build(centre, bdg.Material(), {"L": ([(-5, 0)], lead)})
    with pytest.raises(ParameterError, match="superconductor"):
        bdg.Junction.build(centre, bdg.Material(), {"L": ([(-1, 0)], bdg.Material())})
    ok = bdg.Junction.build(centre, bdg.Material(), {"L": ([(-1, 0)], lead),
                                                     "R": ([(2, 0)], lead)},
                            extra=sp.csr_matrix(np.diag([0.1, 0.1, -0.2, -0.2])))  # fmt: skip
    h = ok.hamiltonian([0.0, 1.0]).toarray()
    assert np.allclose(sla.eigvalsh(h), -sla.eigvalsh(h)[::-1])
