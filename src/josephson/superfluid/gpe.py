"""Gross–Pitaevskii rings and annuli with Josephson junctions: the atomtronic necklace (doc 000).

Model
-----
Dimensionless: ħ = 1, and with the defaults (``mass1 = g11 = density1 = 1``) energies are in
g11·n̄1 and lengths in healing lengths ξ = 1/√(m1 g11 n̄1); times in ħ/(g11 n̄1).  One or two
components ψ_j with the energy

    E = Σ_j ∫ [ |D_j ψ_j|²/(2 m_j) + V_j |ψ_j|² + g_jj |ψ_j|⁴/2 ] + g12 ∫ |ψ1|²|ψ2|²
        + C ∫ K1·K2,

D_j = ∇ − i a_j^rot, K_j = Im(ψ_j* D_j ψ_j) (the phase current), and the equations
i∂_t ψ_j = δE/δψ_j*.  The rotating-frame vector potential acts on component 1 only (the
document's "active" condensate): a_1^rot = m1 Ω R along a 1D ring, a_1^rot = m1 Ω ẑ×r in 2D.
As in the energy above there is no centrifugal term: (p − m1Ω×r)²/2m1 = p²/2m1 − ΩL_z +
½m1Ω²r² (on a 1D ring the last term is a constant).

Entrainment (Andreev–Bashkin).  C = ρ12/(m1 m2 n̄1 n̄2) with ρ12 = ``rho12``.  With
v_j = K_j/(m_j n_j) the term is ρ12 (n1 n2/n̄1 n̄2) v1·v2: the Andreev–Bashkin energy ρ12 v1·v2
with the local densities scaled by their means, so that it stays regular at vortex cores and
barriers.  Its variation is Hermitian and acts on each component as a vector potential,

    H_j = (p − a_j^rot − a_j^e)²/(2m_j) − (a_j^e)²/(2m_j) + V_j + g_jj|ψ_j|² + g12|ψ_other|²,
    a_1^e = −m1 C K2,  a_2^e = −m2 C K1

(δ/δψ2* of C∫K1·K2 = −iC[K1·∇ψ2 + ½(∇·K1)ψ2], which is the cross term of (p − a)²/2m2 with
a = −m2 C K1).  Both U(1) symmetries survive, so N1 and N2 are conserved separately, and the
conserved number current of component j is

    J_j = Im(ψ_j*(D_j − i a_j^e)ψ_j)/m_j = K_j/m_j + C n_j K_other,

the canonical part K_j/m_j plus the drag C n_j K_other.  The passive component (2) thus feels
the rotation through the entrainment, as the document says.  The entrainment matrix
[[m1 n̄1, ρ12], [ρ12, m2 n̄2]] must be positive definite; locally the kinetic energy stays
positive where ρ12² n1 n2/(n̄1 n̄2) < ρ11 ρ22.

Note on the document's form.  Document 000 writes the cross terms as
(ħ²ρ12/2m1m2) ∇²Ψ2 Ψ1/|Ψ1| (and (∇ − iqA)²Ψ1 Ψ2/|Ψ2| in the Ψ2 equation).  That is not δE/δΨ*
of any real energy: under Ψ2 → e^{iα}Ψ2 the Ψ1 equation changes, so the separate U(1)
symmetries are broken and neither atom number (nor the energy) is conserved; d N1/dt =
(ρ12/m1m2) Im∫|Ψ1|∇²Ψ2 ≠ 0 whenever Ψ2 carries a phase gradient.  The current–current form
used here is the Andreev–Bashkin energy written in ψ's, keeps both U(1)s, and gives the passive
component the gauge field through the entrainment, as the document intends.

Numerics
--------
One Strang split-step kernel serves real time (step dt), damped real time (dt(1 − iγ),
renormalised each step) and imaginary time (−i dt, each component renormalised to its atom
number after each step; μ_j reported): U(dt/2) T(dt) U(dt/2), where U (potential and
contact interactions) is a compiled pointwise pass (:mod:`._gpe_kernel`; exact in real time,
half-steps merged between records) and T (kinetic, rotation, entrainment) is done in Fourier
space with ``scipy.fft``.

* Rotation.  1D: a uniform vector potential, exact as a shift k → k − m1ΩR of the kinetic
  factor.  2D: direction splitting T_x(τ/2) T_y(τ) T_x(τ/2), each direction exact per row
  (column) since a_x = −m1Ωy is uniform along a row and a_y = m1Ωx along a column: the
  alternating-direction method of W. Bao and H. Wang, J. Comput. Phys. 217, 612 (2006).
* Entrainment couples the two kinetic flows.  T is split by component,
  Φ1(τ/2) Φ2(τ) Φ1(τ/2), where Φ_j evolves ψ_j with the other component frozen, so that
  a_j^e = −m_j C K_other is fixed during Φ_j (evaluated from the other component's state in
  the middle of the sequence, i.e. at the half step).  With a^e fixed,
  H_j − V − g·n = (p − a^rot)²/2m_j + B_j, B_j = −[(p − a^rot)·a^e + a^e·(p − a^rot)]/2m_j
  (the (a^e)² terms cancel), and Φ_j = T_j(τ/2) e^{−iτB_j} T_j(τ/2) with T_j exact as above and
  e^{−iτB_j} by its Taylor series to round-off (B_j is first order in ∇ and ∝ C|K|, so
  τ‖B_j‖ ≪ 1; the spectral ∂ drops the Nyquist mode so that B_j is Hermitian; renormalised in
  real time).  Every sub-step is unitary (each N_j conserved to round-off), the composition
  is symmetric, so the scheme is second order: the energy error scales as dt² (tested).
  Why not the gauge transform e^{iχ}F⁻¹e^{−iτ(k−Ā)²/2m}Fe^{−iχ}, χ' = A − Ā, that is exact for
  a vector potential in the continuum: on the Fourier grid the product e^{−iχ}ψ wraps modes
  across the Nyquist edge, so the conjugated operator differs from the spectral (p − A)² for
  the top modes, the two components' flows stop being derivatives of one energy, and a
  flowing two-component state grows grid-scale modes at a rate ~3/time independent of dt
  (found by linearising the step map; the spectral form above is stable).
* Split-step Fourier is unstable near dt·ε_kmax = π (Weideman & Herbst 1986): real-time runs
  refuse dt > :func:`max_step`.
* Imaginary time runs with H − μ_j (μ_j the running estimate from the norm decay), so the norm
  hardly changes within a step: otherwise the decay of the unnormalised ψ weakens the
  nonlinearity within the step and the fixed point is off by O(dt) (measured); with the shift
  and the symmetric (midpoint-density) interaction step it is off by O(dt²).  A phase
  projection (uniform ring current for the current densities) removes the slow diffusive
  relaxation of the phase around the ring (see :class:`ImaginaryTime`).

Geometry: :class:`Ring` (periodic x ∈ [0, L), R = L/2π) or :class:`Annulus` (a periodic box
of side ``box`` centred on the trap axis, harmonic or hard-walled radial trap).  The
necklace (:func:`necklace`) adds n equally spaced Gaussian barriers (1D: along the ring; 2D:
radial walls, Gaussian in the distance from the wall's ray) and per-component potential
offsets on the arcs between them.  Atom numbers are N_j = n̄_j × (L, or 2πR·width).
"""

from __future__ import annotations

import dataclasses
import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import ClassVar

import numba as nb
import numpy as np
import scipy.fft as sfft
import xarray as xr

from .. import _validate
from .._provenance import provenance
from ..errors import ConvergenceError, ParameterError
from . import _gpe_kernel

__all__ = [
    "Annulus",
    "Condensates",
    "ImaginaryTime",
    "Necklace",
    "Ramp",
    "Ring",
    "SplitStep",
    "current_density",
    "delta_barrier_flow",
    "energy",
    "evolve",
    "ground_state",
    "imprint",
    "junction_currents",
    "junction_phases",
    "max_step",
    "necklace",
    "phase_slips",
    "sound_speeds",
    "uniform_chemical_potentials",
    "vortices",
    "wavefunction",
    "winding_number",
]

_attrs = _validate.attrs
TWO_PI = 2.0 * math.pi
#: relative norm change beyond which a real-time run is declared failed
NORM_TOLERANCE = 1e-8
#: barriers must fit: n × BARRIER_FOOTPRINT × width ≤ circumference
BARRIER_FOOTPRINT = 4.0
#: grid points above which the potential step runs on Numba threads (if workers > 1)
PARALLEL_POINTS = 1 << 15
#: imaginary time projects the phase at checks while its derivative is above this × tol
PROJECT_ABOVE = 1.0
#: most Taylor terms of the entrainment exponential before giving up
TAYLOR_MAX = 40
#: ... and at most once per PROJECT_TIME/μ of imaginary time
PROJECT_TIME = 3.0


# =========================================================================== geometry
@dataclass(frozen=True, kw_only=True)
class Ring:
    """A 1D ring: periodic x ∈ [0, length), radius R = length/2π, ``points`` grid points."""

    length: float = 128.0
    points: int = 1024

    dim: ClassVar[int] = 1

    def __post_init__(self):
        _validate.scalar("length", self.length, low=0.0, low_open=True)
        _validate.whole("points", self.points, minimum=8)

    @property
    def radius(self) -> float:
        return self.length / TWO_PI

    @property
    def circumference(self) -> float:
        return float(self.length)

    @property
    def area(self) -> float:
        """Length over which the mean density is taken (atom number = n̄ × area)."""
        return float(self.length)

    @property
    def dx(self) -> float:
        return self.length / self.points

    @property
    def shape(self) -> tuple[int, ...]:
        return (self.points,)

    def coordinates(self) -> np.ndarray:
        """Grid positions x (arc length along the ring)."""
        return np.arange(self.points) * self.dx

    def angles(self) -> np.ndarray:
        """Azimuth θ = x/R of every grid point."""
        return self.coordinates() / self.radius

    def trap_potential(self) -> np.ndarray:
        return np.zeros(self.shape)


