"""Full two-mode master equation (document 004, eqs. 21-23): josephson against QuTiP ``mesolve``,
measured in the same run.

Workload (issue): t in [0, 50] with 500 output times, initial state (|1,0> + i|0,1>)/sqrt(2),
K = 1, gamma_down = (1.2, 1.2), gamma_up = (1.0, 0.8), U = E1 - E2 = 0.5 (hbar = 1), Fock levels
0..N-1 per mode for N = 10, 15, 20.

* josephson, ``evolve`` with the default method (``ODE``: RK45 at rtol 1e-10, atol 1e-12) on the
  Delta = 0 block of the Liouvillian (ket and bra with the same total pair number; it holds
  every moment and is ~2N^3/3 entries instead of N^4) in real Hermitian coordinates.  The
  exact ``Expm`` method (expm_multiply) is timed as well.  Times include building the
  Liouvillian.
* QuTiP ``mesolve`` at its defaults (adams, atol 1e-8, rtol 1e-6) on the full N^4 space, with
  e_ops n1, n2, a1'a2; the operators are built before the clock starts.

Reported: wall times and their ratio, the largest difference of n1, n2, z between the two, and
how far the truncated moments are from the exact solution of eq. 27 (with gamma_up/gamma_down
~ 0.8 the occupations are broad, n-bar = 5 and 2, and the truncation error falls only
geometrically, ~ (n-bar/(n-bar+1))^N: at these N the master equation is a cross-check of
eq. 27, not a better answer).

    python benchmarks/master_equation_benchmark.py [--sizes 10 15 20] [--skip-qutip]
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from josephson.open_system.master import evolve, sector_indices
from josephson.open_system.moments import moment_evolution

PARAMS = {"tunneling": 1.0, "gamma_down": (1.2, 1.2), "gamma_up": (1.0, 0.8), "detuning": 0.5}
TIMES = np.linspace(0.0, 50.0, 500)
INITIAL = {(1, 0): 1.0, (0, 1): 1j}  # normalised by evolve
MOMENTS = ("n1", "n2", "z")


def _ours(n: int, method: str) -> tuple[float, dict]:
    start = time.perf_counter()
    ds = evolve(INITIAL, TIMES, **PARAMS, cutoff=n, method=method)
    elapsed = time.perf_counter() - start
    return elapsed, {
        "n1": ds["n1"].values,
        "n2": ds["n2"].values,
        "z": ds["z_real"].values + 1j * ds["z_imag"].values,
        "leak": float(np.max(np.abs(ds["leak_n1"].values))),
        "top": float(np.max(ds["top1"].values)),
    }


def _qutip(qutip, n: int, options: dict | None = None) -> tuple[float, dict]:
    a1 = qutip.tensor(qutip.destroy(n), qutip.qeye(n))
    a2 = qutip.tensor(qutip.qeye(n), qutip.destroy(n))
    k, gd, gu, u = (PARAMS[key] for key in ("tunneling", "gamma_down", "gamma_up", "detuning"))
    h = u * a1.dag() * a1 + k * (a1.dag() * a2 + a2.dag() * a1)
    c_ops = [np.sqrt(gd[0]) * a1, np.sqrt(gd[1]) * a2,
             np.sqrt(gu[0]) * a1.dag(), np.sqrt(gu[1]) * a2.dag()]  # fmt: skip
    psi0 = (qutip.tensor(qutip.basis(n, 1), qutip.basis(n, 0))
            + 1j * qutip.tensor(qutip.basis(n, 0), qutip.basis(n, 1))).unit()  # fmt: skip
    e_ops = [a1.dag() * a1, a2.dag() * a2, a1.dag() * a2]
    start = time.perf_counter()
    res = qutip.mesolve(h, psi0, TIMES, c_ops, e_ops=e_ops, options=options)
    elapsed = time.perf_counter() - start
    return elapsed, {"n1": np.real(res.expect[0]), "n2": np.real(res.expect[1]),
                     "z": np.asarray(res.expect[2])}  # fmt: skip


def _diff(a: dict, b: dict) -> float:
    return max(float(np.max(np.abs(a[m] - b[m]))) for m in MOMENTS)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 15, 20])
    parser.add_argument("--skip-qutip", action="store_true")
    args = parser.parse_args(argv)

    qutip = None
    if not args.skip_qutip:
        try:
            import qutip
        except ImportError:
            print("QuTiP is not installed: only josephson's timings are printed.  Install the "
                  'optional extra with  pip install -e ".[qutip]"  (or pip install "qutip>=5").')  # fmt: skip
            qutip = None

    ex = moment_evolution({"n1": 0.5, "n2": 0.5, "z": 0.5j}, TIMES, **PARAMS)
    exact = {"n1": ex["n1"].values, "n2": ex["n2"].values,
             "z": ex["z_real"].values + 1j * ex["z_imag"].values}  # fmt: skip
    print(f"workload: t in [0, 50], {TIMES.size} outputs, {PARAMS}")
    if qutip is not None:
        print(f"QuTiP {qutip.__version__} mesolve at its defaults (atol 1e-8, rtol 1e-6)")
    runs = {}
    header = (f"{'N':>3} {'block':>6} {'N^4':>7} {'ode [s]':>8} {'expm [s]':>9} "
              f"{'qutip [s]':>10} {'ratio':>7} {'|ode-qutip|':>12} {'|ode-expm|':>11} "
              f"{'|ode-eq27|':>11} {'max leak':>9} {'P(N-1)':>8}")  # fmt: skip
    print(header)
    for n in args.sizes:
        t_ode, ode = _ours(n, "ode")
        t_expm, expm = _ours(n, "expm")
        block = sector_indices(n, 0)[0].size
        if qutip is not None:
            t_q, q = _qutip(qutip, n)
            runs[n] = (ode, q)
            q_text = f"{t_q:10.2f} {t_q / t_ode:7.1f} {_diff(ode, q):12.2e}"
        else:
            q_text = f"{'-':>10} {'-':>7} {'-':>12}"
        print(f"{n:3d} {block:6d} {n**4:7d} {t_ode:8.2f} {t_expm:9.2f} {q_text} "
              f"{_diff(ode, expm):11.2e} {_diff(ode, exact):11.2e} {ode['leak']:9.2e} "
              f"{ode['top']:8.2e}", flush=True)  # fmt: skip
    if runs:
        # where does the difference come from?  QuTiP at tight tolerances, smallest N
        n = min(runs)
        t_tight, tight = _qutip(qutip, n, {"atol": 1e-12, "rtol": 1e-10})
        ode, q = runs[n]
        print(f"N = {n}, QuTiP at atol 1e-12, rtol 1e-10 ({t_tight:.2f} s): "
              f"|ode - qutip_tight| = {_diff(ode, tight):.2e}, "
              f"|qutip_default - qutip_tight| = {_diff(q, tight):.2e}")  # fmt: skip
    print("ratio = qutip / ode; |a-b| = largest difference of n1, n2, z over all times;")
    print("|ode-eq27| is the truncation error against the exact moment equations; max leak =")
    print(
        "max |gamma_up1 N <P1>|, the pumping leak of dn1/dt; P(N-1) = largest top-level population"
    )


if __name__ == "__main__":
    main()
