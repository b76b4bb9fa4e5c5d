"""Open-system junction (document 004): the full Lindblad master equation on a truncated Fock
space against the exact moment equations (eq. 27), the truncation-leak identity, the decoupled
limit, state properties, QuTiP, and bad input."""

import itertools

import numpy as np
import pytest
import scipy.linalg

from josephson.errors import ConvergenceError, ParameterError
from josephson.open_system import master
from josephson.open_system.master import (
    ODE,
    Expm,
    evolve,
    fock_ket,
    liouvillian,
    sector_indices,
    steady_state,
)
from josephson.open_system.moments import (
    moment_evolution,
    moment_generator,
    moment_rhs,
    moment_steady_state,
    truncation_leak,
)

MOMENTS = ("n1", "n2", "z_real", "z_imag")
# a junction with narrow occupations (n̄ = 0.5, 0.2) so truncation error falls fast with N
NARROW = {"tunneling": 0.7, "gamma_down": (0.9, 0.6), "gamma_up": (0.3, 0.1), "detuning": 0.4}
SUPERPOSITION = {(1, 0): 1, (0, 1): 1j}  # (|1,0⟩ + i|0,1⟩)/√2: n1 = n2 = 1/2, z = i/2


def _max_diff(a, b):
    return max(float(np.max(np.abs(a[v].values - b[v].values))) for v in MOMENTS)


def _dense_ops(n):
    a = np.diag(np.sqrt(np.arange(1.0, n)), 1)
    eye = np.eye(n)
    return np.kron(a, eye), np.kron(eye, a)


def _vec(rho):
    return rho.reshape(-1, order="F")


def _unvec(x, d):
    return x.reshape(d, d, order="F")


def _state_vector(m):
    return np.array([m["n1"].real, m["n2"].real, m["z"].real, m["z"].imag])


# --------------------------------------------------------------------------- eq. 27 itself
def test_moment_rhs_is_eq_27_with_the_documents_signs():
    # written out as printed (eq. 27 for real K; eqs. 66-67 for complex K), complex arithmetic
    rng = np.random.default_rng(3)
    gd, gu, u = np.array([1.3, 0.7]), np.array([0.4, 0.2]), -0.8
    g = gd - gu
    nbar = gu / g
    for k in (0.9, 0.6 - 0.45j):
        n1, n2 = rng.uniform(0, 3, 2)
        z = complex(*rng.normal(size=2))
        dn1 = -g[0] * (n1 - nbar[0]) - 1j * (np.conj(k) * z - k * np.conj(z))
        dn2 = -g[1] * (n2 - nbar[1]) + 1j * (np.conj(k) * z - k * np.conj(z))
        dz = (1j * u - 0.5 * g.sum()) * z - 1j * k * (n1 - n2)
        got = moment_rhs(0.0, [n1, n2, z.real, z.imag], k, gd, gu, u)
        np.testing.assert_allclose(got, [dn1.real, dn2.real, dz.real, dz.imag], atol=1e-14)
        assert abs(dn1.imag) < 1e-14  # populations stay real
        a, b = moment_generator(k, gd, gu, u)
        np.testing.assert_allclose(a @ [n1, n2, z.real, z.imag] + b, got, atol=1e-14)


def test_moment_rhs_broadcasts_over_parameters():
    y = np.array([[1.0, 2.0], [0.5, 0.1], [0.2, -0.3], [0.0, 0.4]])
    k = np.array([0.5, 1.5])
    gd = np.array([[1.0, 1.1], [0.8, 0.9]])  # (mode, batch)
    got = moment_rhs(0.0, y, k, gd, (0.2, 0.1), 0.3)
    for q in range(2):
        want = moment_rhs(0.0, y[:, q], k[q], gd[:, q], (0.2, 0.1), 0.3)
        np.testing.assert_allclose(got[:, q], want, atol=1e-15)


@pytest.mark.parametrize("k", [0.8, 0.5 + 0.9j])
def test_moment_steady_state_solves_the_linear_system(k):
    gd, gu, u = (1.2, 0.7), (0.5, 0.15), 0.9
    a, b = moment_generator(k, gd, gu, u)
    y = np.linalg.solve(a, -b)
    ss = moment_steady_state(k, gd, gu, u)
    np.testing.assert_allclose([ss["n1"], ss["n2"], ss["z"].real, ss["z"].imag], y, rtol=1e-13)
    # the stationary state is attracting: eq. 27 integrated for a long time lands on it
    late = moment_evolution({"n1": 4.0, "n2": 0.0, "z": 1j}, [0.0, 200.0], k, gd, gu, u)
    np.testing.assert_allclose(late["n1"].values[-1], ss["n1"], rtol=1e-12)
    # |z|² <= n1 n2 (the macroscopic density matrix is positive)
    assert abs(ss["z"]) ** 2 <= ss["n1"] * ss["n2"]