@dataclass(frozen=True, kw_only=True)
class Annulus:
    """A ring trap in 2D: radius R, radial ``width``, in a periodic square box of side ``box``
    (x, y ∈ [−box/2, box/2), centred on the trap axis) with ``points`` × ``points`` points.

    ``trap="harmonic"``: V(r) = trap_energy·(2(r − R)/width)²; the default trap_energy = 1.5 is
    the Thomas–Fermi chemical potential of a ring of mean density 1 (in g n̄ units) whose
    Thomas–Fermi full width is ``width``.  ``trap="hard"``: V = 0 for |r − R| < width/2 and
    ``trap_energy`` (default 25) outside, the step smoothed over one grid spacing.  The atom
    number is n̄ × 2πR·width in both cases.  ``box`` defaults to 2(R + width).
    """

    radius: float
    width: float
    box: float | None = None
    points: int = 256
    trap: str = "harmonic"
    trap_energy: float | None = None

    dim: ClassVar[int] = 2

    def __post_init__(self):
        _validate.scalar("radius", self.radius, low=0.0, low_open=True)
        _validate.scalar("width", self.width, low=0.0, low_open=True)
        if self.radius <= self.width / 2:
            raise ParameterError(
                "width", self.width, f"< 2 × radius = {2 * self.radius:g} (an annulus has a hole)"
            )
        _validate.whole("points", self.points, minimum=16)
        _validate.choice("trap", self.trap, ("harmonic", "hard"))
        if self.box is None:
            object.__setattr__(self, "box", 2.0 * (self.radius + self.width))
        _validate.scalar("box", self.box, low=0.0, low_open=True)
        need = 2.0 * (self.radius + 0.75 * self.width)
        if self.box < need:
            raise ParameterError("box", self.box, f">= 2(radius + 0.75 width) = {need:g}")
        if self.trap_energy is None:
            object.__setattr__(self, "trap_energy", 1.5 if self.trap == "harmonic" else 25.0)
        _validate.scalar("trap_energy", self.trap_energy, low=0.0)

    @property
    def circumference(self) -> float:
        return TWO_PI * self.radius

    @property
    def area(self) -> float:
        """Nominal annulus area 2πR·width (atom number = n̄ × area)."""
        return TWO_PI * self.radius * self.width

    @property
    def dx(self) -> float:
        return self.box / self.points

    @property
    def shape(self) -> tuple[int, ...]:
        return (self.points, self.points)

    def coordinates(self) -> np.ndarray:
        """Grid positions along x (and y): (i − points/2)·dx."""
        return (np.arange(self.points) - self.points // 2) * self.dx

    def mesh(self) -> tuple[np.ndarray, np.ndarray]:
        """X, Y arrays (points, points), rows along y."""
        c = self.coordinates()
        return np.meshgrid(c, c, indexing="xy")

    def angles(self) -> np.ndarray:
        xx, yy = self.mesh()
        return np.mod(np.arctan2(yy, xx), TWO_PI)

    def trap_potential(self) -> np.ndarray:
        xx, yy = self.mesh()
        s = np.hypot(xx, yy) - self.radius
        if self.trap == "harmonic":
            return self.trap_energy * (2.0 * s / self.width) ** 2
        return self.trap_energy * 0.5 * (1.0 + np.tanh((np.abs(s) - self.width / 2) / self.dx))


def _check_geometry(geometry):
    if not isinstance(geometry, Ring | Annulus):
        raise ParameterError("geometry", geometry, "a josephson.superfluid.gpe Ring or Annulus")
    return geometry


# =========================================================================== model
@dataclass(frozen=True, kw_only=True)
class Condensates:
    """Physical parameters of one or two condensates (see the module docstring for units).

    ``rho12`` is the entrainment (Andreev–Bashkin) density ρ12; the entrainment matrix
    [[m1 n̄1, ρ12], [ρ12, m2 n̄2]] must be positive definite.  ``rotation`` is Ω of the frame
    (acts on component 1).  A mixture with g12² ≥ g11 g22 is unstable (it separates or
    collapses) and is refused unless ``allow_unstable=True``.
    """

    components: int = 1
    g11: float = 1.0
    g22: float = 1.0
    g12: float = 0.0
    rho12: float = 0.0
    mass1: float = 1.0
    mass2: float = 1.0
    density1: float = 1.0
    density2: float = 1.0
    rotation: float = 0.0
    allow_unstable: bool = False

    def __post_init__(self):
        if self.components not in (1, 2) or isinstance(self.components, bool):
            raise ParameterError("components", self.components, "1 or 2")
        for name in ("g11", "g22"):
            _validate.scalar(name, getattr(self, name), low=0.0)
        for name in ("mass1", "mass2", "density1", "density2"):
            _validate.scalar(name, getattr(self, name), low=0.0, low_open=True)
        _validate.scalar("g12", self.g12)
        _validate.scalar("rho12", self.rho12)
        _validate.scalar("rotation", self.rotation)
        if self.components == 1:
            for name, default in (("g22", 1.0), ("g12", 0.0), ("rho12", 0.0), ("mass2", 1.0),
                                  ("density2", 1.0)):  # fmt: skip
                if getattr(self, name) != default:
                    raise ParameterError(
                        name, getattr(self, name), f"the default {default:g} with components=1"
                    )
            return
        if self.g12**2 >= self.g11 * self.g22 and not self.allow_unstable:
            raise ParameterError(
                "g12", self.g12,
                f"g12² < g11·g22 = {self.g11 * self.g22:g} (a stable mixture), or "
                "allow_unstable=True",
            )  # fmt: skip
        r11, r22 = self.mass1 * self.density1, self.mass2 * self.density2
        if self.rho12**2 >= r11 * r22:
            raise ParameterError(
                "rho12", self.rho12,
                f"|rho12| < sqrt(m1 n1 m2 n2) = {math.sqrt(r11 * r22):g} (positive-definite "
                "entrainment matrix)",
            )  # fmt: skip

    # --- derived quantities -------------------------------------------------------------
    @property
    def masses(self) -> np.ndarray:
        return np.array([self.mass1, self.mass2][: self.components], dtype=float)

    @property
    def densities(self) -> np.ndarray:
        return np.array([self.density1, self.density2][: self.components], dtype=float)

    @property
    def interactions(self) -> np.ndarray:
        """The matrix g_jl (components × components)."""
        if self.components == 1:
            return np.array([[self.g11]], dtype=float)
        return np.array([[self.g11, self.g12], [self.g12, self.g22]], dtype=float)

    @property
    def entrainment(self) -> float:
        """C = ρ12/(m1 m2 n̄1 n̄2), the coefficient of ∫K1·K2."""
        if self.components == 1:
            return 0.0
        return self.rho12 / (self.mass1 * self.mass2 * self.density1 * self.density2)

    def healing_lengths(self) -> np.ndarray:
        """ξ_j = 1/√(m_j μ_j) with μ_j the larger of g_jj n̄_j and the uniform-mixture chemical
        potential (∞ for a non-interacting component)."""
        mu = np.maximum(self.interactions.diagonal() * self.densities,
                        self.interactions @ self.densities)  # fmt: skip
        with np.errstate(divide="ignore"):
            return np.where(mu > 0, 1.0 / np.sqrt(self.masses * np.where(mu > 0, mu, 1.0)),
                            np.inf)  # fmt: skip


def _check_condensates(c):
    if not isinstance(c, Condensates):
        raise ParameterError("condensates", c, "a josephson.superfluid.gpe.Condensates")
    return c


def _check_grid(condensates: Condensates, geometry) -> None:
    xi = float(np.min(condensates.healing_lengths()))
    if geometry.dx > xi / 2:
        need = math.ceil(2 * geometry.circumference / xi) if geometry.dim == 1 else math.ceil(
            2 * geometry.box / xi)  # fmt: skip
        raise ParameterError(
            "points", geometry.points,
            f">= {need} (grid spacing dx = {geometry.dx:.4g} must be <= half the smallest "
            f"healing length, {xi:.4g})",
        )  # fmt: skip


# =========================================================================== necklace
@dataclass(frozen=True, kw_only=True)
class Necklace:
    """n Josephson junctions (Gaussian barriers) on a ring or annulus.  Build with
    :func:`necklace`.

    ``angles`` are the barrier azimuths θ_k = 2π(k + ½)/n, ``heights`` V0_k (with disorder),
    ``width`` the Gaussian width w: 1D V = Σ V0_k exp(−d_k²/2w²) with d_k the distance along
    the ring; 2D radial walls, d_k the distance from the wall's ray.  Arc k runs from barrier k
    to barrier k+1; ``component_offsets[j][k]`` is a potential added to component j on arc k
    (smooth steps of width w at the barrier centres).
    """

    geometry: Ring | Annulus
    n: int
    angles: tuple[float, ...]
    heights: tuple[float, ...]
    width: float
    height: float
    disorder: float = 0.0
    seed: int | str | None = None
    component_offsets: tuple[tuple[float, ...], ...] | None = None

    def __post_init__(self):
        _check_geometry(self.geometry)
        _validate.whole("n", self.n)
        if len(self.angles) != self.n or len(self.heights) != self.n:
            raise ParameterError("angles", self.angles, f"{self.n} angles and heights")
        _validate.scalar("width", self.width, low=0.0, low_open=True)
        if self.component_offsets is not None:
            arr = np.asarray(self.component_offsets, dtype=float)
            if arr.ndim != 2 or arr.shape[0] not in (1, 2) or arr.shape[1] != self.arcs:
                raise ParameterError(
                    "component_offsets", self.component_offsets,
                    f"None or an array (components, {self.arcs}) (one offset per arc)",
                )  # fmt: skip

    @property
    def arcs(self) -> int:
        return max(self.n, 1)

    @property
    def positions(self) -> np.ndarray:
        """Arc-length positions R θ_k of the barriers (1D: their x)."""
        return np.asarray(self.angles) * self.geometry.radius

    def barrier_potential(self) -> np.ndarray:
        """Σ_k V0_k exp(−d_k²/2w²) on the grid (the full-height barriers)."""
        geo = self.geometry
        v = np.zeros(geo.shape)
        w2 = 2.0 * self.width**2
        if geo.dim == 1:
            x = geo.coordinates()
            for xk, hk in zip(self.positions, self.heights, strict=True):
                d = np.mod(x - xk + geo.length / 2, geo.length) - geo.length / 2
                v += hk * np.exp(-(d**2) / w2)
            return v
        xx, yy = geo.mesh()
        r = np.hypot(xx, yy)
        theta = np.arctan2(yy, xx)
        for tk, hk in zip(self.angles, self.heights, strict=True):
            delta = theta - tk
            d = r * np.sin(delta)
            v += np.where(np.cos(delta) > 0, hk * np.exp(-(d**2) / w2), 0.0)
        return v

    def offset_potential(self, components: int) -> np.ndarray:
        """The arc offsets, ``(components, *grid)`` (zeros without offsets)."""
        geo = self.geometry
        out = np.zeros((components, *geo.shape))
        if self.component_offsets is None:
            return out
        off = np.asarray(self.component_offsets, dtype=float)
        if off.shape[0] != components:
            raise ParameterError(
                "component_offsets", self.component_offsets,
                f"{components} rows (one per component of the model)",
            )  # fmt: skip
        if self.n <= 1:
            out += off[:, :1].reshape(components, *([1] * geo.dim))
            return out
        theta = geo.angles()
        arc = TWO_PI / self.n
        radius = geo.radius
        for k in range(self.n):
            mid = self.angles[k] + arc / 2
            d = radius * (np.mod(theta - mid + math.pi, TWO_PI) - math.pi)
            half = radius * arc / 2
            weight = 0.5 * (np.tanh((d + half) / self.width) - np.tanh((d - half) / self.width))
            out += off[:, k].reshape(components, *([1] * geo.dim)) * weight
        return out

    def potential(self, components: int = 1, *, fraction: float = 1.0,
                  offsets: bool = True) -> np.ndarray:  # fmt: skip
        """V_j on the grid, ``(components, *grid)``: trap + fraction × barriers (+ offsets)."""
        fraction = _validate.scalar("fraction", fraction, low=0.0)
        v = self.geometry.trap_potential() + fraction * self.barrier_potential()
        out = np.broadcast_to(v, (components, *v.shape)).copy()
        if offsets:
            out += self.offset_potential(components)
        return out


def necklace(
    n: int,
    *,
    geometry: Ring | Annulus | None = None,
    height: float,
    width: float,
    disorder: float = 0.0,
    seed=None,
    component_offsets=None,
) -> Necklace:
    """n equally spaced Josephson junctions on ``geometry`` (default :class:`Ring`).

    Parameters
    ----------
    n : number of barriers (0: a plain ring)
    height : V0, the barrier height (energy units, ≥ 0)
    width : w, the Gaussian width (length units; at least the grid spacing, and n·4w must fit
        in the circumference 2πR)
    disorder : relative standard deviation of the heights, drawn uniformly in
        V0·[1 − √3 d, 1 + √3 d] from ``seed`` (0 ≤ d ≤ 1/√3)
    component_offsets : None, or an array (components, max(n, 1)) of potential offsets per
        component and arc (arc k from barrier k to k+1), e.g. a chemical-potential mismatch.
    """
    geometry = Ring() if geometry is None else _check_geometry(geometry)
    n = _validate.whole("n", n)
    height = _validate.scalar("height", height, low=0.0)
    width = _validate.scalar("width", width, low=0.0, low_open=True)
    disorder = _validate.scalar("disorder", disorder, low=0.0, high=1 / math.sqrt(3))
    _validate.seed(seed)
    if n > 0 and width < geometry.dx:
        raise ParameterError("width", width, f">= the grid spacing dx = {geometry.dx:.4g}")
    if n * BARRIER_FOOTPRINT * width > geometry.circumference:
        raise ParameterError(
            "width", width,
            f"<= circumference/({BARRIER_FOOTPRINT:g} n) = "
            f"{geometry.circumference / (BARRIER_FOOTPRINT * max(n, 1)):.4g} "
            f"(barriers wider than the ring)",
        )  # fmt: skip
    angles = tuple(TWO_PI * (k + 0.5) / n for k in range(n))
    heights = np.full(n, height)
    if disorder > 0 and n > 0:
        rng = np.random.default_rng(seed)
        heights = height * (1.0 + math.sqrt(3) * disorder * rng.uniform(-1.0, 1.0, n))
    offsets = None
    if component_offsets is not None:
        arr = _validate.array("component_offsets", component_offsets, ndim=(1, 2))
        arr = np.atleast_2d(arr)
        offsets = tuple(tuple(float(v) for v in row) for row in arr)
    seed_rec = seed if (seed is None or isinstance(seed, int | np.integer)) else repr(seed)
    return Necklace(
        geometry=geometry, n=n, angles=angles, heights=tuple(float(h) for h in heights),
        width=width, height=height, disorder=disorder,
        seed=None if seed_rec is None else (int(seed_rec) if not isinstance(seed_rec, str)
                                            else seed_rec),
        component_offsets=offsets,
    )  # fmt: skip


def _check_necklace(nk):
    if not isinstance(nk, Necklace):
        raise ParameterError("necklace", nk, "a Necklace from josephson.superfluid.gpe.necklace")
    return nk


# =========================================================================== methods
@dataclass(frozen=True, kw_only=True)
class SplitStep:
    """Real-time Strang split-step settings.

    dt : time step (at most :func:`max_step`, the split-step stability bound);
    damping : γ ≥ 0, step dt(1 − iγ) with each component renormalised to its atom number after
    every step (phenomenological dissipation); workers : FFT and Numba threads (default 1).
    """

    dt: float = 0.005
    damping: float = 0.0
    workers: int | None = None

    name: ClassVar[str] = "split_step"

    def __post_init__(self):
        _validate.scalar("dt", self.dt, low=0.0, low_open=True)
        _validate.scalar("damping", self.damping, low=0.0)
        if self.workers is not None:
            _validate.whole("workers", self.workers, minimum=1)


@dataclass(frozen=True, kw_only=True)
class ImaginaryTime:
    """Imaginary-time settings for :func:`ground_state`.

    dt : imaginary-time step; tol : stop when the imaginary-time derivative
    ‖ψ(τ+Δ) − ψ(τ)‖/(Δ √N), measured every ``check_every`` steps, is below ``tol`` for every
    component (an energy, in the model's units); max_steps : give up (ConvergenceError);
    project : apply the phase projection (uniform ring current, see ``_project_phase``) to the
    initial state and at every check while the derivative is above 1000 tol — it removes the
    slow diffusive relaxation of the phase around the ring and does not change the fixed
    point; workers : FFT threads.  The fixed point of the split step differs from the exact ground
    state by O(dt²).
    """

    dt: float = 0.01
    tol: float = 1e-8
    max_steps: int = 200_000
    check_every: int = 50
    project: bool = True
    workers: int | None = None

    name: ClassVar[str] = "imaginary_time"

    def __post_init__(self):
        _validate.scalar("dt", self.dt, low=0.0, low_open=True)
        _validate.scalar("tol", self.tol, low=0.0, low_open=True)
        _validate.whole("max_steps", self.max_steps, minimum=1)
        _validate.whole("check_every", self.check_every, minimum=1)
        if not isinstance(self.project, bool):
            raise ParameterError("project", self.project, "True or False")
        if self.workers is not None:
            _validate.whole("workers", self.workers, minimum=1)


@dataclass(frozen=True, kw_only=True)
class Ramp:
    """Barrier ramp: fraction f(t) = start + (end − start)·min(t/time, 1) of the barrier
    heights (time = 0: f = end from the start)."""

    time: float
    start: float = 0.0
    end: float = 1.0

    def __post_init__(self):
        _validate.scalar("time", self.time, low=0.0)
        _validate.scalar("start", self.start, low=0.0)
        _validate.scalar("end", self.end, low=0.0)

    def fraction(self, t):
        if self.time == 0:
            return np.full(np.shape(t), float(self.end)) if np.ndim(t) else float(self.end)
        s = np.minimum(np.asarray(t, dtype=float) / self.time, 1.0)
        out = self.start + (self.end - self.start) * s
        return float(out) if np.ndim(out) == 0 else out


def _workers(w, geometry) -> int:
    """FFT threads (and Numba threads of the potential step): 1 unless asked — on a shared
    machine, threads that compete for cores cost far more than they gain."""
    return 1 if w is None else int(w)


# =========================================================================== internals
@dataclass
class _Setup:
    """Everything the propagator and the observables need, as arrays."""

    geometry: Ring | Annulus
    c: int
    mass: np.ndarray
    g: np.ndarray
    C: float
    omega: float
    shift: np.ndarray  # 1D: extra uniform vector potential per component (co-moving gauge)
    vs: np.ndarray  # (c, *shape) static potential
    vb: np.ndarray  # (*shape) barriers at full height
    atoms: np.ndarray  # (c,) atom numbers to keep (imaginary time)
    k: list = field(default_factory=list)  # wavenumbers per axis, broadcastable
    dv: float = 1.0
    dk: list = field(default_factory=list)  # i k per axis without the Nyquist mode (∂)

    @property
    def dim(self) -> int:
        return self.geometry.dim

    def a_rot(self, j: int):
        """Rotation vector potential of component j: 1D a scalar, 2D (a_x, a_y) arrays or None."""
        geo = self.geometry
        if geo.dim == 1:
            return (self.mass[0] * self.omega * geo.radius if j == 0 else 0.0) - self.shift[j]
        if j != 0 or self.omega == 0:
            return None
        x = geo.coordinates()
        m_om = self.mass[0] * self.omega
        return (-m_om * x[:, None], m_om * x[None, :])  # a_x(y) per row, a_y(x) per column


def _setup(condensates, nk, *, fraction=1.0, offsets=True, atoms=None, shift=None) -> _Setup:
    geo = nk.geometry
    c = condensates.components
    v = nk.potential(c, fraction=0.0, offsets=offsets)
    k = []
    if geo.dim == 1:
        k = [TWO_PI * sfft.fftfreq(geo.points, geo.dx)]
    else:
        kk = TWO_PI * sfft.fftfreq(geo.points, geo.dx)
        k = [kk[None, :], kk[:, None]]  # k_x along axis -1, k_y along axis -2
    return _Setup(
        geometry=geo, c=c, mass=condensates.masses, g=condensates.interactions,
        C=condensates.entrainment, omega=float(condensates.rotation),
        shift=np.zeros(c) if shift is None else np.asarray(shift, dtype=float),
        vs=np.ascontiguousarray(v), vb=np.ascontiguousarray(nk.barrier_potential()),
        atoms=condensates.densities * geo.area if atoms is None else np.asarray(atoms, float),
        k=k, dv=geo.dx**geo.dim, dk=[_first_derivative(kk) for kk in k],
    )  # fmt: skip


def _first_derivative(k: np.ndarray) -> np.ndarray:
    """i k for a spectral first derivative, the Nyquist mode (ambiguous sign) set to zero."""
    out = 1j * k
    n = k.size
    if n % 2 == 0:
        flat = out.reshape(-1)
        flat[n // 2] = 0.0
    return out


def _spectral_integral(f: np.ndarray, axis: int, dx: float) -> np.ndarray:
    """A periodic primitive of the zero-mean part of real f along ``axis`` (spectral)."""
    n = f.shape[axis]
    fk = sfft.rfft(f, axis=axis)
    kr = TWO_PI * sfft.rfftfreq(n, dx)
    inv = np.zeros_like(kr, dtype=complex)
    inv[1:] = 1.0 / (1j * kr[1:])
    if n % 2 == 0:
        inv[-1] = 0.0
    shape = [1] * f.ndim
    shape[axis] = kr.size
    return sfft.irfft(fk * inv.reshape(shape), n=n, axis=axis)


def _derivatives(s: _Setup, psi_j: np.ndarray, workers: int = 1) -> list:
    """Spectral ∂ψ along each axis (1D: [∂x]; 2D: [∂x, ∂y]), Nyquist mode dropped."""
    if s.dim == 1:
        return [sfft.ifft(s.dk[0] * sfft.fft(psi_j, workers=workers), workers=workers)]
    fx = sfft.ifft(s.dk[0] * sfft.fft(psi_j, axis=-1, workers=workers), axis=-1,
                   workers=workers)  # fmt: skip
    fy = sfft.ifft(s.dk[1] * sfft.fft(psi_j, axis=-2, workers=workers), axis=-2,
                   workers=workers)  # fmt: skip
    return [fx, fy]


def _phase_current(s: _Setup, j: int, psi_j: np.ndarray, workers: int = 1) -> list:
    """K_j = Im(ψ_j* D_j ψ_j) per axis, D_j = ∇ − i a_j^rot."""
    der = _derivatives(s, psi_j, workers)
    n = np.abs(psi_j) ** 2
    out = [np.imag(np.conj(psi_j) * d) for d in der]
    a = s.a_rot(j)
    if s.dim == 1:
        if a != 0.0:
            out[0] = out[0] - a * n
    elif a is not None:
        out = [out[0] - a[0] * n, out[1] - a[1] * n]
    return out


class _Propagator:
    """The split-step kernel for one complex time step h = tr − i·ti."""

    def __init__(self, s: _Setup, h: complex, *, renorm: bool, fraction: Callable,
                 workers: int):  # fmt: skip
        self.s = s
        self.h = complex(h)
        self.dt = abs(self.h.real) if self.h.real != 0 else abs(self.h.imag)
        self.renorm = renorm
        self.fraction = fraction
        self.workers = workers
        self.iters = 0 if self.h.imag == 0 else 1
        self.entrain = s.c == 2 and s.C != 0.0
        self._name = "imaginary_time" if renorm and self.h.real == 0 else "split_step"
        self.flat = int(np.prod(s.geometry.shape))
        self.vs = s.vs.reshape(s.c, self.flat)
        self.vb = s.vb.reshape(self.flat)
        self.parallel = self.flat >= PARALLEL_POINTS and workers > 1
        self.ones = np.ones(2)
        self.mu = np.zeros(2)  # chemical-potential shift (renormalised runs: running estimate)
        self._build_kinetic()

    # --- kinetic factors ---------------------------------------------------------------
    def _factor(self, k2, m, tau):
        return np.exp(-1j * tau * k2 / (2.0 * m))

    def _build_kinetic(self):
        s, h = self.s, self.h
        if s.dim == 1:
            k = s.k[0]
            self.kin = np.stack([self._factor((k - s.a_rot(j)) ** 2, s.mass[j], h)
                                 for j in range(s.c)])  # fmt: skip
            self.kinetic = self._kinetic_1d
        else:
            kx, ky = s.k
            self.kin = np.stack([self._factor(kx**2 + ky**2, s.mass[j], h) for j in range(s.c)])
            self.rot = None
            if s.omega != 0.0:
                ax, ay = s.a_rot(0)
                m = s.mass[0]
                self.rot = (self._factor((kx - ax) ** 2, m, h / 2),  # T_x(h/2), rows
                            self._factor((ky - ay) ** 2, m, h))  # T_y(h), columns  # fmt: skip
            self.kinetic = self._kinetic_2d
        if self.entrain:
            self.kinetic = self._kinetic_entrained
            self._subcache = {}

    def _kinetic_1d(self, psi):
        w = self.workers
        f = sfft.fft(psi, axis=-1, workers=w, overwrite_x=True)
        f *= self.kin
        return sfft.ifft(f, axis=-1, workers=w, overwrite_x=True)

    def _adi_rotation(self, p):
        """T_x(h/2) T_y(h) T_x(h/2) with the per-row/column factors of the rotation."""
        w = self.workers
        fx, fy = self.rot
        for ax, fac in ((-1, fx), (-2, fy), (-1, fx)):
            f = sfft.fft(p, axis=ax, workers=w, overwrite_x=True)
            f *= fac
            p = sfft.ifft(f, axis=ax, workers=w, overwrite_x=True)
        return p

    def _kinetic_2d(self, psi):
        w = self.workers
        if self.rot is None:
            f = sfft.fft2(psi, axes=(-2, -1), workers=w, overwrite_x=True)
            f *= self.kin
            return sfft.ifft2(f, axes=(-2, -1), workers=w, overwrite_x=True)
        out = np.empty_like(psi)
        out[0] = self._adi_rotation(psi[0])
        if self.s.c == 2:
            f = sfft.fft2(psi[1], workers=w)
            f *= self.kin[1]
            out[1] = sfft.ifft2(f, workers=w, overwrite_x=True)
        return out

    # --- entrainment: component-wise partitioned flows -----------------------------------
    def _kin_sub(self, j, p, tau):
        """exp(−iτ(p − a_j^rot)²/2m_j) on one component (1D k-shift; 2D FFT or rotation ADI)."""
        key = (j, tau)
        fac = self._subcache.get(key)
        s, w = self.s, self.workers
        if fac is None:
            m = s.mass[j]
            if s.dim == 1:
                fac = self._factor((s.k[0] - s.a_rot(j)) ** 2, m, tau)
            elif s.a_rot(j) is None:
                fac = self._factor(s.k[0] ** 2 + s.k[1] ** 2, m, tau)
            else:
                ax, ay = s.a_rot(j)
                fac = (self._factor((s.k[0] - ax) ** 2, m, tau / 2),
                       self._factor((s.k[1] - ay) ** 2, m, tau))  # fmt: skip
            self._subcache[key] = fac
        if s.dim == 1:
            f = sfft.fft(p, workers=w)
            f *= fac
            return sfft.ifft(f, workers=w, overwrite_x=True)
        if not isinstance(fac, tuple):
            f = sfft.fft2(p, workers=w)
            f *= fac
            return sfft.ifft2(f, workers=w, overwrite_x=True)
        for ax, fc in ((-1, fac[0]), (-2, fac[1]), (-1, fac[0])):
            f = sfft.fft(p, axis=ax, workers=w)
            f *= fc
            p = sfft.ifft(f, axis=ax, workers=w, overwrite_x=True)
        return p

    def _apply_b(self, j, p, ae, arot_dot):
        """B_j p = −[(p̂ − a^rot)·a^e + a^e·(p̂ − a^rot)] p/2m_j = (i/2m_j) Σ_axes [∂(a p) + a ∂p]
        + (a^rot·a^e/m_j) p (spectral ∂ without the Nyquist mode: B_j is Hermitian)."""
        s, w = self.s, self.workers
        acc = None
        for axis, a in enumerate(ae):
            ax = -1 - axis
            f = sfft.fft(np.stack([a * p, p]), axis=ax, workers=w, overwrite_x=True)
            f *= s.dk[axis]
            d = sfft.ifft(f, axis=ax, workers=w, overwrite_x=True)
            term = d[0] + a * d[1]
            acc = term if acc is None else acc + term
        acc *= 0.5j / s.mass[j]
        if arot_dot is not None:
            acc += arot_dot * p
        return acc

    def _exp_b(self, j, p, ae, tau):
        """exp(−iτB_j) p by its Taylor series to round-off (τ‖B‖ is small: B is first order
        in the gradient and proportional to C·K); in real time renormalised to ‖p‖."""
        s = self.s
        arot = s.a_rot(j)
        arot_dot = None
        if s.dim == 1 and arot != 0.0:
            arot_dot = (arot / s.mass[j]) * ae[0]
        elif s.dim == 2 and arot is not None:
            arot_dot = (arot[0] * ae[0] + arot[1] * ae[1]) / s.mass[j]
        norm0 = math.sqrt(float(np.vdot(p, p).real))
        out = p.copy()
        term = p
        for order in range(1, TAYLOR_MAX + 1):
            term = (-1j * tau / order) * self._apply_b(j, term, ae, arot_dot)
            out += term
            if math.sqrt(float(np.vdot(term, term).real)) <= 1e-15 * norm0:
                break
        else:
            raise ConvergenceError(
                self._name, f"Taylor order {TAYLOR_MAX}",
                "the entrainment step did not converge (τ·C·|K|·k_max too large): reduce dt",
            )  # fmt: skip
        if self.h.imag == 0 and norm0 > 0:
            out *= norm0 / math.sqrt(float(np.vdot(out, out).real))
        return out

    def _partial(self, j, pj, po, frac):
        """Φ_j(τ): ψ_j under its Hamiltonian with the other component frozen, Strang-split as
        T_j(τ/2) exp(−iτB_j) T_j(τ/2) with a_j^e = −m_j C K_other fixed."""
        s = self.s
        tau = self.h * frac
        ko = _phase_current(s, 1 - j, po, self.workers)
        ae = [-s.mass[j] * s.C * kk for kk in ko]
        pj = self._kin_sub(j, pj, tau / 2)
        pj = self._exp_b(j, pj, ae, tau)
        return self._kin_sub(j, pj, tau / 2)

    def _kinetic_entrained(self, psi):
        p0, p1 = psi[0], psi[1]
        p0 = self._partial(0, p0, p1, 0.5)
        p1 = self._partial(1, p1, p0, 1.0)
        p0 = self._partial(0, p0, p1, 0.5)
        return np.stack([p0, p1])

    # --- potential step ----------------------------------------------------------------
    def potential(self, psi, portion, t, scale=None):
        """U(portion × h) in place at time t; returns Σ|ψ_j|² after."""
        flat = psi.reshape(self.s.c, self.flat)
        tr = self.h.real * portion
        ti = -self.h.imag * portion
        sc = self.ones if scale is None else scale
        f = float(self.fraction(t))
        g = self.s.g
        if self.parallel:
            return _gpe_kernel.step_parallel(flat, self.vs, self.vb, f, g, self.mu, tr, ti, sc,
                                             self.iters, 4 * nb.get_num_threads())  # fmt: skip
        return _gpe_kernel.step_serial(flat, self.vs, self.vb, f, g, self.mu, tr, ti, sc,
                                       self.iters)  # fmt: skip

    # --- whole steps -------------------------------------------------------------------
    def advance(self, psi, nsteps: int, t0: float):
        """nsteps Strang steps from the synchronised state at t0; returns the state."""
        psi = np.ascontiguousarray(psi, dtype=complex)
        dt = self.dt
        if not self.renorm:
            self.potential(psi, 0.5, t0)
            for step in range(nsteps):
                psi = self.kinetic(psi)
                last = step == nsteps - 1
                self.potential(psi, 0.5 if last else 1.0, t0 + (step + 1) * dt)
            return psi
        scale = np.ones(2)
        target = self.s.atoms
        c = self.s.c
        decay = -2.0 * self.h.imag  # norm ~ exp(−decay (μ − μ_shift))
        for step in range(nsteps):
            t = t0 + step * dt
            self.potential(psi, 0.5, t, scale)
            psi = self.kinetic(psi)
            norms = self.potential(psi, 0.5, t + dt)[:c] * self.s.dv
            if not np.all(np.isfinite(norms)) or np.any(norms <= 0):
                return psi * np.nan
            ratio = norms / target
            self.mu[:c] -= np.log(ratio) / decay
            scale = np.ones(2)
            scale[:c] = 1.0 / np.sqrt(ratio)
        psi *= scale[: self.s.c].reshape(self.s.c, *([1] * self.s.dim))
        return psi


def _project_phase(s: _Setup, psi: np.ndarray) -> np.ndarray:
    """Phase projection that accelerates imaginary time (slow, diffusive phase relaxation).

    Stationary states carry a uniform current around the ring.  Given the densities, add to
    each component a phase δθ_j(θ) (azimuth only, single-valued, so the winding is unchanged)
    that makes the azimuthal conserved current uniform: δI_j = Σ_l G_jl ∂δθ_l with
    G = ∫dr M/r (1D: G = M), M = [[n1/m1, C n1 n2], [C n1 n2, n2/m2]], solved for the uniform
    current fixed by ∮∂δθ = 0.  Exact in 1D for the given densities; in 2D a correction of the
    azimuthal flow (the slow mode).  Skipped where a density (nearly) vanishes on the ring."""
    geo = s.geometry
    c = s.c
    _, cons = _currents(s, psi)
    n = np.abs(psi) ** 2
    if geo.dim == 1:
        nn = n
        cur = np.array([cons[j][0] for j in range(c)])
        step = geo.dx
        weights = [1.0]
    else:
        nphi = 2 * max(32, int(2 * geo.circumference / geo.dx))
        phi = TWO_PI * np.arange(nphi) / nphi
        rr = np.arange(max(geo.dx, geo.radius - geo.width), geo.radius + geo.width, geo.dx / 2)
        xs = rr[:, None] * np.cos(phi)[None, :]
        ys = rr[:, None] * np.sin(phi)[None, :]
        nn = _sample(n, geo, xs, ys)  # (c, nr, nphi)
        cur = np.empty((c, rr.size, nphi))
        for j in range(c):
            cur[j] = (-np.sin(phi) * _sample(cons[j][0], geo, xs, ys)
                      + np.cos(phi) * _sample(cons[j][1], geo, xs, ys))  # fmt: skip
        weights = (geo.dx / 2) / rr[:, None]
        cur = cur.sum(axis=1) * (geo.dx / 2)  # I_j(φ)
        step = TWO_PI / nphi
    m = s.mass
    gmat = np.empty((c, c, cur.shape[-1]))
    for j in range(c):
        for i in range(c):
            mjl = nn[j] / m[j] if j == i else s.C * nn[0] * nn[1]
            gmat[j, i] = mjl if geo.dim == 1 else np.sum(mjl * weights, axis=0)
    scale = np.array([np.mean(gmat[j, j]) for j in range(c)])
    if np.any(np.array([np.min(gmat[j, j]) for j in range(c)]) < 1e-6 * scale):
        return psi
    ginv = np.linalg.inv(np.moveaxis(gmat, -1, 0))  # (points, c, c)
    total = np.sum(ginv, axis=0) * step
    rhs = np.einsum("pjl,lp->j", ginv, cur) * step
    target = np.linalg.solve(total, rhs)
    dtheta_d = np.einsum("pjl,lp->jp", ginv, target[:, None] - cur)
    out = psi.copy()
    for j in range(c):
        dth = _spectral_integral(dtheta_d[j], -1, step)
        if geo.dim == 1:
            out[j] = psi[j] * np.exp(1j * dth)
        else:
            ang = geo.angles() / step
            i0 = np.floor(ang).astype(int)
            t = ang - i0
            field = dth[i0 % dth.size] * (1 - t) + dth[(i0 + 1) % dth.size] * t
            out[j] = psi[j] * np.exp(1j * field)
    return out


def _observables(s: _Setup, psi: np.ndarray, fraction: float, residual: bool = False,
                 workers: int = 1) -> dict:  # fmt: skip
    """Energy, chemical potentials, norms and (optionally) the residual ‖H_jψ_j − μ_jψ_j‖/√N_j."""
    c, dv = s.c, s.dv
    n = np.abs(psi) ** 2
    v = s.vs + fraction * s.vb
    nflat = n.reshape(c, -1)
    kin = np.empty(c)
    ks = []
    ders = []
    for j in range(c):
        der = _derivatives(s, psi[j], workers)
        ders.append(der)
        a = s.a_rot(j)
        if s.dim == 1:
            dpsi = [der[0] - 1j * a * psi[j]]
        elif a is None:
            dpsi = der
        else:
            dpsi = [der[0] - 1j * a[0] * psi[j], der[1] - 1j * a[1] * psi[j]]
        kin[j] = sum(float(np.sum(np.abs(d) ** 2)) for d in dpsi) * dv / (2 * s.mass[j])
        ks.append([np.imag(np.conj(psi[j]) * d) for d in dpsi])
    pot = np.array([float(np.sum(v[j] * n[j])) * dv for j in range(c)])
    inter = np.array([sum(float(s.g[j, i] * np.sum(nflat[j] * nflat[i])) for i in range(c)) * dv
                      for j in range(c)])  # fmt: skip
    ent = 0.0
    if c == 2 and s.C != 0:
        ent = s.C * sum(float(np.sum(a * b)) for a, b in zip(ks[0], ks[1], strict=True)) * dv
    norms = nflat.sum(axis=1) * dv
    e = float(np.sum(kin) + np.sum(pot) + 0.5 * np.sum(inter) + ent)
    mu = (kin + pot + inter + ent) / norms
    out = {"energy": e, "mu": mu, "norm": norms, "k": ks}
    if residual:
        res = np.empty(c)
        for j in range(c):
            hp = _apply_h(s, j, psi, ks, v, n)
            res[j] = math.sqrt(float(np.sum(np.abs(hp - mu[j] * psi[j]) ** 2)) * dv / norms[j])
        out["residual"] = res
    return out


def _apply_h(s: _Setup, j, psi, ks, v, n):
    """H_j ψ_j (kinetic with rotation and entrainment, potential, interactions)."""
    p = psi[j]
    a = s.a_rot(j)
    if s.dim == 1:
        a_list = [np.full(p.shape, a, dtype=float)]
    elif a is None:
        a_list = [np.zeros(p.shape), np.zeros(p.shape)]
    else:
        a_list = [np.broadcast_to(a[0], p.shape), np.broadcast_to(a[1], p.shape)]
    wpot = 0.0
    if s.c == 2 and s.C != 0:
        ae = [-s.mass[j] * s.C * kk for kk in ks[1 - j]]
        a_list = [aa + e for aa, e in zip(a_list, ae, strict=True)]
        wpot = -sum(e * e for e in ae) / (2 * s.mass[j])
    der = _derivatives(s, p)
    out = np.zeros_like(p)
    for axis, (d, aa) in enumerate(zip(der, a_list, strict=True)):
        cov = d - 1j * aa * p
        dd = _derivatives(s, cov)[axis]
        out += -(dd - 1j * aa * cov) / (2 * s.mass[j])
    inter = sum(s.g[j, i] * n[i] for i in range(s.c))
    return out + (v[j] + wpot + inter) * p


# =========================================================================== state helpers
def _as_state(psi, geometry, components: int | None = None, name: str = "psi") -> np.ndarray:
    """psi as a complex array ``(c, *shape)``."""
    if isinstance(psi, xr.Dataset):
        psi = wavefunction(psi)
    try:
        arr = np.asarray(psi, dtype=complex)
    except (TypeError, ValueError):
        raise ParameterError(name, psi, "a complex array on the geometry's grid") from None
    shape = geometry.shape
    if arr.shape == shape:
        arr = arr[None]
    if arr.ndim != len(shape) + 1 or arr.shape[1:] != shape or arr.shape[0] not in (1, 2):
        raise ParameterError(name, f"array of shape {arr.shape}",
                             f"shape {shape} or (components, *{shape})")  # fmt: skip
    if components is not None and arr.shape[0] != components:
        raise ParameterError(name, f"array of shape {arr.shape}",
                             f"{components} component(s) as in the model")  # fmt: skip
    if not np.all(np.isfinite(arr)):
        raise ParameterError(name, "array with NaN/inf", "finite values")
    return np.array(arr, dtype=complex, order="C", copy=True)  # never step the caller's array


def wavefunction(ds: xr.Dataset) -> np.ndarray:
    """The complex ψ ``(component, *grid)`` stored in a ground_state/evolve Dataset."""
    if not isinstance(ds, xr.Dataset) or "psi_real" not in ds:
        raise ParameterError("ds", type(ds).__name__, "a Dataset with psi_real and psi_imag")
    return ds["psi_real"].values + 1j * ds["psi_imag"].values


def _windings(winding, c: int) -> tuple[int, ...]:
    if winding is None:
        return (0,) * c
    vals = (winding,) if np.ndim(winding) == 0 else tuple(winding)
    if len(vals) != c:
        raise ParameterError("winding", winding, f"{c} integer(s), one per component")
    out = []
    for w in vals:
        if isinstance(w, bool) or not float(w).is_integer():
            raise ParameterError("winding", winding, "integers (quantised circulation)")
        out.append(int(w))
    return tuple(out)


def imprint(psi, geometry, winding, *, center=None) -> np.ndarray:
    """ψ·e^{i w φ}: imprint a phase winding w (an integer per component).

    1D: φ = 2πx/L.  2D: φ = atan2(y − y0, x − x0) around ``center`` = (x0, y0) (default the
    trap axis: a persistent current; elsewhere a vortex of charge w at that point)."""
    geometry = _check_geometry(geometry)
    arr = np.asarray(psi, dtype=complex)
    single = arr.shape == geometry.shape
    state = _as_state(arr, geometry)
    w = _windings(winding, state.shape[0])
    if geometry.dim == 1:
        if center is not None:
            raise ParameterError("center", center, "None on a 1D ring")
        phi = geometry.angles()
    else:
        x0, y0 = (0.0, 0.0) if center is None else tuple(
            _validate.array("center", center, ndim=(1,)))  # fmt: skip
        xx, yy = geometry.mesh()
        phi = np.arctan2(yy - y0, xx - x0)
    out = state * np.exp(1j * np.multiply.outer(np.asarray(w, float), phi))
    return out[0] if single else out


def _initial_guess(s: _Setup, fraction: float) -> np.ndarray:
    """Thomas–Fermi densities in the trap alone (barriers, offsets, g12 and gradients
    ignored), real and positive: a guess that vanishes nowhere on the ring, so that an
    imprinted winding cannot unwind through a dark barrier region while imaginary time carves
    the barriers in."""
    v = np.broadcast_to(s.geometry.trap_potential(), s.vs.shape)
    out = np.empty((s.c, *s.geometry.shape), dtype=complex)
    for j in range(s.c):
        vj = v[j]
        gj = s.g[j, j]
        if gj > 0:
            lo, hi = float(vj.min()), float(vj.min()) + s.atoms[j] * gj / (s.dv * 1.0) + 1.0
            for _ in range(200):
                mu = 0.5 * (lo + hi)
                if np.sum(np.maximum(mu - vj, 0.0)) * s.dv / gj > s.atoms[j]:
                    hi = mu
                else:
                    lo = mu
            n = np.maximum(mu - vj, 0.0) / gj
        else:
            n = np.exp(-(vj - vj.min()))
        n = n + 1e-6 * n.max()
        n *= s.atoms[j] / (np.sum(n) * s.dv)
        out[j] = np.sqrt(n)
    return out


# =========================================================================== diagnostics
def _sample(field: np.ndarray, geometry, xs, ys=None) -> np.ndarray:
    """Linear (1D) or bilinear (2D) periodic interpolation of field (..., *shape)."""
    dx = geometry.dx
    if geometry.dim == 1:
        u = np.asarray(xs, dtype=float) / dx
        i0 = np.floor(u).astype(int)
        t = u - i0
        n = geometry.points
        return field[..., i0 % n] * (1 - t) + field[..., (i0 + 1) % n] * t
    x0 = geometry.coordinates()[0]
    n = geometry.points
    u = (np.asarray(xs, dtype=float) - x0) / dx
    v = (np.asarray(ys, dtype=float) - x0) / dx
    i0 = np.floor(u).astype(int)
    j0 = np.floor(v).astype(int)
    tx, ty = u - i0, v - j0
    i0, i1, j0, j1 = i0 % n, (i0 + 1) % n, j0 % n, (j0 + 1) % n
    return (field[..., j0, i0] * (1 - tx) * (1 - ty) + field[..., j0, i1] * tx * (1 - ty)
            + field[..., j1, i0] * (1 - tx) * ty + field[..., j1, i1] * tx * ty)  # fmt: skip


def _circle(geometry) -> tuple[np.ndarray, np.ndarray]:
    m = max(64, int(4 * geometry.circumference / geometry.dx))
    th = TWO_PI * np.arange(m) / m
    return geometry.radius * np.cos(th), geometry.radius * np.sin(th)


def _winding(state: np.ndarray, geometry) -> np.ndarray:
    if geometry.dim == 1:
        loop = state
    else:
        xs, ys = _circle(geometry)
        loop = _sample(state, geometry, xs, ys)
    d = np.angle(np.roll(loop, -1, axis=-1) * np.conj(loop))
    return np.rint(np.sum(d, axis=-1) / TWO_PI).astype(int)


def _loop_is_occupied(state: np.ndarray, geometry) -> bool:
    """Whether every component has density along the winding loop (1D: the ring; 2D: the
    circle r = R) above 1e-3 of its maximum: elsewhere the winding is not defined."""
    peak = np.max(np.abs(state.reshape(state.shape[0], -1)) ** 2, axis=-1)
    if geometry.dim == 1:
        loop = np.abs(state) ** 2
    else:
        loop = np.abs(_sample(state, geometry, *_circle(geometry))) ** 2
    return bool(np.all(loop.min(axis=-1) > 1e-3 * peak))


def winding_number(psi, geometry):
    """Phase winding around the ring: 1D the total winding along x; 2D along the circle of
    radius R (bilinear interpolation).  An int for one component's array, else an array."""
    geometry = _check_geometry(geometry)
    arr = np.asarray(psi, dtype=complex) if not isinstance(psi, xr.Dataset) else wavefunction(psi)
    single = arr.shape == geometry.shape
    w = _winding(_as_state(arr, geometry), geometry)
    return int(w[0]) if single else w


def _junction_geometry(nk: Necklace, distance: float | None):
    d = 3.0 * nk.width if distance is None else _validate.scalar("distance", distance, low=0.0,
                                                                 low_open=True)  # fmt: skip
    if nk.n > 0 and d >= nk.geometry.circumference / (2 * nk.n):
        raise ParameterError("distance", d, f"< half the arc between barriers "
                             f"({nk.geometry.circumference / (2 * nk.n):.4g})")  # fmt: skip
    return d


def _points_at(nk: Necklace, offset: float):
    """Positions on the ring at arc distance ``offset`` from each barrier."""
    geo = nk.geometry
    th = np.asarray(nk.angles) + offset / geo.radius
    if geo.dim == 1:
        return (np.mod(th * geo.radius, geo.length),), th
    return (geo.radius * np.cos(th), geo.radius * np.sin(th)), th


def _junction_phase_values(state, nk: Necklace, d: float):
    geo = nk.geometry
    (pp, th_p), (pm, th_m) = _points_at(nk, d), _points_at(nk, -d)
    zp = _sample(state, geo, *pp)
    zm = _sample(state, geo, *pm)
    raw = np.angle(zp * np.conj(zm))
    # local phase gradient ∂_s θ along the ring at both points (spectral)
    grads = []
    for pts, th in ((pp, th_p), (pm, th_m)):
        gsum = []
        for j in range(state.shape[0]):
            if geo.dim == 1:
                der = sfft.ifft(_first_derivative(TWO_PI * sfft.fftfreq(geo.points, geo.dx))
                                * sfft.fft(state[j]))  # fmt: skip
                z = _sample(state[j], geo, *pts)
                dz = _sample(der, geo, *pts)
                gsum.append(np.imag(np.conj(z) * dz) / np.maximum(np.abs(z) ** 2, 1e-300))
            else:
                kk = _first_derivative(TWO_PI * sfft.fftfreq(geo.points, geo.dx))
                dxp = sfft.ifft(kk[None, :] * sfft.fft(state[j], axis=-1), axis=-1)
                dyp = sfft.ifft(kk[:, None] * sfft.fft(state[j], axis=-2), axis=-2)
                z = _sample(state[j], geo, *pts)
                ds_ = -np.sin(th) * _sample(dxp, geo, *pts) + np.cos(th) * _sample(dyp, geo, *pts)
                gsum.append(np.imag(np.conj(z) * ds_) / np.maximum(np.abs(z) ** 2, 1e-300))
        grads.append(np.array(gsum))
    drop = raw - 0.5 * (grads[0] + grads[1]) * 2 * d
    return raw, drop


def junction_phases(psi, necklace, *, distance=None) -> xr.Dataset:
    """Phase difference across each barrier: ``phase`` = θ(s_k + d) − θ(s_k − d) between points
    a distance d (default 3 widths) either side along the ring (2D: on the circle of radius R),
    in (−π, π]; ``phase_drop`` = phase − d(∂_sθ(+) + ∂_sθ(−)), the drop in excess of the local
    phase gradient (the junction's own phase difference, gauge invariant for a uniform vector
    potential).  Positive along increasing θ; dims (component, junction)."""
    nk = _check_necklace(necklace)
    state = _as_state(psi if not isinstance(psi, xr.Dataset) else wavefunction(psi), nk.geometry)
    d = _junction_geometry(nk, distance)
    raw, drop = _junction_phase_values(state, nk, d)
    return xr.Dataset(
        {"phase": (("component", "junction"), raw, _attrs("rad", "phase difference across the junction")),
         "phase_drop": (("component", "junction"), drop,
                        _attrs("rad", "junction phase drop in excess of the bulk gradient"))},
        coords=_junction_coords(nk, state.shape[0]),
        attrs={"distance": d},
    )  # fmt: skip


def _junction_coords(nk: Necklace, c: int) -> dict:
    return {
        "component": ("component", np.arange(1, c + 1), {"long_name": "condensate component"}),
        "junction": ("junction", np.arange(nk.n), {"long_name": "junction index"}),
        "junction_angle": ("junction", np.asarray(nk.angles), _attrs("rad", "junction azimuth")),
    }


def _currents(s: _Setup, state: np.ndarray) -> tuple[list, list]:
    """Canonical K_j/m_j and conserved J_j = K_j/m_j + C n_j K_other, per component and axis."""
    ks = [_phase_current(s, j, state[j]) for j in range(s.c)]
    can = [[kk / s.mass[j] for kk in ks[j]] for j in range(s.c)]
    cons = [list(x) for x in can]
    if s.c == 2 and s.C != 0:
        for j in range(2):
            n = np.abs(state[j]) ** 2
            cons[j] = [a + s.C * n * b for a, b in zip(can[j], ks[1 - j], strict=True)]
    return can, cons


def current_density(condensates, necklace, psi) -> xr.Dataset:
    """Local number-current densities: ``current`` (canonical K_j/m_j) and ``current_conserved``
    (J_j = K_j/m_j + C n_j K_other, the one that obeys ∂_t n_j + ∇·J_j = 0).  1D: along x;
    2D: dimension ``axis`` = (x, y)."""
    cond = _check_condensates(condensates)
    nk = _check_necklace(necklace)
    geo = nk.geometry
    state = _as_state(psi, geo, cond.components)
    s = _setup(cond, nk)
    can, cons = _currents(s, state)
    dims = ("component", "x") if geo.dim == 1 else ("component", "axis", "y", "x")
    can_a = np.array([c_[0] for c_ in can]) if geo.dim == 1 else np.array(can)
    cons_a = np.array([c_[0] for c_ in cons]) if geo.dim == 1 else np.array(cons)
    return xr.Dataset(
        {"current": (dims, can_a, _attrs("1/time" if geo.dim == 1 else "1/(length time)",
                                         "canonical number current K_j/m_j")),
         "current_conserved": (dims, cons_a, _attrs("1/time" if geo.dim == 1 else
                                                    "1/(length time)",
                                                    "conserved number current J_j"))},
        coords={**_grid_coords(geo), "component": ("component", np.arange(1, cond.components + 1)),
                **({"axis": ("axis", ["x", "y"])} if geo.dim == 2 else {})},
    )  # fmt: skip


def _junction_current_values(s: _Setup, nk: Necklace, state):
    """Currents through each junction: 1D the current at the barrier centre; 2D the flux of
    the azimuthal current density through the radial line at the barrier."""
    geo = nk.geometry
    can, cons = _currents(s, state)
    if geo.dim == 1:
        xk = np.mod(nk.positions, geo.length)
        return (np.array([_sample(c_[0], geo, xk) for c_ in can]),
                np.array([_sample(c_[0], geo, xk) for c_ in cons]))  # fmt: skip
    lo = max(0.0, geo.radius - geo.width)
    rr = np.arange(lo, geo.radius + geo.width, geo.dx / 2)
    out = []
    for fields in (can, cons):
        vals = np.zeros((s.c, nk.n))
        for k, th in enumerate(nk.angles):
            xs, ys = rr * math.cos(th), rr * math.sin(th)
            for j in range(s.c):
                jt = (-math.sin(th) * _sample(fields[j][0], geo, xs, ys)
                      + math.cos(th) * _sample(fields[j][1], geo, xs, ys))  # fmt: skip
                vals[j, k] = float(np.sum(jt)) * geo.dx / 2
        out.append(vals)
    return out[0], out[1]


def junction_currents(condensates, necklace, psi) -> xr.Dataset:
    """Number current through each junction, canonical (``current``, K_j/m_j) and conserved
    (``current_conserved``, K_j/m_j + C n_j K_other); dims (component, junction).  1D: at the
    barrier centre; 2D: integrated across the annulus along the barrier's radial line."""
    cond = _check_condensates(condensates)
    nk = _check_necklace(necklace)
    state = _as_state(psi, nk.geometry, cond.components)
    s = _setup(cond, nk)
    can, cons = _junction_current_values(s, nk, state)
    return xr.Dataset(
        {"current": (("component", "junction"), can, _attrs("1/time", "canonical junction current")),
         "current_conserved": (("component", "junction"), cons,
                               _attrs("1/time", "conserved junction current"))},
        coords=_junction_coords(nk, cond.components),
    )  # fmt: skip


def phase_slips(winding, times=None) -> xr.Dataset:
    """2π phase slips in a winding-number series: every change of the winding by ±k between
    consecutive records counts as k slips at the midpoint of that interval.

    ``winding`` : a DataArray with a ``time`` dimension (and optionally ``component``, as in
    :func:`evolve`'s output), or an array (time,) / (time, component) with ``times``.
    Returns ``time``, ``component`` and ``change`` (±1) per slip (dimension ``slip``) and
    ``count`` (net number of slips) per component."""
    if isinstance(winding, xr.DataArray):
        if "time" not in winding.dims:
            raise ParameterError("winding", winding.dims, "a DataArray with a 'time' dimension")
        if times is not None:
            raise ParameterError("times", times, "None with a DataArray (it has its times)")
        t = winding["time"].values
        w = winding.transpose("time", ...).values
    else:
        w = np.asarray(winding)
        if times is None:
            raise ParameterError("times", times, "the record times of an array series")
        t = _validate.array("times", times, ndim=(1,))
    if w.ndim == 1:
        w = w[:, None]
    if w.ndim != 2 or w.shape[0] != t.size or not np.all(np.isfinite(w)):
        raise ParameterError("winding", f"shape {w.shape}", f"({t.size},) or ({t.size}, c)")
    if not np.allclose(w, np.rint(w)):
        raise ParameterError("winding", "non-integer values", "integer winding numbers")
    w = np.rint(w).astype(int)
    tt, cc, ch = [], [], []
    dw = np.diff(w, axis=0)
    for i, j in zip(*np.nonzero(dw), strict=True):
        k = int(dw[i, j])
        for _ in range(abs(k)):
            tt.append(0.5 * (t[i] + t[i + 1]))
            cc.append(j + 1)
            ch.append(int(np.sign(k)))
    order = np.argsort(tt, kind="stable")
    return xr.Dataset(
        {"time": ("slip", np.asarray(tt, float)[order], _attrs("time", "time of the phase slip")),
         "component": ("slip", np.asarray(cc, int)[order], {"long_name": "condensate component"}),
         "change": ("slip", np.asarray(ch, int)[order], {"units": "1", "long_name": "winding change"}),
         "count": ("component_index", np.sum(dw, axis=0),
                   {"units": "1", "long_name": "net number of 2π phase slips"})},
        coords={"component_index": ("component_index", np.arange(1, w.shape[1] + 1))},
    )  # fmt: skip


def vortices(psi, annulus, *, threshold: float = 0.1, smoothing: float | None = None) -> xr.Dataset:
    """Vortices in the bulk of an annulus from the phase winding around each grid plaquette.

    A plaquette counts if its centre is inside the annulus (|r − R| < width/2) and the density
    smoothed with a Gaussian of width ``smoothing`` (default max(2dx, width/8)) exceeds
    ``threshold`` × its maximum: the low-density region outside the annulus and the central
    hole (where a persistent current's phase singularity sits) are ignored, a vortex core is
    not.  Returns per vortex ``x``, ``y``, ``r``, ``theta``, ``charge`` (the winding, + for
    counter-clockwise) and ``component``."""
    geo = _check_geometry(annulus)
    if geo.dim != 2:
        raise ParameterError("annulus", annulus, "an Annulus (vortices are 2D)")
    _validate.scalar("threshold", threshold, low=0.0, high=1.0)
    sigma = max(2 * geo.dx, geo.width / 8) if smoothing is None else _validate.scalar(
        "smoothing", smoothing, low=0.0)  # fmt: skip
    state = _as_state(psi if not isinstance(psi, xr.Dataset) else wavefunction(psi), geo)
    x = geo.coordinates()
    kk = TWO_PI * sfft.fftfreq(geo.points, geo.dx)
    kernel = np.exp(-0.5 * sigma**2 * (kk[None, :] ** 2 + kk[:, None] ** 2))
    xc = x + geo.dx / 2
    xx, yy = np.meshgrid(xc, xc, indexing="xy")
    rc = np.hypot(xx, yy)
    inside = np.abs(rc - geo.radius) < geo.width / 2
    rows = {"x": [], "y": [], "charge": [], "component": []}
    for j in range(state.shape[0]):
        th = np.angle(state[j])
        n = np.abs(state[j]) ** 2
        smooth = np.real(sfft.ifft2(sfft.fft2(n) * kernel))
        # plaquette (i, j) → (i, j+1) → (i+1, j+1) → (i+1, j): counter-clockwise in (x, y)
        a, b = th, np.roll(th, -1, axis=1)
        c_, d_ = np.roll(b, -1, axis=0), np.roll(th, -1, axis=0)

        def wrap(z):
            return np.mod(z + np.pi, TWO_PI) - np.pi

        wsum = wrap(b - a) + wrap(c_ - b) + wrap(d_ - c_) + wrap(a - d_)
        charge = np.rint(wsum / TWO_PI).astype(int)
        sm = 0.25 * (smooth + np.roll(smooth, -1, 1) + np.roll(smooth, -1, 0)
                     + np.roll(np.roll(smooth, -1, 0), -1, 1))  # fmt: skip
        mask = inside & (sm > threshold * smooth.max()) & (charge != 0)
        iy, ix = np.nonzero(mask)
        rows["x"] += list(xx[iy, ix])
        rows["y"] += list(yy[iy, ix])
        rows["charge"] += list(charge[iy, ix])
        rows["component"] += [j + 1] * iy.size
    xv, yv = np.asarray(rows["x"], float), np.asarray(rows["y"], float)
    return xr.Dataset(
        {"x": ("vortex", xv, _attrs("length", "vortex x")),
         "y": ("vortex", yv, _attrs("length", "vortex y")),
         "r": ("vortex", np.hypot(xv, yv), _attrs("length", "vortex radius")),
         "theta": ("vortex", np.mod(np.arctan2(yv, xv), TWO_PI), _attrs("rad", "vortex azimuth")),
         "charge": ("vortex", np.asarray(rows["charge"], int),
                    {"units": "1", "long_name": "vortex charge (counter-clockwise +)"}),
         "component": ("vortex", np.asarray(rows["component"], int),
                       {"long_name": "condensate component"})},
        attrs={"threshold": threshold, "smoothing": sigma},
    )  # fmt: skip


# =========================================================================== analytic limits
def uniform_chemical_potentials(condensates) -> np.ndarray:
    """μ_j = Σ_l g_jl n̄_l of the uniform mixture at rest (no rotation, no barriers)."""
    cond = _check_condensates(condensates)
    return cond.interactions @ cond.densities


def sound_speeds(condensates) -> np.ndarray:
    """Long-wavelength Bogoliubov sound speeds (ρ12 = 0), in descending order.

    One component c² = g n/m.  Two: linearised hydrodynamics ∂_t²δn_j = (n_j/m_j) Σ_l g_jl
    ∂_x²δn_l gives c² as the eigenvalues of M_jl = n_j g_jl/m_j,
    c±² = ½[(c1² + c2²) ± √((c1² − c2²)² + 4 g12² n1 n2/(m1 m2))], c_j² = g_jj n_j/m_j."""
    cond = _check_condensates(condensates)
    n, m = cond.densities, cond.masses
    if cond.rho12 != 0:
        raise ParameterError("rho12", cond.rho12, "0 (the closed form is without entrainment)")
    c2 = cond.interactions.diagonal() * n / m
    if cond.components == 1:
        return np.sqrt(c2)
    root = math.sqrt((c2[0] - c2[1]) ** 2 + 4 * cond.g12**2 * n[0] * n[1] / (m[0] * m[1]))
    cp, cm = 0.5 * (c2.sum() + root), 0.5 * (c2.sum() - root)
    return np.sqrt(np.array([cp, max(cm, 0.0)]))


def delta_barrier_flow(velocity, strength, *, density=1.0, g=1.0, mass=1.0):
    """Stationary 1D flow past a δ barrier λδ(x) (Hakim, PRE 55, 2835 (1997)), stable branch.

    The GP equation −ψ''/2m + λδ(x)ψ + g|ψ|²ψ = μψ with flow velocity v and density n∞ far away
    is solved by two halves of a grey soliton, n(x) = n∞[1 − a sech²(κ(|x| + x0))],
    a = 1 − v²/c², κ = m√(c² − v²), c² = g n∞/m; the jump ψ'(0+) − ψ'(0−) = 2mλψ(0) fixes
    u0 = tanh(κx0) by a κ u0(1 − u0²) = mλ(1 − a + a u0²) (the largest root in (0, 1) is the
    stable branch), and the phase drop in excess of the bulk gradient is
    Δφ = 2[arctan q − arctan(q u0)], q = √(c² − v²)/v.

    Returns (phase_drop, current = n∞ v, density_at_barrier / n∞), NaN above the critical
    velocity.  Broadcasts over ``velocity`` and ``strength``."""
    v, lam = np.broadcast_arrays(np.asarray(velocity, float), np.asarray(strength, float))
    n_inf = _validate.scalar("density", density, low=0.0, low_open=True)
    g = _validate.scalar("g", g, low=0.0, low_open=True)
    m = _validate.scalar("mass", mass, low=0.0, low_open=True)
    c = math.sqrt(g * n_inf / m)
    drop = np.full(v.shape, np.nan)
    dens = np.full(v.shape, np.nan)
    for idx in np.ndindex(v.shape):
        vv, ll = float(v[idx]), float(lam[idx])
        if not 0 <= vv < c or ll < 0:
            continue
        if ll == 0:
            drop[idx], dens[idx] = 0.0, 1.0
            continue
        a = 1 - (vv / c) ** 2
        kap = m * math.sqrt(c * c - vv * vv)
        roots = np.roots([a * kap, m * ll * a, -a * kap, m * ll * (1 - a)])
        real = [float(r.real) for r in roots if abs(r.imag) < 1e-12 and 0 < r.real < 1]
        if not real:
            continue
        u0 = max(real)
        dens[idx] = 1 - a * (1 - u0 * u0)
        if vv == 0:
            drop[idx] = 0.0
        else:
            q = math.sqrt(c * c - vv * vv) / vv
            drop[idx] = 2 * (math.atan(q) - math.atan(q * u0))
    return drop, n_inf * v, dens


# =========================================================================== solve
def _grid_coords(geo) -> dict:
    if geo.dim == 1:
        return {"x": ("x", geo.coordinates(), _attrs("healing length", "position along the ring"))}
    c = geo.coordinates()
    return {"x": ("x", c, _attrs("healing length", "x")),
            "y": ("y", c, _attrs("healing length", "y"))}  # fmt: skip


def _grid_dims(geo) -> tuple[str, ...]:
    return ("x",) if geo.dim == 1 else ("y", "x")


def _method_check(method, cls, other, where):
    if not isinstance(method, cls):
        raise ParameterError(
            "method", method, f"a {cls.__name__} ({where}; {other} belongs to the other solver)"
        )
    return method


def ground_state(
    condensates: Condensates,
    necklace: Necklace,
    *,
    winding=None,
    method: ImaginaryTime | None = None,
    fraction: float = 1.0,
    offsets: bool = True,
    initial=None,
) -> xr.Dataset:
    """Lowest-energy state with the given winding numbers, by imaginary time.

    Parameters
    ----------
    winding : per component (w1, w2) (an int for one component); default zero.
    method : :class:`ImaginaryTime`
    fraction : fraction of the barrier heights in the potential (0: no barriers)
    offsets : include the necklace's per-arc potential offsets
    initial : optional starting state (array or Dataset); default a Thomas–Fermi guess with
        the winding imprinted

    The winding is imprinted and then kept: imaginary time is a gradient flow of the energy,
    which cannot change the winding of a nowhere-vanishing ψ, so it converges to the
    lowest state of that winding sector (metastable if other windings are lower) as long as
    the sector has a local minimum.  In 1D the flow runs in the co-moving gauge
    φ = e^{−iwθ}ψ (zero winding, kinetic (k + w/R − a)²/2m), exactly equivalent on the Fourier
    grid; in 2D the winding sits around the central hole.  If the flow nevertheless slips
    (the current exceeds the critical one, no local minimum) a ConvergenceError says so.

    Returns a Dataset with ``psi_real``, ``psi_imag``, ``density``, ``phase``, ``potential``
    (component, grid), ``mu``, ``norm``, ``residual`` (‖H_jψ_j − μ_jψ_j‖/√N_j) and
    ``winding`` (component), ``energy``; attrs: provenance, ``steps``, ``change`` (the last
    imaginary-time derivative), ``seconds``.
    """
    cond = _check_condensates(condensates)
    nk = _check_necklace(necklace)
    m = ImaginaryTime() if method is None else _method_check(method, ImaginaryTime, "SplitStep",
                                                              "imaginary time")  # fmt: skip
    fraction = _validate.scalar("fraction", fraction, low=0.0)
    geo = nk.geometry
    _check_grid(cond, geo)
    c = cond.components
    w = _windings(winding, c)
    start = time.perf_counter()
    shift = np.asarray(w, float) / geo.radius if geo.dim == 1 else None
    s = _setup(cond, nk, offsets=offsets, shift=shift)
    if initial is None:
        psi = _initial_guess(s, fraction)
        if geo.dim == 2:
            psi = imprint(psi, geo, w)
    else:
        psi = _as_state(initial, geo, c, "initial")
        if geo.dim == 1:  # to the co-moving gauge
            psi = psi * np.exp(-1j * np.multiply.outer(np.asarray(w, float), geo.angles()))
        norms = np.sum(np.abs(psi) ** 2, axis=tuple(range(1, psi.ndim))) * s.dv
        psi = psi * np.sqrt(s.atoms / norms).reshape(c, *([1] * geo.dim))
    workers = _workers(m.workers, geo)
    prop = _Propagator(s, -1j * m.dt, renorm=True, fraction=lambda t: fraction, workers=workers)
    if m.project:
        psi = _project_phase(s, psi)
    prop.mu[:c] = _observables(s, psi, fraction, workers=workers)["mu"]
    steps = 0
    change = math.inf
    projecting, last_projected = m.project, None
    # between projections let the densities relax (rate ~ μ) for a few 1/μ
    since, project_time = 0.0, PROJECT_TIME / max(float(np.max(np.abs(prop.mu[:c]))), 0.05)
    with _threads(workers):
        while steps < m.max_steps:
            k = min(m.check_every, m.max_steps - steps)
            prev = psi.copy()
            psi = prop.advance(psi, k, 0.0)
            steps += k
            if not np.all(np.isfinite(psi)):
                raise ConvergenceError("imaginary_time", f"{steps} steps", "NaN in ψ: reduce dt")
            diff = np.sum(np.abs(psi - prev) ** 2, axis=tuple(range(1, psi.ndim))) * s.dv
            change = float(np.max(np.sqrt(diff / s.atoms)) / (k * m.dt))
            if change < m.tol:
                break
            since += k * m.dt
            if projecting and change > PROJECT_ABOVE * m.tol and since >= project_time:
                since = 0.0
                # stop once the projection's kick stops shrinking: near the fixed point of the
                # split step (whose current is uniform only to O(dt²)) it would only kick ψ
                new = _project_phase(s, psi)
                kick = float(np.max(np.sqrt(np.sum(np.abs(new - psi) ** 2, axis=tuple(
                    range(1, psi.ndim))) * s.dv / s.atoms)))  # fmt: skip
                projecting = last_projected is None or kick < 0.5 * last_projected
                if projecting:
                    psi, last_projected = new, kick
    if change >= m.tol:
        raise ConvergenceError(
            "imaginary_time", f"{steps} steps, imaginary-time derivative {change:.3g}",
            f"above tol = {m.tol:g}: increase max_steps or dt",
        )  # fmt: skip
    if geo.dim == 1:
        psi = psi * np.exp(1j * np.multiply.outer(np.asarray(w, float), geo.angles()))
        s = _setup(cond, nk, offsets=offsets)
    wind = _winding(psi, geo)
    if tuple(int(x) for x in wind) != w and _loop_is_occupied(psi, geo):
        raise ConvergenceError(
            "imaginary_time", f"winding {tuple(int(x) for x in wind)}",
            f"a phase slip changed the winding from {w}: no metastable state of that winding "
            "here (current above critical)",
        )  # fmt: skip
    obs = _observables(s, psi, fraction, residual=True, workers=workers)
    ds = _state_dataset(geo, psi, s.vs + fraction * s.vb)
    ds["mu"] = ("component", obs["mu"], _attrs("energy", "chemical potential μ_j"))
    ds["norm"] = ("component", obs["norm"], _attrs("1", "atom number N_j"))
    ds["residual"] = ("component", obs["residual"],
                      _attrs("energy", "residual ‖H_jψ_j − μ_jψ_j‖/√N_j"))  # fmt: skip
    ds["winding"] = ("component", wind, _attrs("1", "winding number"))
    ds["energy"] = ((), obs["energy"], _attrs("energy", "GP energy (rotating frame)"))
    ds.attrs = provenance(computation="superfluid.gpe.ground_state",
                          model={"condensates": cond, "necklace": nk},
                          method={"method": m.name, **_method_dict(m)})  # fmt: skip
    ds.attrs.update(steps=steps, change=change, fraction=fraction, offsets=int(offsets),
                    seconds=time.perf_counter() - start)  # fmt: skip
    return ds


def _method_dict(m) -> dict:
    return {f.name: getattr(m, f.name) for f in dataclasses.fields(m)}


def _state_dataset(geo, psi, potential) -> xr.Dataset:
    dims = ("component", *_grid_dims(geo))
    c = psi.shape[0]
    return xr.Dataset(
        {"psi_real": (dims, psi.real, _attrs("1/sqrt(volume)", "Re ψ")),
         "psi_imag": (dims, psi.imag, _attrs("1/sqrt(volume)", "Im ψ")),
         "density": (dims, np.abs(psi) ** 2, _attrs("1/volume", "density |ψ|²")),
         "phase": (dims, np.angle(psi), _attrs("rad", "phase arg ψ")),
         "potential": (dims, potential, _attrs("energy", "external potential V_j"))},
        coords={"component": ("component", np.arange(1, c + 1),
                              {"long_name": "condensate component"}), **_grid_coords(geo)},
    )  # fmt: skip


class _threads:
    """Numba thread count for the duration of a run (restored after)."""

    def __init__(self, workers: int):
        self.workers = max(1, min(workers, nb.config.NUMBA_NUM_THREADS))

    def __enter__(self):
        self.old = nb.get_num_threads()
        nb.set_num_threads(self.workers)

    def __exit__(self, *exc):
        nb.set_num_threads(self.old)


def max_step(condensates, geometry) -> float:
    """Largest real-time step for which the split-step Fourier method is stable.

    Split-step Fourier for the NLS is unstable in narrow bands near dt·ε_k = π, 2π, …
    (Weideman & Herbst, SIAM J. Numer. Anal. 23, 485 (1986)), ε_k the kinetic frequency of a
    grid mode; the bands start a little below π (by ~dt·μ, and lower with entrainment, which
    couples the two kinetic flows).  Linear analysis around the uniform mixture (checked over
    masses, densities, g12 and ρ12) shows no instability while
    dt·(λ k_max²/2 + 2μ) ≤ 0.9π, with k_max² = Σ_axes (π/dx + a_max)², λ the largest
    eigenvalue of [[1/m1, C√(n̄1n̄2)], [C√(n̄1n̄2), 1/m2]] and μ the largest uniform chemical
    potential (× 1.5 for the peak density of a harmonic annulus)."""
    cond = _check_condensates(condensates)
    geo = _check_geometry(geometry)
    n, m = cond.densities, cond.masses
    mat = np.diag(1.0 / m)
    if cond.components == 2:
        mat[0, 1] = mat[1, 0] = cond.entrainment * math.sqrt(n[0] * n[1])
    lam = float(np.max(np.linalg.eigvalsh(mat)))
    reach = geo.radius if geo.dim == 1 else geo.box / 2
    kmax2 = geo.dim * (math.pi / geo.dx + cond.mass1 * abs(cond.rotation) * reach) ** 2
    mu = float(np.max(np.abs(cond.interactions @ n))) * (1.5 if geo.dim == 2 else 1.0)
    return 0.9 * math.pi / (lam * kmax2 / 2 + 2 * mu)


def _multiple(name, value, dt) -> int:
    k = round(value / dt)
    if k < 1 or abs(k * dt - value) > 1e-6 * dt:
        raise ParameterError(name, value, f"a positive whole multiple of dt = {dt:g}")
    return int(k)


def evolve(
    condensates: Condensates,
    necklace: Necklace,
    initial,
    *,
    duration: float,
    method: SplitStep | None = None,
    ramp: Ramp | float | None = None,
    record_every: float | None = None,
    snapshots: int = 5,
    junction_distance: float | None = None,
    progress: bool = False,
) -> xr.Dataset:
    """Real-time evolution from ``initial`` (array ``(component, *grid)`` or a ground_state
    Dataset) for ``duration``.

    ``ramp`` : a :class:`Ramp` of the barrier heights, a constant fraction, or None (full
    height).  ``record_every`` : time between records (a multiple of dt; default about 100
    records).  ``snapshots`` : number of density/phase snapshots, evenly spaced over the
    records.  ``junction_distance`` : d of :func:`junction_phases` (default 3 widths).

    Records (dimension ``time``): ``norm`` (component), ``energy``, ``winding`` (component),
    ``junction_phase`` and ``junction_phase_drop`` (component, junction; unwrapped in time),
    ``junction_current`` and ``junction_current_conserved`` (component, junction),
    ``fraction`` (barrier ramp).  Also ``psi_real``/``psi_imag`` at the end and
    ``density_snapshot``/``phase_snapshot`` (snapshot, component, grid).

    Raises ConvergenceError (naming the time) if a norm changes by more than 1e-8 relative
    (without damping) or ψ becomes NaN.
    """
    cond = _check_condensates(condensates)
    nk = _check_necklace(necklace)
    m = SplitStep() if method is None else _method_check(method, SplitStep, "ImaginaryTime",
                                                          "real time")  # fmt: skip
    geo = nk.geometry
    _check_grid(cond, geo)
    c = cond.components
    bound = max_step(cond, geo)
    if m.dt > bound:
        raise ParameterError(
            "dt", m.dt,
            f"<= {bound:.4g} for this grid and model (split-step Fourier is unstable near "
            "dt·ε_kmax = π; see max_step): reduce dt or points",
        )  # fmt: skip
    duration = _validate.scalar("duration", duration, low=0.0, low_open=True)
    n_steps = _multiple("duration", duration, m.dt)
    if record_every is None:
        rec = max(1, n_steps // 100)
    else:
        rec = _multiple("record_every", _validate.scalar("record_every", record_every, low=0.0,
                                                         low_open=True), m.dt)  # fmt: skip
    snapshots = _validate.whole("snapshots", snapshots, minimum=1)
    if ramp is None:
        ramp_obj = Ramp(time=0.0, start=1.0, end=1.0)
    elif isinstance(ramp, Ramp):
        ramp_obj = ramp
    else:
        f0 = _validate.scalar("ramp", ramp, low=0.0,
                              allowed="a Ramp, a fraction >= 0 or None")  # fmt: skip
        ramp_obj = Ramp(time=0.0, start=f0, end=f0)
    d = _junction_geometry(nk, junction_distance)
    psi = _as_state(initial, geo, c, "initial")
    start = time.perf_counter()
    s = _setup(cond, nk)
    workers = _workers(m.workers, geo)
    damped = m.damping > 0
    h = m.dt * (1 - 1j * m.damping)
    n0 = np.sum(np.abs(psi) ** 2, axis=tuple(range(1, psi.ndim))) * s.dv
    s.atoms = n0
    prop = _Propagator(s, h, renorm=damped, fraction=ramp_obj.fraction, workers=workers)
    if damped:
        prop.mu[:c] = _observables(s, psi, float(ramp_obj.fraction(0.0)), workers=workers)["mu"]

    chunks = [rec] * (n_steps // rec) + ([n_steps % rec] if n_steps % rec else [])
    times = np.concatenate([[0.0], np.cumsum(chunks) * m.dt])
    nrec = times.size
    snap_idx = np.unique(np.rint(np.linspace(0, nrec - 1, min(snapshots, nrec))).astype(int))
    out = {
        "norm": np.empty((nrec, c)), "energy": np.empty(nrec), "winding": np.empty((nrec, c), int),
        "jp": np.empty((nrec, c, nk.n)), "jd": np.empty((nrec, c, nk.n)),
        "jc": np.empty((nrec, c, nk.n)), "jj": np.empty((nrec, c, nk.n)),
        "fraction": ramp_obj.fraction(times) * np.ones(nrec),
    }  # fmt: skip
    snaps_n = np.empty((snap_idx.size, c, *geo.shape))
    snaps_p = np.empty((snap_idx.size, c, *geo.shape))

    def record(i, psi):
        obs = _observables(s, psi, out["fraction"][i], workers=workers)
        out["norm"][i] = obs["norm"]
        out["energy"][i] = obs["energy"]
        out["winding"][i] = _winding(psi, geo)
        if nk.n:
            out["jp"][i], out["jd"][i] = _junction_phase_values(psi, nk, d)
            out["jc"][i], out["jj"][i] = _junction_current_values(s, nk, psi)
        where = np.nonzero(snap_idx == i)[0]
        if where.size:
            snaps_n[where[0]] = np.abs(psi) ** 2
            snaps_p[where[0]] = np.angle(psi)
        if c == 2 and s.C != 0:
            local = s.C**2 * s.mass[0] * s.mass[1] * float(np.max(np.abs(psi[0]) ** 2
                                                                  * np.abs(psi[1]) ** 2))
            if local >= 1.0:
                raise ConvergenceError(
                    "split_step", f"t = {times[i]:.6g}",
                    f"the entrainment makes the kinetic energy locally negative "
                    f"(C² m1 m2 n1 n2 = {local:.3g} >= 1: ρ12² n1 n2/(n̄1 n̄2) >= ρ11 ρ22), where the "
                    "model is ill-posed: reduce rho12",
                )  # fmt: skip
        bad = ~np.isfinite(obs["norm"])
        rel = np.abs(obs["norm"] - n0) / n0
        if np.any(bad) or not np.all(np.isfinite(psi)):
            raise ConvergenceError("split_step", f"t = {times[i]:.6g}", "NaN in ψ: reduce dt")
        if not damped and np.any(rel > NORM_TOLERANCE):
            j = int(np.argmax(rel))
            raise ConvergenceError(
                "split_step", f"t = {times[i]:.6g}",
                f"norm of component {j + 1} changed by {rel[j]:.2e} relative (> "
                f"{NORM_TOLERANCE:g}): reduce dt",
            )  # fmt: skip

    iterator = range(len(chunks))
    if progress:
        from tqdm.auto import tqdm

        iterator = tqdm(iterator, desc="evolve")
    with _threads(workers):
        record(0, psi)
        for i in iterator:
            psi = prop.advance(psi, chunks[i], times[i])
            record(i + 1, psi)

    jdims = ("time", "component", "junction")
    ds = xr.Dataset(
        {"norm": (("time", "component"), out["norm"], _attrs("1", "atom number N_j")),
         "energy": ("time", out["energy"], _attrs("energy", "GP energy (rotating frame)")),
         "winding": (("time", "component"), out["winding"], _attrs("1", "winding number")),
         "junction_phase": (jdims, np.unwrap(out["jp"], axis=0),
                            _attrs("rad", "phase difference across the junction (unwrapped)")),
         "junction_phase_drop": (jdims, np.unwrap(out["jd"], axis=0),
                                 _attrs("rad", "junction phase drop in excess of the bulk "
                                               "gradient (unwrapped)")),
         "junction_current": (jdims, out["jc"], _attrs("1/time", "canonical junction current")),
         "junction_current_conserved": (jdims, out["jj"],
                                        _attrs("1/time", "conserved junction current")),
         "fraction": ("time", out["fraction"], _attrs("1", "barrier height fraction")),
         "psi_real": (("component", *_grid_dims(geo)), psi.real, _attrs("1/sqrt(volume)",
                                                                         "Re ψ at the end")),
         "psi_imag": (("component", *_grid_dims(geo)), psi.imag, _attrs("1/sqrt(volume)",
                                                                         "Im ψ at the end")),
         "density_snapshot": (("snapshot", "component", *_grid_dims(geo)), snaps_n,
                              _attrs("1/volume", "density snapshot")),
         "phase_snapshot": (("snapshot", "component", *_grid_dims(geo)), snaps_p,
                            _attrs("rad", "phase snapshot"))},
        coords={"time": ("time", times, _attrs("time", "time")),
                "snapshot_time": ("snapshot", times[snap_idx], _attrs("time", "snapshot time")),
                **_junction_coords(nk, c), **_grid_coords(geo)},
    )  # fmt: skip
    ds.attrs = provenance(computation="superfluid.gpe.evolve",
                          model={"condensates": cond, "necklace": nk},
                          method={"method": m.name, **_method_dict(m), "ramp": ramp_obj})  # fmt: skip
    ds.attrs.update(steps=n_steps, junction_distance=d, seconds=time.perf_counter() - start)
    return ds


def energy(condensates, necklace, psi, *, fraction: float = 1.0) -> float:
    """The GP energy E[ψ] (rotating frame, with entrainment) at a barrier fraction."""
    cond = _check_condensates(condensates)
    nk = _check_necklace(necklace)
    state = _as_state(psi, nk.geometry, cond.components)
    s = _setup(cond, nk)
    return _observables(s, state, _validate.scalar("fraction", fraction, low=0.0))["energy"]
