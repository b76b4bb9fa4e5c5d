"""Standard I-V workload: josephson against two baselines, measured in the same run.

Workload: 301 bias points on i in [0, 3]; beta_c = 0 swept up, beta_c = 10 swept up and down.
Baselines, each with a transient of 200 and an average over 1000 time units per bias point:

(a) scipy.integrate.solve_ivp LSODA at rtol = atol = 1e-9, one call per bias point, carrying
    the state from point to point as a real sweep does;
(b) NumPy RK4 at dt = 0.01 integrating all points at once, from the initial states that make a
    batch equivalent to a sweep (up: phi = arcsin(min(i, 1)), phi' = 0; down: phi' = 3).

Errors are against the exact curve: the closed form sqrt(i^2 - 1) at beta_c = 0; at
beta_c = 10 an independent converged reference (the periodic orbit of the Poincare map found
with DOP853 at rtol 1e-13, phi as the independent variable; branch ends from the exact
homoclinic retrapping current).  Timings exclude Numba compilation (reported separately).

    python benchmarks/iv_benchmark.py [--skip-lsoda]
"""

from __future__ import annotations

import argparse
import math
import time
import warnings

import numpy as np
from scipy import integrate, optimize

from josephson.junction import exact_retrapping_current, iv_curve

warnings.filterwarnings("ignore", message="Cannot cache compiled function")

BIAS = np.linspace(0.0, 3.0, 301)
TRANSIENT, AVERAGE = 200.0, 1000.0


# ---------------------------------------------------------------- exact references
def running_voltage(i: float, beta_c: float) -> float:
    """2 pi / T of the running orbit, T from the fixed point of the Poincare map phi -> phi + 2 pi."""

    def rhs(phi, y):  # y = (u, t), phi the independent variable
        u = y[0]
        return [(i - u - math.sin(phi)) / (beta_c * u), 1.0 / u]

    def stalled(phi, y):
        return y[0] - 1e-9

    stalled.terminal = True

    def ret(u0):
        sol = integrate.solve_ivp(
            rhs,
            (0.0, 2 * math.pi),
            [u0, 0.0],
            method="DOP853",
            rtol=1e-13,
            atol=1e-14,
            events=stalled,
        )
        if sol.status != 0:  # stalled (event or step failure as u -> 0): below the running orbit
            return math.inf, math.inf
        return sol.y[0, -1], sol.y[1, -1]

    # P(u) - u > 0 below the attracting orbit (and where the start stalls), < 0 above it
    u = optimize.brentq(lambda u0: ret(u0)[0] - u0, 1e-6, 3.5 + i, xtol=1e-14, rtol=1e-14)
    return 2 * math.pi / ret(u)[1]


def reference():
    exact0 = np.sqrt(np.clip(BIAS**2 - 1, 0, None))
    i_r = exact_retrapping_current(10.0)
    running = {float(i): running_voltage(float(i), 10.0) for i in BIAS if i >= i_r}
    up = np.array([running[float(i)] if i > 1.0 else 0.0 for i in BIAS])
    down = np.array([running.get(float(i), 0.0) for i in BIAS])
    return exact0, up, down


# ---------------------------------------------------------------- baselines
def lsoda_sweep(beta_c, biases, y0):
    """Baseline (a): one solve_ivp call per bias point, carrying the state."""
    out = []
    y = np.array(y0, dtype=float)
    for i in biases:
        if beta_c == 0:
            f = lambda t, s, i=i: [i - math.sin(s[0])]  # noqa: E731
            state = y[:1]
        else:
            f = lambda t, s, i=i: [s[1], (i - s[1] - math.sin(s[0])) / beta_c]  # noqa: E731
            state = y
        s1 = integrate.solve_ivp(f, (0, TRANSIENT), state, method="LSODA", rtol=1e-9, atol=1e-9)
        s2 = integrate.solve_ivp(f, (0, AVERAGE), s1.y[:, -1], method="LSODA", rtol=1e-9, atol=1e-9)
        out.append((s2.y[0, -1] - s1.y[0, -1]) / AVERAGE)
        y = np.array(s2.y[:, -1]) if beta_c else np.array([s2.y[0, -1], 0.0])
    return np.array(out)