def test_moment_steady_state_broadcasts_and_reduces_to_nbar_without_tunnelling():
    k = np.array([0.0, 0.3, 1.0])
    ss = moment_steady_state(k, (1.0, 1.0), (0.5, 0.2), 0.2)
    assert ss["n1"].shape == (3,)
    assert ss["n1"][0] == pytest.approx(1.0) and ss["n2"][0] == pytest.approx(0.25)
    assert ss["z"][0] == 0
    # tunnelling moves pairs from the fuller electrode to the emptier one, conserving N-bar
    assert np.all(np.diff(ss["n1"]) < 0) and np.all(np.diff(ss["n2"]) > 0)
    # pair balance: the tunnelling current out of 1 is the one into 2, γ1(n1 − n̄1) = −γ2(n2 − n̄2)
    np.testing.assert_allclose(0.5 * (ss["n1"] - 1.0), -0.8 * (ss["n2"] - 0.25), atol=1e-15)
    for q in range(3):
        one = moment_steady_state(k[q], (1.0, 1.0), (0.5, 0.2), 0.2)
        assert one["n1"] == pytest.approx(ss["n1"][q], rel=1e-15)


def test_moment_evolution_is_the_exact_solution():
    # the closed-form solution differentiates back to eq. 27 (central differences, h = 1e-4)
    p = {"tunneling": 0.9, "gamma_down": (1.1, 0.8), "gamma_up": (0.4, 0.3), "detuning": 0.6}
    t = np.array([0.7, 0.7 + 1e-4, 0.7 + 2e-4])
    ds = moment_evolution({"n1": 1.0, "n2": 0.0, "z": 0.0}, t, **p)
    y = np.stack([ds[v].values for v in MOMENTS])
    deriv = (y[:, 2] - y[:, 0]) / 2e-4
    np.testing.assert_allclose(deriv, moment_rhs(0, y[:, 1], **p), atol=1e-7)
    assert ds["n1"].attrs["units"] == "1" and "long_name" in ds["z_real"].attrs
    assert ds.attrs["computation"].endswith("moment_evolution")


# --------------------------------------------------------------------------- decoupled limit
def test_decoupled_modes_are_damped_oscillators():
    gd, gu, u = np.array([1.0, 0.7]), np.array([0.4, 0.2]), 0.8
    g, nbar = gd - gu, gu / (gd - gu)
    n0, z0 = np.array([2.0, 0.5]), 0.3 - 0.4j
    t = np.linspace(0.0, 6.0, 13)
    ds = moment_evolution({"n1": n0[0], "n2": n0[1], "z": z0}, t, 0.0, gd, gu, u)
    for j in range(2):
        exact = nbar[j] + (n0[j] - nbar[j]) * np.exp(-g[j] * t)
        np.testing.assert_allclose(ds[f"n{j + 1}"].values, exact, rtol=1e-12)
    z = z0 * np.exp((1j * u - 0.5 * g.sum()) * t)
    np.testing.assert_allclose(ds["z_real"] + 1j * ds["z_imag"], z, atol=1e-13)


def test_decoupled_master_equation_is_exact_without_pumping():
    # K = 0 and γ↑ = 0: no leak term survives, so even N = 3 reproduces the closed form
    gd, u, n = np.array([0.9, 0.5]), -0.7, 3
    ket = fock_ket({(2, 0): 1.0, (1, 1): 0.5 - 0.5j, (0, 2): 0.3}, n)
    rho0 = np.outer(ket, ket.conj())
    m0 = master.moments(rho0)
    t = np.linspace(0.0, 4.0, 9)
    ds = evolve(rho0, t, 0.0, gd, (0.0, 0.0), u, cutoff=n, method="expm")
    for j, key in enumerate(("n1", "n2")):
        np.testing.assert_allclose(ds[key].values, m0[key] * np.exp(-gd[j] * t), rtol=1e-12)
    z = m0["z"] * np.exp((1j * u - 0.5 * gd.sum()) * t)
    assert abs(m0["z"]) > 0.1
    np.testing.assert_allclose(ds["z_real"] + 1j * ds["z_imag"], z, atol=1e-13)


