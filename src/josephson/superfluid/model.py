"""Physical parameters of two-fluid superfluids with entrainment.

* :class:`EntrainmentMatrix` — the symmetric matrix of document 000, eq. 1,
  ``(j_n, j_p) = [[rho_nn, rho_np], [rho_np, rho_pp]] (v_n, v_p)``, in any mass-density unit.
  Its consistency with the total densities (Galilean invariance, eq. 2:
  ``rho_nn + rho_np = rho_n``, ``rho_pp + rho_np = rho_p``) is a property a calculation either
  has or has not; :meth:`EntrainmentMatrix.galilean_defect` measures it.  Stability of the
  kinetic energy ``½ v·ρ·v`` needs ``rho_nn > 0``, ``rho_pp > 0`` and
  ``rho_nn rho_pp > rho_np²``; a matrix that violates it is refused.
* :class:`SkyrmeFunctional` — the parameters of a Skyrme energy-density functional (standard
  t0–t3, x0–x3, σ, W0, and the density-dependent momentum terms t4, x4, β, t5, x5, γ of the
  Brussels–Montreal functionals), with the functional's published nuclear-matter properties.
  :data:`SKYRME_PRESETS` ships SLy4 and BSk17 (a Brussels–Montreal functional).

The documents reuse ``rho_pp`` in two senses: in eq. 1 of document 000 (and in document 001)
it is the diagonal entrainment coefficient, while in eqs. 7 and 12–16 of document 000 it is the
condensate mass density ``2 m_j |psi_j|²`` (eq. 14), i.e. the *total* density ``rho_p`` of
eq. 2; eq. 12's ``rho_pp − rho_pn`` is then the diagonal coefficient of eq. 1.  This library
keeps the eq. 1 meaning for :class:`EntrainmentMatrix` and converts where eqs. 12–16 are used.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .._validate import scalar
from ..errors import ParameterError

__all__ = ["SKYRME_PRESETS", "EntrainmentMatrix", "SkyrmeFunctional"]


def _nonnegative(name: str, value) -> np.ndarray:
    arr = np.asarray(value, dtype=float)
    if arr.size == 0 or not np.all(np.isfinite(arr)) or np.any(arr < 0):
        raise ParameterError(name, value, "finite numbers >= 0")
    return arr


@dataclass(frozen=True)
class EntrainmentMatrix:
    """Entrainment matrix ``[[rho_nn, rho_np], [rho_np, rho_pp]]`` (document 000, eq. 1).

    The three entries broadcast (NumPy arrays are allowed, e.g. over density).  Mapping access
    works too: ``m["rho_np"]``.  Construction refuses NaN, negative diagonal entries and a
    matrix that is not positive definite (``rho_nn rho_pp <= rho_np²``: the kinetic energy would
    not be bounded below).  Attributes ``rho_n`` and ``rho_p`` are the row sums, i.e. the total
    densities *if* the matrix is Galilean invariant (eq. 2).
    """

    rho_nn: np.ndarray | float
    rho_pp: np.ndarray | float
    rho_np: np.ndarray | float
    units: str = "as given"

    def __post_init__(self):
        nn = np.asarray(self.rho_nn, dtype=float)
        pp = np.asarray(self.rho_pp, dtype=float)
        np_ = np.asarray(self.rho_np, dtype=float)
        for name, arr in (("rho_nn", nn), ("rho_pp", pp), ("rho_np", np_)):
            if arr.size == 0 or not np.all(np.isfinite(arr)):
                raise ParameterError(name, arr, "finite numbers")
        if np.any(nn <= 0) or np.any(pp <= 0):
            bad = "rho_nn" if np.any(nn <= 0) else "rho_pp"
            raise ParameterError(bad, nn if bad == "rho_nn" else pp, "> 0 (a positive "
                                 "diagonal entrainment coefficient)")  # fmt: skip
        det = nn * pp - np_**2
        if np.any(det <= 0):
            raise ParameterError(
                "rho_np", self.rho_np,
                "|rho_np| < sqrt(rho_nn rho_pp) (a positive-definite entrainment matrix)",
                detail="the kinetic energy ½ v·ρ·v would be unbounded below",
            )  # fmt: skip
        for name, arr in (("rho_nn", nn), ("rho_pp", pp), ("rho_np", np_)):
            object.__setattr__(self, name, arr if arr.ndim else float(arr))

    def __getitem__(self, key: str):
        if key not in ("rho_nn", "rho_pp", "rho_np", "rho_pn"):
            raise KeyError(key)
        return self.rho_np if key == "rho_pn" else getattr(self, key)

    def keys(self):
        return ("rho_nn", "rho_pp", "rho_np")

    @property
    def rho_pn(self):
        """Same as ``rho_np`` (the matrix is symmetric)."""
        return self.rho_np

    @property
    def rho_n(self):
        """``rho_nn + rho_np``: the neutron mass density when eq. 2 holds."""
        return self.rho_nn + self.rho_np

    @property
    def rho_p(self):
        """``rho_pp + rho_np``: the proton mass density when eq. 2 holds."""
        return self.rho_pp + self.rho_np

    @property
    def matrix(self) -> np.ndarray:
        """The matrix with its two indices last (shape ``(..., 2, 2)``)."""
        nn, pp, np_ = np.broadcast_arrays(self.rho_nn, self.rho_pp, self.rho_np)
        return np.stack([np.stack([nn, np_], -1), np.stack([np_, pp], -1)], -2)

    def mass_currents(self, v_n, v_p):
        """``(j_n, j_p)`` of eq. 1 for superfluid velocities ``v_n``, ``v_p``."""
        return (self.rho_nn * v_n + self.rho_np * v_p, self.rho_np * v_n + self.rho_pp * v_p)

    def galilean_defect(self, rho_n, rho_p) -> float:
        """Largest relative violation of eq. 2 for the given total densities (0 when it holds)."""
        rho_n, rho_p = _nonnegative("rho_n", rho_n), _nonnegative("rho_p", rho_p)
        d_n = np.abs(self.rho_n - rho_n) / np.maximum(rho_n, np.finfo(float).tiny)
        d_p = np.abs(self.rho_p - rho_p) / np.maximum(rho_p, np.finfo(float).tiny)
        return float(max(np.max(d_n), np.max(d_p)))

    def effective_masses(self):
        """``(m_n*/m, m_p*/m)`` in the sense of eq. 3: ``rho_q / rho_qq`` (Galilean totals)."""
        return self.rho_n / self.rho_nn, self.rho_p / self.rho_pp


@dataclass(frozen=True, kw_only=True)
class SkyrmeFunctional:
    """Parameters of a Skyrme energy-density functional (MeV and fm).

    Standard part: ``t0`` (MeV fm³), ``t1``, ``t2`` (MeV fm⁵), ``t3`` (MeV fm^(3+3σ)), ``x0``–``x3``,
    ``sigma``, spin–orbit ``w0``; Brussels–Montreal density-dependent momentum terms ``t4``,
    ``x4``, ``beta`` and ``t5``, ``x5``, ``gamma`` (zero for a standard force).  ``hbar2_2m``
    is the ħ²/2m (MeV fm²) the functional was fitted with; ``published`` holds its published
    infinite-matter properties (``n0`` fm⁻³, ``e_a`` MeV, ``k`` MeV, ``j`` MeV, ``m_star``
    isoscalar m*/m, ...) and ``source`` the reference.
    """

    name: str
    t0: float
    t1: float
    t2: float
    t3: float
    x0: float
    x1: float
    x2: float
    x3: float
    sigma: float
    w0: float = 0.0
    t4: float = 0.0
    x4: float = 0.0
    beta: float = 0.0
    t5: float = 0.0
    x5: float = 0.0
    gamma: float = 0.0
    hbar2_2m: float = 20.73553
    published: dict = field(default_factory=dict)
    source: str = ""

    def __post_init__(self):
        for name in ("t0", "t1", "t2", "t3", "x0", "x1", "x2", "x3", "sigma", "w0", "t4",
                     "x4", "beta", "t5", "x5", "gamma"):  # fmt: skip
            scalar(name, getattr(self, name))
        scalar("hbar2_2m", self.hbar2_2m, low=0, low_open=True)

    def c_tau(self, n):
        """Isoscalar and isovector coefficients ``(C0^τ, C1^τ)`` (MeV fm⁵) at baryon density n (fm⁻³).

        The functional's momentum-dependent part is ``Σ_t C_t^τ (n_t τ_t − j_t²)``; for a standard
        force ``C0^τ = [3t1 + t2(5 + 4x2)]/16``, ``C1^τ = −[t1(1 + 2x1) − t2(1 + 2x2)]/16``; the
        Brussels–Montreal t4 (``n^β``) and t5 (``n^γ``) terms add the same combinations with
        density-dependent strengths.
        """
        n = _nonnegative("n", n)
        t4n = self.t4 * n**self.beta if self.t4 else 0.0 * n
        t5n = self.t5 * n**self.gamma if self.t5 else 0.0 * n
        c0 = (3 * self.t1 + self.t2 * (5 + 4 * self.x2) + 3 * t4n + t5n * (5 + 4 * self.x5)) / 16
        c1 = -(
            self.t1 * (1 + 2 * self.x1)
            - self.t2 * (1 + 2 * self.x2)
            + t4n * (1 + 2 * self.x4)
            - t5n * (1 + 2 * self.x5)
        ) / 16
        return c0, c1


# SLy4: E. Chabanat, P. Bonche, P. Haensel, J. Meyer, R. Schaeffer, Nucl. Phys. A 635, 231
# (1998), Table 1 (parameters) and Table 2/3 (infinite matter).
_SLY4 = SkyrmeFunctional(
    name="SLy4",
    t0=-2488.91, t1=486.82, t2=-546.39, t3=13777.0,
    x0=0.834, x1=-0.344, x2=-1.0, x3=1.354, sigma=1 / 6, w0=123.0,
    hbar2_2m=20.73553,
    # m_v_star from the published TRK enhancement factor κ_v = 0.25: m/m_v* = 1 + κ_v
    published={"n0": 0.160, "e_a": -15.97, "k": 229.9, "j": 32.00, "m_star": 0.695,
               "m_v_star": 0.80},
    source="E. Chabanat et al., Nucl. Phys. A 635, 231 (1998), Tables 1-2",
)  # fmt: skip

# BSk17: S. Goriely, N. Chamel, J. M. Pearson, Phys. Rev. Lett. 102, 152503 (2009) (parameter
# table; infinite-matter properties).  A standard Skyrme form (no t4/t5 terms); the t3 exponent
# (called γ in that paper) is sigma here.  ħ²/2M is the mean of the neutron and proton values the
# Brussels–Montreal fits use (20.721254 and 20.749817 MeV fm²).
_BSK17 = SkyrmeFunctional(
    name="BSk17",
    t0=-1837.33, t1=389.102, t2=-3.1742, t3=11523.8,
    x0=0.411377, x1=-0.832102, x2=49.4875, x3=0.654962, sigma=0.3, w0=145.885,
    hbar2_2m=20.735535,
    published={"n0": 0.1586, "e_a": -16.054, "k": 241.7, "j": 30.0, "m_star": 0.80,
               "m_v_star": 0.78},
    source="S. Goriely, N. Chamel, J. M. Pearson, Phys. Rev. Lett. 102, 152503 (2009)",
)  # fmt: skip

#: Named functionals with their published parameters (see each ``source``).
SKYRME_PRESETS: dict[str, SkyrmeFunctional] = {"SLy4": _SLY4, "BSk17": _BSK17}