def rk4_batch(beta_c, biases, phi0, u0, dt=0.01):
    """Baseline (b): NumPy RK4 over all bias points at once."""
    i = np.asarray(biases, dtype=float)

    def f(phi, u):
        if beta_c == 0:
            d = i - np.sin(phi)
            return d, np.zeros_like(u)
        return u, (i - u - np.sin(phi)) / beta_c

    phi, u = phi0.copy(), u0.copy()
    n_tr, n_av = round(TRANSIENT / dt), round(AVERAGE / dt)
    for k in range(n_tr + n_av):
        if k == n_tr:
            start = phi.copy()
        a1, b1 = f(phi, u)
        a2, b2 = f(phi + 0.5 * dt * a1, u + 0.5 * dt * b1)
        a3, b3 = f(phi + 0.5 * dt * a2, u + 0.5 * dt * b2)
        a4, b4 = f(phi + dt * a3, u + dt * b3)
        phi = phi + dt / 6 * (a1 + 2 * a2 + 2 * a3 + a4)
        u = u + dt / 6 * (b1 + 2 * b2 + 2 * b3 + b4)
    return (phi - start) / AVERAGE


def josephson_workload():
    v0 = iv_curve(0.0, BIAS, sweep="up").v.sel(direction="up").values
    ds = iv_curve(10.0, BIAS, sweep="up-down")
    return v0, ds.v.sel(direction="up").values, ds.v.sel(direction="down").values


def timed(fn, *args):
    t = time.perf_counter()
    out = fn(*args)
    return time.perf_counter() - t, out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-lsoda", action="store_true", help="skip the slow LSODA baseline")
    args = parser.parse_args()

    t_ref, (exact0, ref_up, ref_down) = timed(reference)
    print(
        f"reference computed in {t_ref:.1f} s; exact retrapping current at beta_c = 10: {exact_retrapping_current(10.0):.9f}"
    )

    t_compile, _ = timed(josephson_workload)
    t_j, (j0, jup, jdown) = timed(josephson_workload)
    reps = max(1, int(2.0 / max(t_j, 1e-3)))
    t_j = min(timed(josephson_workload)[0] for _ in range(reps))

    def errors(v0, up, down):
        return (
            np.max(np.abs(v0 - exact0)),
            np.max(np.abs(up - ref_up)),
            np.max(np.abs(down - ref_down)),
        )

    rows = [("josephson (PeriodAverage)", t_j, errors(j0, jup, jdown))]

    up_phi = np.arcsin(np.minimum(BIAS, 1.0))
    t_rk4, rk = timed(
        lambda: (
            rk4_batch(0.0, BIAS, up_phi, np.zeros_like(BIAS)),
            rk4_batch(10.0, BIAS, up_phi, np.zeros_like(BIAS)),
            rk4_batch(10.0, BIAS, np.zeros_like(BIAS), np.full_like(BIAS, 3.0)),
        )
    )
    rows.append(("(b) NumPy RK4 dt=0.01, batch", t_rk4, errors(*rk)))

    if not args.skip_lsoda:
        t_ls, ls = timed(
            lambda: (
                lsoda_sweep(0.0, BIAS, [0.0, 0.0]),
                lsoda_sweep(10.0, BIAS, [0.0, 0.0]),
                lsoda_sweep(10.0, BIAS[::-1], [0.0, 3.0])[::-1],
            )
        )
        rows.append(("(a) SciPy LSODA 1e-9, per point", t_ls, errors(*ls)))

    print(f"\njosephson compile + first run: {t_compile:.2f} s (once per process)\n")
    print(
        f"{'method':34s} {'time [s]':>10s} {'speed-up':>9s}  {'max err b=0':>12s} {'b=10 up':>10s} {'b=10 down':>10s}"
    )
    for name, t, (e0, eu, ed) in rows:
        print(f"{name:34s} {t:10.3f} {t / t_j:8.0f}x  {e0:12.2e} {eu:10.2e} {ed:10.2e}")
    print(
        "\n(speed-up = baseline time / josephson time; error = max |<v> - exact| over the 301 points)"
    )


if __name__ == "__main__":
    main()