def test_decoupled_master_equation_with_pumping_converges_to_the_oscillator():
    # K = 0, γ↑ > 0: the only error is the pumping leak −γ↑N⟨P⟩, which falls with N
    t = np.linspace(0.0, 3.0, 7)
    gd, gu, u = np.array([1.0, 1.0]), np.array([0.2, 0.1]), 0.5
    g, nbar = gd - gu, gu / (gd - gu)
    errors = []
    for n in (3, 5, 8):
        ds = evolve(SUPERPOSITION, t, 0.0, gd, gu, u, cutoff=n)
        exact = nbar[0] + (0.5 - nbar[0]) * np.exp(-g[0] * t)
        z = 0.5j * np.exp((1j * u - 0.5 * g.sum()) * t)
        errors.append(max(np.max(np.abs(ds["n1"].values - exact)),
                          np.max(np.abs(ds["z_real"] + 1j * ds["z_imag"] - z))))  # fmt: skip
    assert errors[0] > errors[1] > errors[2]
    assert errors[2] < 1e-4


# --------------------------------------------------------------------------- master vs eq. 27
def test_master_equation_moments_converge_to_eq_27_with_the_cutoff():
    t = np.linspace(0.0, 10.0, 41)
    exact = moment_evolution({"n1": 0.5, "n2": 0.5, "z": 0.5j}, t, **NARROW)
    errors = [_max_diff(evolve(SUPERPOSITION, t, **NARROW, cutoff=n), exact) for n in (3, 5, 7, 9)]
    assert all(a > 2 * b for a, b in itertools.pairwise(errors)), errors
    assert errors[-1] < 2e-4
    assert errors[0] > 1e-3  # the truncation is visible at N = 3: the comparison has teeth


def test_leak_identity_holds_at_every_time_for_any_cutoff():
    # d⟨·⟩/dt from the full Liouvillian = eq. 27 right-hand side + truncation_leak, exactly,
    # on the evolved state (complex K, unequal rates, a state with coherences in every Δ block)
    p = {"tunneling": 0.8 - 0.5j, "gamma_down": (1.1, 0.9), "gamma_up": (0.6, 0.4),
         "detuning": 0.7}  # fmt: skip
    for n in (2, 3, 6):
        ket = fock_ket({(0, 0): 1, (1, 0): 0.7j, (0, 1): 0.5, (1, 1): 0.3 - 0.2j}, n)
        ds = evolve(ket, np.linspace(0.0, 4.0, 9), **p, cutoff=n, method="expm", store_states=True)
        lmat = liouvillian(**p, cutoff=n)
        rho = ds["rho_real"].values + 1j * ds["rho_imag"].values
        d = n * n
        worst, largest_leak = 0.0, 0.0
        for r in rho:
            deriv = master.moments(_unvec(lmat @ _vec(r), d))
            m = master.moments(r)
            rhs = moment_rhs(0.0, _state_vector(m), **p)
            leak = truncation_leak(r, p["tunneling"], p["gamma_up"])
            resid = [deriv["n1"] - rhs[0] - leak["n1"], deriv["n2"] - rhs[1] - leak["n2"],
                     deriv["z"] - (rhs[2] + 1j * rhs[3]) - leak["z"]]  # fmt: skip
            worst = max(worst, max(abs(q) for q in resid))
            largest_leak = max(largest_leak, *(abs(leak[k]) for k in ("n1", "n2", "z")))
        assert worst < 1e-13, (n, worst)
        assert largest_leak > 1e-3  # the leak is not zero: without it the identity fails
        # and the dataset's leak diagnostic (built from operators) is the same quantity
        leak = truncation_leak(rho, p["tunneling"], p["gamma_up"])
        np.testing.assert_allclose(ds["leak_n1"].values, leak["n1"], atol=1e-13)
        np.testing.assert_allclose(ds["leak_z_real"] + 1j * ds["leak_z_imag"], leak["z"],
                                   atol=1e-13)  # fmt: skip


def test_leak_terms_match_explicit_operators():
    # leak n1 = −γ↑¹N⟨P1⟩; leak z = −iKN(⟨P1 n2⟩ − ⟨P2 n1⟩) − γ↑¹N/2⟨P1 a1†a2⟩ − γ↑²N/2⟨a1†a2 P2⟩
    n, k, gu = 4, 0.6 + 0.2j, (0.7, 0.3)
    rng = np.random.default_rng(7)
    x = rng.normal(size=(n * n, n * n)) + 1j * rng.normal(size=(n * n, n * n))
    rho = x @ x.conj().T
    rho /= np.trace(rho)
    a1, a2 = _dense_ops(n)
    top = np.zeros((n, n))
    top[-1, -1] = 1
    p1, p2 = np.kron(top, np.eye(n)), np.kron(np.eye(n), top)
    n1, n2, z = a1.T @ a1, a2.T @ a2, a1.T @ a2

    def ev(op):
        return np.trace(rho @ op)

    leak = truncation_leak(rho, k, gu)
    assert leak["n1"] == pytest.approx(-gu[0] * n * ev(p1).real, abs=1e-14)
    assert leak["n2"] == pytest.approx(-gu[1] * n * ev(p2).real, abs=1e-14)
    want = (-1j * k * n * (ev(p1 @ n2) - ev(p2 @ n1)) - 0.5 * gu[0] * n * ev(p1 @ z)
            - 0.5 * gu[1] * n * ev(z @ p2))  # fmt: skip
    assert leak["z"] == pytest.approx(want, abs=1e-14)
    # and the truncated ladder operator obeys a a† = n + 1 − N P
    a = np.diag(np.sqrt(np.arange(1.0, n)), 1)
    np.testing.assert_allclose(a @ a.T, a.T @ a + np.eye(n) - n * top, atol=1e-14)


def test_methods_agree_and_nonuniform_times():
    t = np.linspace(0.0, 5.0, 21)
    exact = evolve(SUPERPOSITION, t, **NARROW, cutoff=5, method="expm")
    rk = evolve(SUPERPOSITION, t, **NARROW, cutoff=5)  # default: ODE(RK45, rtol 1e-10)
    assert _max_diff(exact, rk) < 1e-8
    bdf = evolve(SUPERPOSITION, t, **NARROW, cutoff=5, method=ODE(integrator="BDF", rtol=1e-9))
    assert _max_diff(exact, bdf) < 1e-6
    uneven = np.array([0.0, 0.25, 1.0, 2.25, 5.0])
    ds = evolve(SUPERPOSITION, uneven, **NARROW, cutoff=5, method=Expm())
    assert _max_diff(ds, exact.sel(time=uneven)) < 1e-12


# --------------------------------------------------------------------------- steady state
def test_steady_state_converges_to_the_moment_steady_state():
    p = {"tunneling": 0.8, "gamma_down": (1.0, 0.9), "gamma_up": (0.5, 0.3), "detuning": 0.6}
    exact = moment_steady_state(**p)
    errors = []
    for n in (6, 12, 18):
        ss = steady_state(**p, cutoff=n)
        assert ss.attrs["residual"] < 1e-12
        assert float(ss["trace"]) == pytest.approx(1.0, abs=1e-12)
        errors.append(max(abs(float(ss["n1"]) - exact["n1"]), abs(float(ss["n2"]) - exact["n2"]),
                          abs(float(ss["z_real"]) + 1j * float(ss["z_imag"]) - exact["z"])))  # fmt: skip
    assert errors[0] > 10 * errors[1] > 100 * errors[2], errors
    assert errors[-1] < 1e-5
    # the stationary state is the long-time limit of the evolution (same truncation)
    late = evolve(SUPERPOSITION, [0.0, 80.0], **p, cutoff=6, method="expm")
    ss = steady_state(**p, cutoff=6)
    assert abs(float(late["n1"][-1]) - float(ss["n1"])) < 1e-10


def test_steady_state_without_tunnelling_is_a_product_of_thermal_states():
    gd, gu, n = (1.0, 0.8), (0.4, 0.2), 7
    ss = steady_state(0.0, gd, gu, 0.3, cutoff=n, store_state=True)
    rho = ss["rho_real"].values + 1j * ss["rho_imag"].values
    # truncated geometric distribution p_m ∝ (γ↑/γ↓)^m in each mode
    p = [(g_u / g_d) ** np.arange(n) for g_d, g_u in zip(gd, gu, strict=True)]
    p = [q / q.sum() for q in p]
    np.testing.assert_allclose(rho, np.diag(np.kron(p[0], p[1])), atol=1e-14)


# --------------------------------------------------------------------------- states
def test_evolved_state_is_a_density_matrix():
    p = {"tunneling": 1.0, "gamma_down": (1.2, 1.2), "gamma_up": (1.0, 0.8), "detuning": 0.5}
    ket = fock_ket({(0, 0): 1, (2, 1): 1j, (0, 3): -0.5}, 4)  # coherences with Δ = ±3, ±1, ∓2
    t = np.linspace(0.0, 6.0, 13)
    ds = evolve(ket, t, **p, cutoff=4, store_states=True)
    rho = ds["rho_real"].values + 1j * ds["rho_imag"].values
    np.testing.assert_allclose(np.trace(rho, axis1=1, axis2=2), 1.0, atol=1e-11)
    np.testing.assert_allclose(rho, np.conj(np.transpose(rho, (0, 2, 1))), atol=1e-12)
    assert np.linalg.eigvalsh(rho).min() > -1e-10
    # the full-state evolution equals expm of the full Liouvillian (all Δ blocks put together)
    lmat = liouvillian(**p, cutoff=4).toarray()
    want = _unvec(scipy.linalg.expm(lmat * t[-1]) @ _vec(np.outer(ket, ket.conj())), 16)
    np.testing.assert_allclose(rho[-1], want, atol=1e-9)
    assert ds.attrs["computation"].endswith("master.evolve")
    assert ds["time"].attrs["units"] and ds["n1"].attrs["long_name"]


def test_sector_blocks_partition_the_liouvillian():
    p = {"tunneling": 0.4 + 0.3j, "gamma_down": (1.0, 0.5), "gamma_up": (0.2, 0.4),
         "detuning": -0.3}  # fmt: skip
    n = 3
    d = n * n
    full = liouvillian(**p, cutoff=n).toarray()
    seen = np.zeros(d * d, dtype=int)
    for delta in range(-(2 * n - 2), 2 * n - 1):
        rows, cols = sector_indices(n, delta)
        k = rows + d * cols
        seen[k] += 1
        block = liouvillian(**p, cutoff=n, sector=delta).toarray()
        np.testing.assert_array_equal(block, full[np.ix_(k, k)])
        outside = np.setdiff1d(np.arange(d * d), k)
        assert np.all(full[np.ix_(outside, k)] == 0)  # Δ is conserved
    assert np.all(seen == 1)


def test_fock_ket_superposition():
    ket = fock_ket(SUPERPOSITION, 3)
    assert ket[3] == pytest.approx(2**-0.5) and ket[1] == pytest.approx(1j * 2**-0.5)
    m = master.moments(np.outer(ket, ket.conj()))
    assert m["n1"] == pytest.approx(0.5) and m["z"] == pytest.approx(0.5j)


# --------------------------------------------------------------------------- QuTiP
def test_liouvillian_and_dynamics_match_qutip():
    qutip = pytest.importorskip("qutip")
    n, k, gd, gu, u = 4, 0.9, (1.1, 0.8), (0.5, 0.3), 0.45
    a1 = qutip.tensor(qutip.destroy(n), qutip.qeye(n))
    a2 = qutip.tensor(qutip.qeye(n), qutip.destroy(n))
    h = u * a1.dag() * a1 + k * (a1.dag() * a2 + a2.dag() * a1)
    c_ops = [np.sqrt(gd[0]) * a1, np.sqrt(gd[1]) * a2, np.sqrt(gu[0]) * a1.dag(),
             np.sqrt(gu[1]) * a2.dag()]  # fmt: skip
    ours = liouvillian(k, gd, gu, u, cutoff=n).toarray()
    np.testing.assert_allclose(ours, qutip.liouvillian(h, c_ops).full(), atol=1e-14)
    psi = (qutip.tensor(qutip.basis(n, 1), qutip.basis(n, 0))
           + 1j * qutip.tensor(qutip.basis(n, 0), qutip.basis(n, 1))).unit()  # fmt: skip
    t = np.linspace(0.0, 8.0, 33)
    res = qutip.mesolve(h, psi, t, c_ops, e_ops=[a1.dag() * a1, a2.dag() * a2, a1.dag() * a2],
                        options={"atol": 1e-12, "rtol": 1e-10})  # fmt: skip
    ds = evolve(SUPERPOSITION, t, k, gd, gu, u, cutoff=n)
    np.testing.assert_allclose(ds["n1"], np.real(res.expect[0]), atol=1e-8)
    np.testing.assert_allclose(ds["n2"], np.real(res.expect[1]), atol=1e-8)
    np.testing.assert_allclose(ds["z_real"] + 1j * ds["z_imag"], res.expect[2], atol=1e-8)


# --------------------------------------------------------------------------- bad input
GOOD = {"tunneling": 1.0, "gamma_down": (1.0, 1.0), "gamma_up": (0.5, 0.5), "detuning": 0.0}


@pytest.mark.parametrize(
    ("change", "argument"),
    [
        ({"cutoff": 1}, "cutoff"),
        ({"cutoff": 2.5}, "cutoff"),
        ({"cutoff": True}, "cutoff"),
        ({"gamma_down": (1.0, -0.1)}, "gamma_down"),
        ({"gamma_up": (0.1, 0.2, 0.3)}, "gamma_up"),
        ({"gamma_up": (np.nan, 0.2)}, "gamma_up"),
        ({"detuning": np.inf}, "detuning"),
        ({"tunneling": "strong"}, "tunneling"),
        ({"tunneling": complex(1, np.nan)}, "tunneling"),
        ({"method": "magic"}, "method"),
        ({"times": [0.0, 1.0, 1.0]}, "times"),
        ({"times": [[0.0, 1.0]]}, "times"),
        ({"initial_state": np.ones(5)}, "initial_state"),
        ({"initial_state": np.ones(16)}, "initial_state"),  # not normalised
        ({"initial_state": {(4, 0): 1}}, "initial_state"),  # outside the cutoff
        ({"initial_state": np.diag([1.0, -0.5, 0.5] + [0.0] * 13)}, "initial_state"),
        ({"store_states": "yes"}, "store_states"),
    ],
)
def test_evolve_rejects_bad_input(change, argument):
    kwargs = {"initial_state": SUPERPOSITION, "times": [0.0, 1.0], **GOOD, "cutoff": 4}
    kwargs.update(change)
    with pytest.raises(ParameterError) as err:
        evolve(**kwargs)
    assert err.value.argument == argument
    assert err.value.allowed


def test_no_stationary_state_without_net_loss():
    for gu in [(1.0, 0.5), (0.5, 1.5)]:
        with pytest.raises(ParameterError) as err:
            moment_steady_state(1.0, (1.0, 1.0), gu, 0.0)
        assert err.value.argument == "gamma_up" and "gamma_down" in str(err.value)
        with pytest.raises(ParameterError) as err:
            steady_state(1.0, (1.0, 1.0), gu, 0.0, cutoff=3)
        assert err.value.argument == "gamma_up"
    # evolution with net gain is allowed: dn1/dt = 0.5 n1 + 1.5 grows, n1 = 3(e^{t/2} − 1)
    ds = moment_evolution((0.0, 0.0, 0.0), [0.0, 1.0], 0.0, (1.0, 1.0), (1.5, 1.0), 0.0)
    assert float(ds["n1"][-1]) == pytest.approx(3.0 * (np.exp(0.5) - 1.0), rel=1e-13)


def test_bad_method_settings_and_states():
    with pytest.raises(ParameterError) as err:
        ODE(integrator="Euler")
    assert err.value.argument == "integrator"
    with pytest.raises(ParameterError) as err:
        ODE(rtol=-1e-3)
    assert err.value.argument == "rtol"
    with pytest.raises(ParameterError) as err:
        truncation_leak(np.eye(5) / 5, 1.0, (0.1, 0.1))
    assert err.value.argument == "rho"
    with pytest.raises(ParameterError) as err:
        moment_evolution({"n1": 1.0}, [0.0, 1.0], **GOOD)
    assert err.value.argument == "initial"
    with pytest.raises(ParameterError) as err:
        fock_ket({}, 3)
    assert err.value.argument == "initial_state"


def test_integration_failure_is_a_convergence_error(monkeypatch):
    class Failed:
        status, message = -1, "Required step size is less than spacing between numbers."
        t = np.array([0.0, 0.75])
        y = np.zeros((1, 2))

    monkeypatch.setattr(master, "solve_ivp", lambda *a, **k: Failed())
    with pytest.raises(ConvergenceError) as err:
        evolve(SUPERPOSITION, [0.0, 1.0, 2.0], **GOOD, cutoff=3, method="ode")
    assert err.value.method == "solve_ivp/RK45"
    assert "0.75" in str(err.value.reached)
