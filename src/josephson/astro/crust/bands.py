"""Neutrons in a periodic potential: plane-wave bands, Fermi level and superfluid density.

The inner crust of a neutron star is a crystal of nuclear clusters in a sea of unbound neutrons;
ultracold fermions in an optical lattice are the laboratory analogue.  Both obey the same band
formula (document 001, "Superfluid density and Bragg scattering"; Carter, Chamel & Haensel,
Nucl. Phys. A748, 675 (2005) and A759, 441 (2005)).  This module solves the band problem of one
species of spin-½ fermions (two spin states per band) in a static periodic potential U(r).

Units and constants
-------------------
Lengths in fm, energies in MeV, number densities in fm⁻³ (in 1D: fm⁻¹, particles per unit
length), wave vectors in fm⁻¹, ∇_k ε in MeV fm.  The mass is the bare neutron mass:
ħc and m_n c² from :mod:`scipy.constants` give ħ²/2m_n = :data:`H2M` = 20.72125 MeV fm².

Model
-----
* :class:`Lattice` — "1d" (period a), or the cubic Bravais lattices "sc", "bcc", "fcc" with the
  conventional cubic edge a; one cluster per primitive cell of volume Ω (a, a³, a³/2, a³/4).
* Potentials (all centrosymmetric, so every Fourier coefficient is real):
  :class:`WoodsSaxon` U(r) = −V₀/(1 + e^{(r−R)/d}); :class:`RadialPotential` any spherical
  profile that vanishes beyond ``rmax``; :class:`DebyeWaller` either of them averaged over the
  zero-point motion of the cluster (Ũ(G) × e^{−G²⟨δr²⟩/6}); :class:`Cosine` U(x) = 2V cos(2πx/a) in 1D (and
  U = 2V Σ_i cos(2πx_i/a) on "sc"); :class:`KronigPenney` square barriers (height > 0) or wells
  (height < 0) of width w centred on the lattice sites.  The crystal potential is the sum of the
  cluster potentials over the lattice, U(r) = Σ_R U_cl(r − R), so that

      Ũ(G) = (1/Ω) ∫_cell U(r) e^{−iG·r} d³r = (4π/Ω) ∫_0^∞ r² U_cl(r) sin(Gr)/(Gr) dr

  exactly (the integral over the whole space of one cluster); tails of neighbouring clusters
  overlap as they must.  The radial integral is done by composite Gauss–Legendre quadrature (16
  nodes per panel, panels no wider than a quarter of the shortest length of the problem: the
  diffuseness and 1/G_max), converged to round-off (tested against the closed form of the
  symmetrised Fermi function).  Cosine and Kronig–Penney coefficients are analytic.

Bands
-----
Plane waves e^{i(k+G)·r} with all reciprocal-lattice vectors ħ²G²/2m ≤ ``cutoff``: a basis
that does not depend on k (bands are smooth functions of k) and is invariant under the cubic
point group (symmetry-related k have identical eigenvalues); every k is first folded into the
first Brillouin zone, around which the sphere is centred.  The Hamiltonian

    H_GG'(k) = (ħ²/2m)|k + G|² δ_GG' + Ũ(G − G')

is real symmetric (Ũ is real and even) and is diagonalised with :func:`scipy.linalg.eigh`
(``subset_by_value``: only the bands below the energy needed; in 3D in single precision by
default, 2.3× faster, energies to ~1e-7 of the cutoff — the fraction agrees with double
precision to 1e-7).  Group velocities by Hellmann–Feynman, ∇_k ε_α = ⟨α|(ħ²/m)(k + G)|α⟩.
Bands closer than ``PlaneWave.degenerate`` (1 keV) are treated as a degenerate group: its
eigenvectors are rotated to diagonalise P(v·n)P for a fixed generic direction n, i.e. the
branches are continued *through* the crossing (diabatically).  That is exact for the empty
lattice, right for symmetry-required degeneracies split only by the finite basis (which
happens on the zone boundary), and the best linear continuation of an avoided crossing whose
gap the k-mesh cannot resolve anyway; |∇ε|² of the group's bands is (1/d)Σ_i‖P v_i P‖²_F.

Reduced basis (3D, ``PlaneWave.solver="reduced"``, the default).  The cutoff is set by the
local kinetic energy inside the clusters, so the plane-wave basis is several times larger than
the number of bands wanted.  Following Shirley (PRB 54, 16464 (1996)), the cell-periodic parts
of the Bloch functions below the band window vary smoothly with k and span a much smaller
space: the eigenvectors of the seed points, the 2³ mesh shifted by half a step (fractional
coordinates ¼ and ¾; bcc and fcc: two irreducible points diagonalised in full, the other six
their images under the point group, c'_G = c_RG), up to the band window plus a quarter of the
spread of a band over the zone, orthonormalised with singular values below ``reduce_tol``
dropped, give a basis B of N_B vectors.  With A = Ũ + (ħ²/2m)G²,
H(k) = A + (ħ²/m)Σ_a k_a diag(G_a) + (ħ²/2m)k², so BᵀAB and BᵀG_aB are projected once and
every mesh point costs a dense N_B × N_B problem.  The reduced energies are Rayleigh–Ritz upper
bounds of the exact ones, each within its residual ‖(H − ε)ψ‖ = ‖(1 − BBᵀ)H(k)Bu‖ of an exact
eigenvalue (Bauer–Fike); the residuals of every band are computed at every point from the
projected (1 − BBᵀ)AB and (1 − BBᵀ)G_aB, and a point where one exceeds ``residual_tol``
(0.02 MeV) is diagonalised in the full basis instead.  Residuals are tested on the bands up to
half a spread below the top of the window (μ lies below that), and the bands count as complete
up to there: the seeds do not resolve the top of the window at every k.  When the mesh is
unshifted and divisible by 4 the seed points are mesh points; they are then taken at the
mesh's own irreducible representatives and their full diagonalisations are used as they are.
A Ritz residual cannot reveal an exact eigenvalue missing from the subspace altogether; that
the seeds span every band of the window is checked against the direct solver in the tests and
the benchmark.
A reduced basis larger than 60 % of the plane waves is not used.  Measured: in a 39.15 fm bcc
cell (WS 40/7/0.7 MeV/fm/fm, n = 0.03 fm⁻³, 5481 plane waves, the benchmark) N_B = 2186,
residuals ≤ 3e-3 MeV, the fraction and μ equal to the direct ones to 1e-6 and 3e-6 MeV, 55 s
against 166 s with two workers on two cores (112 s against 322 s on one core, measured before
the worker pool and the lighter orthonormalisation); in a 20 fm cell (the tests) the energies
lie above the exact ones by 1e-5 MeV at residuals of a few 1e-3 (the residual bound is loose:
the error is second order).

Large bases (beyond :data:`MAX_DENSE` = 20 000 plane waves, up to :data:`MAX_PLANE_WAVES`; the
outer crust layers).  The dense matrix Ũ(G − G') and its N³ diagonalisation are out of reach
there, so Ũ is applied by FFT: the plane waves sit on a real-space grid of ≥ 4 m_max + 1 points
per primitive axis, U(r) holds every Fourier component of the box of differences G − G', and
FFT[U · FFT⁻¹x] restricted to the sphere is exactly Σ_G' Ũ(G − G')x_G' (no alias of the
product reaches the sphere; two real vectors per complex transform).  Every full-basis
diagonalisation (the seeds, Γ for the band window, a mesh point whose residual is too large)
is then a LOBPCG iteration with the Teter–Payne–Allan preconditioner, converged until
every band that may lie below the energy asked for has ‖(H − ε)ψ‖ ≤ ``ITERATIVE_TOL``
(2 keV), started from the eigenvectors of a dense probe basis of the first ≈ 3000 plane waves
(or, for a mesh point, from its Ritz vectors).  The reduced basis, its residual test and the
mesh are unchanged, except that the coarse-cutoff run of the error estimate diagonalises seeds
of its own (its restriction of the fine reduced basis left most points to the full basis).  Checked against the dense
solver in the tests (energies within the residual, the same invariant subspace, the superfluid
fraction to 1e-6).  Measured with two workers on two cores: the 5.77·10⁻³ fm⁻³ layer (24 883
plane waves, 81³ grid) in 827 s, where its two dense seeds alone had taken 17 min; the
3.73·10⁻³ fm⁻³ layer (32 997 plane waves) in 898 s: its two seeds (1001 bands each) in 5
iterations, 300 s, the 29 points all within the reduced basis (1842 vectors, residual ≤ 4e-3
MeV), 6.5 GB.

Fermi level and superfluid density
----------------------------------
n = (2/(2π)^D) Σ_α ∫_BZ θ(μ − ε_αk) d^Dk fixes μ (2 for spin).  Weak pairing (Δ → 0):

    ρ_n,s = (m_n²/12π³ħ²) Σ_α ∫_BZ d³k δ(ε_αk − μ) |∇_k ε_αk|²,    n_s = ρ_n,s/m_n,

the trace/3 of the tensor (m/ħ²)(2/(2π)³) Σ_α ∫ δ(ε − μ) ∂_iε ∂_jε (isotropic for cubic
symmetry).  In 1D, δ(ε − μ) = Σ_{k_F} δ(k − k_F)/|ε'| gives n_s = (m/πħ²) Σ_{k_F} |∂ε/∂k| over
the Fermi points in the Brillouin zone; the free gas has k_F = πn/2 and n_s = 2k_F/π = n.
Constant BCS gap Δ (document; Carter, Chamel & Haensel 2005):

    ρ_n,s = (m_n²/24π³ħ²) Σ_α ∫_BZ d³k |∇_k ε_αk|² Δ²/((ε_αk − μ)² + Δ²)^{3/2},

which is the weak-pairing integrand with δ(ξ) replaced by K(ξ) = Δ²/2E³ (E² = ξ² + Δ²,
∫K dξ = 1), so it tends to the weak-pairing value as Δ → 0, as Δ² ln(1/Δ) (K has a
logarithmically divergent second moment).  With a gap, μ is fixed by the density with BCS
occupations v² = ½(1 − ξ/E) (the normal-state count is the Δ → 0 limit; the two μ differ by
O(Δ²/ε_F)).  Since dv²/dξ = −K(ξ), both BCS integrals are smoothings of their Δ = 0
counterparts, n_BCS(μ) = ∫ K(ξ) N(μ + ξ) dξ and n_s,BCS = ∫ K(ξ) W(μ + ξ) dξ with N, W the
normal count and the weak-pairing integral at Fermi level μ + ξ; in 3D the ξ integral is done
by Gauss–Legendre in θ = atan(ξ/Δ) (K dξ = ½cos θ dθ) up to X = max(window, 12Δ) above μ, and
beyond X the bands are continued as a free gas above the mean potential Ũ(0).  The constant
gap acts at all energies, so the kernel's ultraviolet tail is part of the formula (it matters
at the 1e-3 level for Δ ~ 1 MeV).

Brillouin-zone integration (3D)
-------------------------------
A Monkhorst–Pack mesh of the reciprocal primitive cell (n per reciprocal vector, ``shift`` in
units of the mesh step; 0 is Γ-centred).  The subgroup of the cubic point group O_h that maps
the shifted mesh onto itself reduces it to the irreducible wedge; only those k are
diagonalised, energies and velocities (rotated, v(k) = Rᵀv(Rk)) are carried to the others.

* ``integration="gilat-raubenheimer"`` (default; Gilat & Raubenheimer, Phys. Rev. 144, 390
  (1966)): each band is linear, ε(k_j) + ∇ε(k_j)·q, across the mesh cell (the parallelepiped of
  the b_i/n) around each point, and the cell is cut exactly — the distribution of ∇ε·q over the
  cell is the convolution of three boxes (a box spline), so both the occupied volume and
  ∫δ(ε − μ) d³k are closed forms.  Each point is treated on its own, so band order never
  enters: crossings of folded bands (everywhere in the empty lattice) cost nothing.  Measured
  on the empty bcc lattice (≈120 bands at μ): |f − 1| = 4e-4, 4e-6 at n = 8, 16 and
  |μ/ε_F − 1| falling as h².
* ``integration="tetrahedron"``: the linear tetrahedron method (6 tetrahedra per cell along
  the shortest diagonal; Blöchl, Jepsen & Andersen, PRB 49, 16223 (1994)): occupations from
  the exact volume below μ of the linearly interpolated bands, the Fermi-surface integral from
  the μ-derivatives of Blöchl's linear weights (exact for linear ε and |∇ε|² per
  tetrahedron; tetrahedra equal up to symmetry counted once).  It interpolates the *sorted*
  bands, which have kinks wherever folded bands cross, so it converges slowly and erratically
  when many bands cross μ (empty bcc lattice: |f − 1| ≈ 0.6–2.5 % at n = 8–24).  Kept for
  comparison.

With a real potential both converge only once h·|∇ε| resolves the Bragg gaps at μ; before that
the error is erratic (tens of per cent at n = 8 for a 16 fm bcc cell with 20 MeV wells, see
the tests) — what ``error`` reports.

1D: bands are monotone on [0, π/a] (a theorem for Hill's equation), so the Fermi point of the
partly filled band is k_F = πn/2 − jπ/a (j full bands) exactly and the weak-pairing n_s needs
one diagonalisation at k_F.  The BCS form tabulates the bands on ``kmesh`` segments of [0, π/a]
(cubic Hermite interpolation with the Hellmann–Feynman slopes) and integrates in k on panels
graded geometrically around the Fermi points.

Convergence
-----------
:func:`superfluid_density` repeats the calculation (i) on the sub-mesh n/2 (the same
diagonalisations; 1D: weak pairing is exact in k, the BCS form is repeated on nk/2 segments)
and (ii) on that sub-mesh with the cutoff × ``coarse_cutoff`` (never below the cutoff that keeps
the free Fermi sea complete).  In 3D the n-mesh is the union of eight interleaved sub-meshes
n/2 (moved by 0 or 1 step along each axis), eight coarser samplings of the same zone:
``error_kmesh`` = |f(n) − mean_s f_s(n/2)| + std_s f_s(n/2), the trend from the coarser
meshes plus their scatter, which is what a pre-asymptotic mesh gets wrong (one sub-mesh alone
can agree with the full mesh by accident; 1D: |f(n) − f(n/2)|).  ``error_cutoff`` =
|f_c(n/2) − f(n/2)| on the sub-mesh through the origin.  1D (cheap): ``error_cutoff`` is the
largest change of f(n/2) to the cutoffs ½, ⅝, ¾ and ⅞ of the cutoff — potentials with jumps
(Kronig–Penney: Ũ(G) ∝ 1/G) converge only algebraically and with oscillations, and a single
coarser cutoff understated their error up to 27×; for an error ∝ E_c^(−p), p ≥ 1, the change
to ½E_c is ≥ the error (measured against the closed form: 0.3–0.5 of the estimate).
``error`` is their sum and ``converged`` is error ≤ ``tol``.  An unconverged result warns
(RuntimeWarning) and carries ``converged=False``.

Measured rates (tests/test_crust_bands.py; bcc, a = 16 fm, Woods–Saxon 20 MeV, R = 3.5 fm,
d = 0.6 fm, n = 0.004 fm⁻³): the k-mesh error |f(n) − f(48)| is 2.9·10⁻³, 9.5·10⁻⁴ and ≤ 3·10⁻⁵
at n = 8, 16, 32 — pre-asymptotic until h·|∇ε| resolves the Bragg gaps at μ, faster than h²
after — and the reported error bounds it at every n, for every primitive cell (``cell``) and
mesh origin (``shift``) tried; the cutoff error falls faster than any power (the Woods–Saxon
Fourier components fall like e^{−πdG}).  With strong wells in small cells (a = 12 fm, 20 MeV,
R = 3 fm, n = 0.02 fm⁻³: f = 0.287, 0.304, 0.314, 0.323 at n = 16, 24, 32, 48) the rate drops
to about h¹ (the tetrahedron method scatters around the same limit, ≈ 0.335): many folded
bands anticross near μ with gaps far smaller than h·|∇ε|, so the bands curve strongly inside
the mesh cells that hold the anticrossings and the linear extrapolation errs there.  The
estimate above is then 1.1–2.6× the distance to that limit: above it, but without a wide
margin; the remedy is a finer mesh (the cost per k is fixed, the points grow as n³).

Defaults: kmesh 8, cutoff 1.75 × (ε_F⁰ + ΔU) — ΔU the depth of the potential, so that the
local kinetic energy of a state at μ inside a well is resolved (a 40 MeV Woods–Saxon well
converges at 100–125 MeV).  One realistic bcc layer (Ω = 3·10⁴ fm³, Woods–Saxon 40 MeV,
R = 7 fm, d = 0.7 fm, n = 0.03 fm⁻³: 5400 plane waves, 800 bands, 29 irreducible k) takes
about three minutes with ``workers=2``.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import math
import multiprocessing
import os
import pickle
import shutil
import tempfile
import threading
import time
import warnings
import weakref
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import ClassVar
from unittest import mock

import numpy as np
import scipy.linalg as sla
import scipy.optimize as sopt
import scipy.special as ssp
import xarray as xr
from scipy import constants as _sc

from ... import _validate
from ..._provenance import provenance
from ...errors import ConvergenceError, ParameterError

__all__ = [
    "H2M",
    "HBAR_C",
    "LATTICE_KINDS",
    "NEUTRON_MASS",
    "Cosine",
    "DebyeWaller",
    "KronigPenney",
    "Lattice",
    "PlaneWave",
    "RadialPotential",
    "SuperfluidDensity",
    "WoodsSaxon",
    "band_structure",
    "density_profile",
    "fermi_level",
    "leggett_bound",
    "plane_wave_count",
    "superfluid_density",
]

_LOG = logging.getLogger(__name__)

#: ħc in MeV fm (scipy.constants)
HBAR_C = _sc.hbar * _sc.c / (_sc.e * 1e6) * 1e15
#: neutron rest energy m_n c² in MeV (scipy.constants)
NEUTRON_MASS = _sc.physical_constants["neutron mass energy equivalent in MeV"][0]
#: ħ²/2m_n in MeV fm² (= 20.72125)
H2M = HBAR_C**2 / (2.0 * NEUTRON_MASS)

LATTICE_KINDS = ("1d", "sc", "bcc", "fcc")
#: lattice sites per conventional cubic cell
_SITES = {"1d": 1, "sc": 1, "bcc": 2, "fcc": 4}
_attrs = _validate.attrs


# =========================================================================== lattice
@dataclass(frozen=True)
class Lattice:
    """A Bravais lattice with one cluster per primitive cell.

    * ``kind``: "1d", "sc", "bcc" or "fcc"
    * ``spacing``: lattice constant a in fm — the period in 1D, the edge of the conventional cubic
      cell for sc, bcc and fcc (primitive cell volume a³, a³/2, a³/4).
    * ``cell``: another choice of primitive cell (3D), an integer matrix T with det T = ±1 whose
      rows combine the standard primitive vectors, a'_i = Σ_j T_ij a_j.  The lattice, the
      plane-wave basis and the physics are the same; the k-integration is not: the mesh cells
      (Gilat–Raubenheimer parallelepipeds, tetrahedra) are spanned by the reciprocal vectors of
      the cell, and a shifted Monkhorst–Pack mesh moves along them (an unshifted mesh is the
      same point set, (1/n)× the reciprocal lattice, for every cell).  Keep T small: the basis
      search grows with the lengths of the new primitive vectors.
    """

    kind: str
    spacing: float
    cell: tuple | None = None

    def __post_init__(self):
        _validate.choice("kind", self.kind, LATTICE_KINDS)
        object.__setattr__(
            self, "spacing", _validate.scalar("spacing", self.spacing, low=0.0, low_open=True)
        )
        if self.cell is not None:
            allowed = "None or a 3×3 integer matrix with determinant ±1 (3D lattices)"
            try:
                t = np.asarray(self.cell, dtype=float)
            except (TypeError, ValueError):
                raise ParameterError("cell", self.cell, allowed) from None
            if (self.kind == "1d" or t.shape != (3, 3) or not np.all(np.isfinite(t))
                    or np.any(t != np.rint(t)) or abs(round(np.linalg.det(t))) != 1):  # fmt: skip
                raise ParameterError("cell", self.cell, allowed)
            object.__setattr__(self, "cell", tuple(tuple(int(x) for x in row) for row in t))

    @classmethod
    def for_density(cls, kind: str, cluster_density) -> Lattice:
        """The lattice of ``kind`` with ``cluster_density`` clusters per fm³ (per fm in 1D)."""
        _validate.choice("kind", kind, LATTICE_KINDS)
        nc = _validate.scalar("cluster_density", cluster_density, low=0.0, low_open=True)
        if kind == "1d":
            return cls(kind, 1.0 / nc)
        return cls(kind, (_SITES[kind] / nc) ** (1.0 / 3.0))

    @property
    def dim(self) -> int:
        return 1 if self.kind == "1d" else 3

    @property
    def primitive(self) -> np.ndarray:
        """Primitive vectors a_i as rows (fm)."""
        a = self.spacing
        if self.kind == "1d":
            return np.array([[a]])
        if self.kind == "sc":
            p = a * np.eye(3)
        elif self.kind == "bcc":
            p = 0.5 * a * np.array([[-1.0, 1, 1], [1, -1, 1], [1, 1, -1]])
        else:
            p = 0.5 * a * np.array([[0.0, 1, 1], [1, 0, 1], [1, 1, 0]])
        return p if self.cell is None else np.array(self.cell, dtype=float) @ p

    @property
    def reciprocal(self) -> np.ndarray:
        """Primitive reciprocal vectors b_i as rows (fm⁻¹), a_i·b_j = 2π δ_ij."""
        return 2.0 * math.pi * np.linalg.inv(self.primitive).T

    @property
    def volume(self) -> float:
        """Primitive-cell volume Ω in fm³ (the period in fm in 1D)."""
        return float(abs(np.linalg.det(self.primitive)))

    @property
    def cluster_density(self) -> float:
        """Clusters per fm³ (per fm in 1D), 1/Ω."""
        return 1.0 / self.volume

    def point_group(self) -> np.ndarray:
        """Cartesian rotation matrices of the lattice's point group: O_h (48) in 3D, ±1 in 1D."""
        if self.dim == 1:
            return np.array([[[1.0]], [[-1.0]]])
        ops = []
        for perm in itertools.permutations(range(3)):
            for signs in itertools.product((1.0, -1.0), repeat=3):
                m = np.zeros((3, 3))
                for i, p in enumerate(perm):
                    m[i, p] = signs[i]
                ops.append(m)
        return np.array(ops)


# =========================================================================== potentials
def _check_lattice(lattice) -> Lattice:
    if not isinstance(lattice, Lattice):
        raise ParameterError("lattice", lattice, "a Lattice")
    return lattice


def _as_g(lattice: Lattice, g) -> np.ndarray:
    g = np.asarray(g, dtype=float)
    if lattice.dim == 1 and g.ndim <= 1:
        g = g.reshape(-1, 1)
    if g.ndim != 2 or g.shape[1] != lattice.dim or not np.all(np.isfinite(g)):
        raise ParameterError("G", g, f"an array of shape (n, {lattice.dim}) of finite wave vectors")
    return g


def _integer_coordinates(lattice: Lattice, g: np.ndarray) -> np.ndarray:
    """Coordinates m of reciprocal-lattice vectors G = m·B (refused if G is not one)."""
    m = g @ lattice.primitive.T / (2.0 * math.pi)
    mi = np.rint(m)
    if np.any(np.abs(m - mi) > 1e-6):
        raise ParameterError("G", g, "reciprocal-lattice vectors of the lattice")
    return mi.astype(int)


def _gl_panels(a: float, b: float, width: float, order: int = 16):
    """Composite Gauss–Legendre nodes and weights on [a, b], panels no wider than ``width``."""
    panels = max(1, math.ceil((b - a) / width))
    x, w = np.polynomial.legendre.leggauss(order)
    edges = np.linspace(a, b, panels + 1)
    half = 0.5 * np.diff(edges)
    mid = 0.5 * (edges[1:] + edges[:-1])
    nodes = (mid[:, None] + half[:, None] * x[None, :]).ravel()
    weights = (half[:, None] * w[None, :]).ravel()
    return nodes, weights


def _radial_fourier(profile, rmax: float, feature: float, g: np.ndarray, volume: float):
    """(4π/Ω) ∫_0^rmax r² U(r) j₀(Gr) dr by composite Gauss–Legendre (|G| values ``g``)."""
    gmax = float(np.max(g)) if g.size else 0.0
    width = 0.25 * min(feature, 1.0 / gmax if gmax > 0 else feature, rmax)
    r, w = _gl_panels(0.0, rmax, width)
    u = np.asarray(profile(r), dtype=float) * r**2 * w
    if u.shape != r.shape or not np.all(np.isfinite(u)):
        raise ParameterError("func", profile, "a vectorised real function U(r) finite on [0, rmax]")
    out = np.empty(g.shape)
    step = max(1, 4_000_000 // max(r.size, 1))
    for s in range(0, g.size, step):
        gs = g[s : s + step]
        out[s : s + step] = np.sinc(np.outer(gs, r) / math.pi) @ u
    return 4.0 * math.pi / volume * out


@dataclass(frozen=True)
class WoodsSaxon:
    """Spherical cluster U(r) = −depth/(1 + exp((r − radius)/diffuseness)) (MeV, fm).

    depth > 0 is a well (the neutron mean field of a cluster), depth < 0 a bump.
    """

    depth: float
    radius: float
    diffuseness: float

    spherical: ClassVar[bool] = True

    def __post_init__(self):
        put = object.__setattr__
        put(self, "depth", _validate.scalar("depth", self.depth))
        put(self, "radius", _validate.scalar("radius", self.radius, low=0.0))
        put(self, "diffuseness",
            _validate.scalar("diffuseness", self.diffuseness, low=0.0, low_open=True))  # fmt: skip

    def profile(self, r):
        """U(r) in MeV."""
        return -self.depth * ssp.expit((self.radius - np.asarray(r, float)) / self.diffuseness)

    @property
    def scale(self) -> float:
        """Energy span of the potential (MeV)."""
        return abs(self.depth)

    @property
    def rmax(self) -> float:
        """Radius beyond which |U| < 1e-16 depth."""
        return self.radius + 37.0 * self.diffuseness

    def fourier(self, lattice: Lattice, g) -> np.ndarray:
        """Ũ(G) in MeV for Cartesian wave vectors ``g`` (n, 3) (any G: the cluster's transform)."""
        lattice = _check_spherical(lattice, self)
        q = np.linalg.norm(_as_g(lattice, g), axis=1)
        return _radial_fourier(self.profile, self.rmax, self.diffuseness, q, lattice.volume)


@dataclass(frozen=True)
class RadialPotential:
    """Any spherical cluster potential U(r) (MeV; ``func`` vectorised over r in fm), taken to
    vanish beyond ``rmax`` (fm).  ``feature`` is its shortest length scale (fm), which sets the
    quadrature panels (default rmax/50)."""

    func: Callable
    rmax: float
    feature: float | None = None

    spherical: ClassVar[bool] = True

    def __post_init__(self):
        if not callable(self.func):
            raise ParameterError("func", self.func, "a callable U(r)")
        object.__setattr__(self, "rmax",
                           _validate.scalar("rmax", self.rmax, low=0.0, low_open=True))  # fmt: skip
        if self.feature is not None:
            object.__setattr__(self, "feature", _validate.scalar(
                "feature", self.feature, low=0.0, low_open=True))  # fmt: skip

    def profile(self, r):
        r = np.asarray(r, float)
        return np.where(r <= self.rmax, np.asarray(self.func(np.minimum(r, self.rmax)), float), 0.0)

    @property
    def scale(self) -> float:
        r = np.linspace(0.0, self.rmax, 2001)
        u = self.profile(r)
        return float(max(np.max(u), 0.0) - min(np.min(u), 0.0))

    def fourier(self, lattice: Lattice, g) -> np.ndarray:
        lattice = _check_spherical(lattice, self)
        q = np.linalg.norm(_as_g(lattice, g), axis=1)
        feature = self.feature if self.feature is not None else self.rmax / 50.0
        return _radial_fourier(self.profile, self.rmax, feature, q, lattice.volume)

    def describe(self) -> dict:
        return {"class": "RadialPotential", "func": getattr(self.func, "__name__", "callable"),
                "rmax": self.rmax, "feature": self.feature}  # fmt: skip


@dataclass(frozen=True)
class DebyeWaller:
    """A spherical cluster potential ``base`` (:class:`WoodsSaxon` or :class:`RadialPotential`)
    as the neutrons see it when the cluster's centre vibrates with mean-square displacement
    ``msd`` = ⟨δr²⟩ (fm²): averaged over isotropic Gaussian displacements, so that every Fourier
    component carries the Debye–Waller factor, Ũ(G) exp(−G²⟨δr²⟩/6) (document 001).

    ``profile`` is that average in real space (σ² = ⟨δr²⟩/3 per axis),
    U_s(r) = (1/(√(2π) σ r)) ∫_0^∞ r' U(r') [e^{−(r−r')²/2σ²} − e^{−(r+r')²/2σ²}] dr';
    ``fourier`` applies the factor to the base's own transform.
    """

    base: object
    msd: float

    spherical: ClassVar[bool] = True

    def __post_init__(self):
        if not isinstance(self.base, (WoodsSaxon, RadialPotential)):
            raise ParameterError("base", self.base, "a WoodsSaxon or RadialPotential")
        object.__setattr__(self, "msd", _validate.scalar(
            "msd", self.msd, low=0.0, allowed="a mean-square displacement >= 0 (fm^2)"))  # fmt: skip

    @property
    def _sigma(self) -> float:
        return math.sqrt(self.msd / 3.0)

    @property
    def _feature(self) -> float:
        base = self.base
        own = base.diffuseness if isinstance(base, WoodsSaxon) else (
            base.feature or base.rmax / 50.0)  # fmt: skip
        return min(own, self._sigma) if self.msd > 0 else own

    def profile(self, r):
        """U_s(r) in MeV (the bare profile when msd = 0)."""
        if self.msd == 0:
            return self.base.profile(r)
        sigma, feature = self._sigma, self._feature
        rp, wp = _gl_panels(0.0, self.base.rmax, 0.25 * feature)
        wp = wp * rp * self.base.profile(rp)
        shape = np.shape(r)
        r = np.asarray(r, dtype=float).ravel()
        out = np.empty(r.shape)
        for s in range(0, r.size, 512):
            rr = np.maximum(r[s : s + 512, None], 1e-9)
            kern = (np.exp(-((rr - rp) ** 2) / (2 * sigma**2))
                    - np.exp(-((rr + rp) ** 2) / (2 * sigma**2)))  # fmt: skip
            out[s : s + 512] = (kern @ wp) / (math.sqrt(2 * math.pi) * sigma * rr[:, 0])
        return out.reshape(shape)

    def describe(self) -> dict:
        base = self.base.describe() if hasattr(self.base, "describe") else {
            "class": type(self.base).__name__, "depth": self.base.depth,
            "radius": self.base.radius, "diffuseness": self.base.diffuseness}  # fmt: skip
        return {"class": "DebyeWaller", "base": base, "msd": self.msd}

    @property
    def scale(self) -> float:
        """Energy span of the base potential (MeV), an upper bound of the averaged one."""
        return self.base.scale

    @property
    def rmax(self) -> float:
        """Radius beyond which the averaged potential is negligible (fm)."""
        return self.base.rmax + 10.0 * self._sigma

    def fourier(self, lattice: Lattice, g) -> np.ndarray:
        """Ũ(G) exp(−G²⟨δr²⟩/6) in MeV for Cartesian wave vectors ``g`` (n, 3)."""
        from .analytic import debye_waller

        lattice = _check_spherical(lattice, self)
        q = np.linalg.norm(_as_g(lattice, g), axis=1)
        return self.base.fourier(lattice, g) * debye_waller(q, self.msd)


def _check_spherical(lattice, potential) -> Lattice:
    lattice = _check_lattice(lattice)
    if lattice.dim != 3:
        raise ParameterError("potential", potential, "a 1D potential (Cosine, KronigPenney) on a "
                             "'1d' lattice; spherical clusters need sc, bcc or fcc")  # fmt: skip
    return lattice


@dataclass(frozen=True)
class Cosine:
    """Optical-lattice potential U(x) = 2V cos(2πx/a): Ũ(±2π/a) = V (V = ``amplitude``, MeV).

    The convention makes U = 2V cos(2z), z = πx/a, Mathieu's form y'' + (A − 2q cos 2z)y = 0
    with A = E/E₁, q = V/E₁, E₁ = (ħ²/2m)(π/a)².  On an "sc" lattice the separable
    U = 2V Σ_i cos(2πx_i/a).
    """

    amplitude: float

    spherical: ClassVar[bool] = False

    def __post_init__(self):
        object.__setattr__(self, "amplitude", _validate.scalar("amplitude", self.amplitude))

    @property
    def scale(self) -> float:
        return 4.0 * abs(self.amplitude)

    def fourier(self, lattice: Lattice, g) -> np.ndarray:
        lattice = _check_lattice(lattice)
        if lattice.kind not in ("1d", "sc"):
            raise ParameterError("potential", self, "Cosine on a '1d' or 'sc' lattice")
        m = _integer_coordinates(lattice, _as_g(lattice, g))
        one = (np.sum(np.abs(m), axis=1) == 1)
        return np.where(one, self.amplitude, 0.0)


@dataclass(frozen=True)
class KronigPenney:
    """1D square barriers (height > 0) or wells (height < 0) of ``width`` (fm) centred on the
    lattice sites, U = height for |x − ja| < width/2: Ũ(G) = (2·height/Ga) sin(Gw/2)."""

    height: float
    width: float

    spherical: ClassVar[bool] = False

    def __post_init__(self):
        object.__setattr__(self, "height", _validate.scalar("height", self.height))
        object.__setattr__(self, "width",
                           _validate.scalar("width", self.width, low=0.0, low_open=True))  # fmt: skip

    @property
    def scale(self) -> float:
        return abs(self.height)

    def fourier(self, lattice: Lattice, g) -> np.ndarray:
        lattice = _check_lattice(lattice)
        if lattice.kind != "1d":
            raise ParameterError("potential", self, "KronigPenney on a '1d' lattice")
        if self.width >= lattice.spacing:
            raise ParameterError("width", self.width, f"< the period {lattice.spacing:g} fm")
        gv = _as_g(lattice, g)[:, 0]
        _integer_coordinates(lattice, gv[:, None])
        a, w = lattice.spacing, self.width
        return self.height * w / a * np.sinc(gv * w / (2.0 * math.pi))


POTENTIALS = (WoodsSaxon, RadialPotential, DebyeWaller, Cosine, KronigPenney)


def _check_potential(potential, lattice: Lattice):
    if not isinstance(potential, POTENTIALS):
        raise ParameterError("potential", potential,
                             "a WoodsSaxon, RadialPotential, DebyeWaller, Cosine or "
                             "KronigPenney")  # fmt: skip
    if potential.spherical:
        _check_spherical(lattice, potential)
    elif isinstance(potential, Cosine) and lattice.kind not in ("1d", "sc"):
        raise ParameterError("potential", potential, "Cosine on a '1d' or 'sc' lattice")
    elif isinstance(potential, KronigPenney):
        if lattice.kind != "1d":
            raise ParameterError("potential", potential, "KronigPenney on a '1d' lattice")
        if potential.width >= lattice.spacing:
            raise ParameterError("width", potential.width, f"< the period {lattice.spacing:g} fm")
    return potential


# =========================================================================== method
INTEGRATIONS = ("gilat-raubenheimer", "tetrahedron")
SOLVERS = ("reduced", "direct")


@dataclass(frozen=True, kw_only=True)
class PlaneWave:
    """Numerical settings of the plane-wave band solver (see the module notes).

    * ``cutoff``: plane-wave kinetic-energy cutoff ħ²G²/2m (MeV); None: automatic,
      ``cutoff_factor`` × the larger of ε_F⁰ + ΔU (ε_F⁰ the free-gas Fermi energy of the
      density, ΔU the energy span of the potential) and the cutoff that holds the free Fermi
      sea (up to ε_F⁰ + window) at every k of the zone.  1D: at least 64 plane waves.
    * ``kmesh``: 3D: Monkhorst–Pack points per reciprocal vector (even, default 8);
      1D: segments of [0, π/a] tabulating the bands for the BCS integral (default 256).
    * ``shift``: 3D mesh origin in units of the mesh step (a number or three, each in [0, 1)).
    * ``bands``: number of bands to keep (None: all those up to μ + window).  Too few is refused.
    * ``window``: bands are kept up to μ + max(window, 12Δ) (MeV).
    * ``coarse_cutoff``: 3D: the cutoff error is estimated from a run at cutoff × coarse_cutoff
      (1D: from four lower cutoffs, see the module notes).
    * ``tol``: ``converged`` when the estimated error of the superfluid fraction is ≤ tol.
    * ``theta_nodes``: Gauss–Legendre nodes of the 3D BCS smoothing integral in θ = atan(ξ/Δ).
    * ``integration``: "gilat-raubenheimer" (default) or "tetrahedron".
    * ``precision``: "single" (default) or "double" for the 3D diagonalisation.
    * ``degenerate``: bands closer than this (MeV) are a degenerate group (3D).
    * ``workers``: processes diagonalising seeds and k-points in parallel (1: serial).  One
      pool per calculation, spawned (scripts need the ``if __name__ == "__main__":`` guard)
      and fed the plane-wave matrices through memory-mapped files, so any potential works,
      also a lambda profile.
    * ``solver``: 3D: "reduced" (default) diagonalises the mesh in an optimal basis built from
      the eigenvectors of the 2³ seed mesh (module notes), every point checked by its Ritz
      residuals; "direct" diagonalises every point in the full plane-wave basis.
    * ``reduce_tol``: singular values of the seed vectors below this are dropped from the
      reduced basis.
    * ``residual_tol``: a point whose largest Ritz residual ‖(H − ε)ψ‖ (MeV, a bound on the
      error of every energy) exceeds this is diagonalised directly.
    """

    cutoff: float | None = None
    cutoff_factor: float = 1.75
    kmesh: int | None = None
    shift: float | tuple[float, ...] = 0.0
    bands: int | None = None
    window: float = 0.5
    coarse_cutoff: float = 0.75
    tol: float = 0.02
    theta_nodes: int = 256
    integration: str = "gilat-raubenheimer"
    precision: str = "single"
    degenerate: float = 1e-3
    workers: int = 1
    solver: str = "reduced"
    reduce_tol: float = 1e-4
    residual_tol: float = 0.02

    name: ClassVar[str] = "plane_wave"

    def __post_init__(self):
        if self.cutoff is not None:
            _validate.scalar("cutoff", self.cutoff, low=0.0, low_open=True)
        _validate.scalar("cutoff_factor", self.cutoff_factor, low=0.0, low_open=True)
        if self.kmesh is not None:
            _validate.whole("kmesh", self.kmesh, minimum=2)
        s = _validate.array("shift", self.shift, ndim=(0, 1), low=0.0, high=1.0, high_open=True,
                            allowed="a number or 3 numbers in [0, 1)")  # fmt: skip
        if s.ndim == 1 and s.size != 3:
            raise ParameterError("shift", self.shift, "a number or 3 numbers in [0, 1)")
        object.__setattr__(self, "shift", float(s) if s.ndim == 0 else tuple(float(x) for x in s))
        if self.bands is not None:
            _validate.whole("bands", self.bands, minimum=1)
        _validate.scalar("window", self.window, low=0.0, low_open=True)
        _validate.scalar("coarse_cutoff", self.coarse_cutoff, low=0.0, high=1.0, low_open=True,
                         high_open=True)  # fmt: skip
        _validate.scalar("tol", self.tol, low=0.0, low_open=True)
        _validate.whole("theta_nodes", self.theta_nodes, minimum=16)
        _validate.choice("integration", self.integration, INTEGRATIONS)
        _validate.choice("precision", self.precision, ("single", "double"))
        _validate.scalar("degenerate", self.degenerate, low=0.0, low_open=True)
        _validate.whole("workers", self.workers, minimum=1)
        _validate.choice("solver", self.solver, SOLVERS)
        _validate.scalar("reduce_tol", self.reduce_tol, low=0.0, high=1.0, low_open=True,
                         high_open=True)  # fmt: skip
        _validate.scalar("residual_tol", self.residual_tol, low=0.0, low_open=True)


def _check_method(method) -> PlaneWave:
    if method is None:
        return PlaneWave()
    if not isinstance(method, PlaneWave):
        raise ParameterError("method", method, "a PlaneWave")
    return method


def _density(lattice: Lattice, density) -> float:
    units = "fm⁻¹" if lattice.dim == 1 else "fm⁻³"
    return _validate.scalar("density", density, low=0.0, low_open=True,
                            allowed=f"a finite number > 0 ({units})")  # fmt: skip


def _free_fermi_energy(dim: int, n: float) -> float:
    kf = math.pi * n / 2.0 if dim == 1 else (3.0 * math.pi**2 * n) ** (1.0 / 3.0)
    return H2M * kf * kf


def _mesh_size(lattice: Lattice, method: PlaneWave) -> int:
    if lattice.dim == 1:
        return 256 if method.kmesh is None else method.kmesh
    n = 8 if method.kmesh is None else method.kmesh
    if n % 2:
        raise ParameterError("kmesh", n, "an even number in 3D (the error estimate uses n/2)")
    return n


def _shift(lattice: Lattice, method: PlaneWave) -> np.ndarray:
    s = np.broadcast_to(np.asarray(method.shift, float), (3,)) if lattice.dim == 3 else np.zeros(1)
    return np.array(s, dtype=float)


# =========================================================================== plane waves
def _fft_threads() -> int:
    """Threads of the FFTs: the OpenMP share of this process (worker processes get theirs from
    :func:`_worker_threads`), else every core."""
    try:
        return max(1, int(os.environ.get("OMP_NUM_THREADS", "")))
    except ValueError:
        return os.cpu_count() or 1


@dataclass
class _Grid:
    """Ũ applied by FFT, for bases too large for the dense matrix: the plane waves sit at
    ``index`` of a grid of ``shape`` points on the primitive cell (≥ 4 m_max + 1 per axis in
    integer coordinates) and ``vr`` = U(r_j) = Σ_G Ũ(G) e^{iG·r_j}, summed over the box of
    every difference G − G' of the basis.  Then (Ũx)_G = FFT[U · FFT⁻¹x]_G exactly: no alias
    of the product reaches the basis, so these are the numbers of the dense Σ_G' Ũ(G − G')x_G'
    (to round-off)."""

    shape: tuple
    index: np.ndarray  # (N,) flat grid index of each plane wave
    vr: np.ndarray  # real, ``shape``

    def apply(self, x: np.ndarray, chunk: int = 8) -> np.ndarray:
        """Ũx for the real columns of ``x`` (N, M), in double precision: two columns per
        complex transform (Ũ is real and even, so Ũ(a + ib) = Ũa + iŨb with Ũa, Ũb real)."""
        import scipy.fft as sfft

        x = np.asarray(x, dtype=float)
        out = np.empty(x.shape)
        pairs = (x.shape[1] + 1) // 2
        axes = tuple(range(1, 1 + len(self.shape)))
        size = int(np.prod(self.shape))
        for s in range(0, pairs, chunk):
            p = min(chunk, pairs - s)
            re, im = x[:, 2 * s : 2 * (s + p) : 2], x[:, 2 * s + 1 : 2 * (s + p) : 2]
            z = np.zeros((p, size), dtype=complex)
            z[: re.shape[1], self.index] = re.T
            z[: im.shape[1], self.index] += 1j * im.T
            z = sfft.ifftn(z.reshape(p, *self.shape), axes=axes, overwrite_x=True,
                           workers=_fft_threads())  # fmt: skip
            z *= self.vr
            z = sfft.fftn(z, axes=axes, overwrite_x=True, workers=_fft_threads())
            y = z.reshape(p, size)[:, self.index]
            out[:, 2 * s : 2 * (s + p) : 2] = y.real[: re.shape[1]].T
            out[:, 2 * s + 1 : 2 * (s + p) : 2] = y.imag[: im.shape[1]].T
        return out


@dataclass
class _Basis:
    """Plane waves |G| ≤ G_c of one lattice: integer coordinates, Cartesian G, and Ũ(G − G')
    as a dense matrix ``v`` (up to :data:`MAX_DENSE` plane waves) or applied by FFT
    (``grid``, beyond)."""

    lattice: Lattice
    cutoff: float
    m: np.ndarray  # (N, d) int
    g: np.ndarray  # (N, d) fm⁻¹
    v: np.ndarray | None  # (N, N) MeV; None beyond MAX_DENSE
    v0: float = 0.0  # Ũ(0), the mean potential
    grid: _Grid | None = None  # beyond MAX_DENSE
    reduced: object = None  # the last _Reduced built on this basis
    probe: object = None  # the dense basis whose eigenvectors start the iterative solver

    @property
    def size(self) -> int:
        return int(self.m.shape[0])

    @property
    def dense(self) -> bool:
        return self.v is not None

    def kinetic(self, k: np.ndarray) -> np.ndarray:
        """(ħ²/2m)|k + G|² of every plane wave."""
        kg = self.g + k[None, :]
        return H2M * np.einsum("ij,ij->i", kg, kg)

    def apply_u(self, x: np.ndarray) -> np.ndarray:
        """Ũx for the columns of ``x`` (double precision), dense or by FFT."""
        return self.v @ x if self.dense else self.grid.apply(x)


#: the largest basis whose Ũ(G − G') is a dense matrix, diagonalised densely (N² doubles:
#: 3.2 GB, shared by the workers); beyond, Ũ is applied by FFT and every full-basis
#: diagonalisation is iterative (:func:`_iterative`)
MAX_DENSE = 20_000
#: the largest basis the solver builds (the residual matrices of the reduced basis take
#: 16 N N_B bytes: ~4 GB at 10⁵ plane waves and N_B ≈ 2500)
MAX_PLANE_WAVES = 100_000


def plane_wave_count(lattice: Lattice, cutoff: float) -> int:
    """Number of plane waves |G| ≤ G_c, ħ²G_c²/2m = ``cutoff`` (MeV), of ``lattice``: the size
    of the dense problem, counted without building it."""
    lattice = _check_lattice(lattice)
    cutoff = _validate.scalar("cutoff", cutoff, low=0.0, low_open=True)
    gc = math.sqrt(cutoff / H2M)
    lim = [math.ceil(gc * np.linalg.norm(a) / (2.0 * math.pi)) for a in lattice.primitive]
    total = 0
    axes = [np.arange(-m, m + 1) for m in lim]
    for first in axes[0]:  # one slab at a time: the outer layers need ~10⁵
        rest = np.stack(np.meshgrid(*axes[1:], indexing="ij"), axis=-1).reshape(
            -1, lattice.dim - 1) if lattice.dim > 1 else np.zeros((1, 0))  # fmt: skip
        m = np.column_stack([np.full(rest.shape[0], first), rest])
        g = m @ lattice.reciprocal
        total += int(np.count_nonzero(np.einsum("ij,ij->i", g, g) <= gc * gc * (1.0 + 1e-12)))
    return total


def _basis(lattice: Lattice, potential, cutoff: float, dense: bool | None = None) -> _Basis:
    """The plane waves of ``cutoff`` with Ũ as a dense matrix (``dense``; default: up to
    :data:`MAX_DENSE` plane waves; 1D: always) or on an FFT grid."""
    import scipy.fft as sfft

    b = lattice.reciprocal
    gc = math.sqrt(cutoff / H2M)
    lim = [math.ceil(gc * np.linalg.norm(a) / (2.0 * math.pi)) for a in lattice.primitive]
    axes = [np.arange(-m, m + 1) for m in lim]
    m = np.stack(np.meshgrid(*axes, indexing="ij"), axis=-1).reshape(-1, lattice.dim)
    g = m @ b
    g2 = np.einsum("ij,ij->i", g, g)
    keep = g2 <= gc * gc * (1.0 + 1e-12)
    m, g, g2 = m[keep], g[keep], g2[keep]
    order = np.lexsort((*m.T[::-1], np.round(g2, 10)))
    m, g = m[order], g[order]
    if m.shape[0] > MAX_PLANE_WAVES:
        raise ParameterError("cutoff", cutoff, f"a cutoff giving at most {MAX_PLANE_WAVES} plane "
                             f"waves (this one gives {m.shape[0]})")  # fmt: skip
    if dense is None:
        dense = m.shape[0] <= MAX_DENSE or lattice.dim == 1
    # Ũ on the box of differences, looked up by a flat index linear in the coordinates
    span = [2 * x for x in lim]
    sizes = [2 * s + 1 for s in span]
    diff = np.stack(np.meshgrid(*[np.arange(-s, s + 1) for s in span], indexing="ij"),
                    axis=-1).reshape(-1, lattice.dim)  # fmt: skip
    dg = diff @ b
    coef = np.zeros(diff.shape[0])
    if potential.spherical:
        q = np.linalg.norm(dg, axis=1)
        keyq = np.round(q, 12)
        uq, inv = np.unique(keyq, return_inverse=True)
        coef = potential.fourier(lattice, np.column_stack([uq] + [np.zeros_like(uq)] * 2))[inv]
    else:
        coef = potential.fourier(lattice, dg)
    v0 = float(coef[diff.shape[0] // 2])  # the middle of the box: G − G' = 0
    if not dense:
        shape = tuple(sfft.next_fast_len(2 * s + 1) for s in span)  # ≥ 4 m_max + 1
        box = np.zeros(shape)
        box[np.ix_(*[np.arange(-s, s + 1) % n for s, n in zip(span, shape, strict=True)])] = (
            coef.reshape(sizes))
        vr = np.ascontiguousarray(sfft.ifftn(box, workers=_fft_threads()).real * box.size)
        index = np.ravel_multi_index(tuple((m % np.array(shape)).T), shape)
        return _Basis(lattice, cutoff, m, g, None, v0, _Grid(shape, index, vr))
    strides = np.array([int(np.prod(sizes[i + 1 :])) for i in range(lattice.dim)])
    flat = (m + np.array(span)) @ strides
    offset = int(np.array(span) @ strides)
    v = np.empty((flat.size, flat.size))
    rows = max(1, 2**24 // flat.size)  # row blocks: no N² index array (8 bytes each)
    for r in range(0, flat.size, rows):
        v[r : r + rows] = coef[flat[r : r + rows, None] - flat[None, :] + offset]
    return _Basis(lattice, cutoff, m, g, v, v0)


def _sub_basis(basis: _Basis, potential, cutoff: float) -> _Basis:
    """The basis of a lower ``cutoff``: the first plane waves of ``basis`` (both are sorted by
    |G|): the plane waves of :func:`_basis` in its order and its matrix to round-off (its
    quadrature panels follow the larger G), without computing them again."""
    gc2 = cutoff / H2M * (1.0 + 1e-12)
    inside = np.einsum("ij,ij->i", basis.g, basis.g) <= gc2
    nc = int(np.count_nonzero(inside))
    if cutoff > basis.cutoff or not np.all(inside[:nc]) or not basis.dense:  # build it
        # (beyond MAX_DENSE on the FFT grid, like its parent: a point it cannot reduce is then
        # diagonalised iteratively, not densely)
        return _basis(basis.lattice, potential, cutoff, dense=None if basis.dense else False)
    return _Basis(basis.lattice, cutoff, basis.m[:nc].copy(), basis.g[:nc].copy(),
                  np.ascontiguousarray(basis.v[:nc, :nc]), basis.v0)


#: a generic direction: degenerate groups are resolved by the velocity along it
_PROBE = np.array([1.0, math.sqrt(2.0), math.pi]) / math.sqrt(3.0 + math.pi**2)


def _solve_k(basis: _Basis, k: np.ndarray, *, top: float | None = None, count: int | None = None,
             vectors: bool = True, single: bool = False, degenerate: float | None = None,
             x0: np.ndarray | None = None):  # fmt: skip
    """Eigenvalues (sorted) below ``top`` (or the lowest ``count``) at Bloch vector k, with
    |∇ε|² and ∇ε (Hellmann–Feynman) per band.

    ``single``: diagonalise in single precision (2.3× faster; energies to ~1e-7 of the cutoff).
    Bands closer than ``degenerate`` (MeV; default 1e-8, or 1e-5 in single precision,
    × max(1, |ε|)) form a degenerate group, whose eigenvectors are
    first rotated to diagonalise P(v·n)P for a fixed generic direction n, the branches that
    leave the point along n (exact for the empty lattice, whose velocity operator is diagonal
    in plane waves); |∇ε|² is then (1/d)Σ_i‖P v_i P‖²_F for every band of the group, which does
    not depend on the basis of the group.
    """
    kg = basis.g + k[None, :]
    e, c = _eigenpairs(basis, k, top, count, vectors, single, x0)
    if c is None:
        return e, None, None
    return (e, *_velocities(e, c, [kg[:, ax : ax + 1] * c for ax in range(kg.shape[1])], single,
                            degenerate))  # fmt: skip


def _eigenpairs(basis: _Basis, k: np.ndarray, top: float | None, count: int | None,
                vectors: bool = True, single: bool = False, x0: np.ndarray | None = None):  # fmt: skip
    """Eigenpairs of H(k) below ``top`` (or the lowest ``count``): dense diagonalisation (in
    single precision if ``single``), or beyond :data:`MAX_DENSE` plane waves the iterative
    solver in double precision (started from ``x0``)."""
    if not basis.dense:
        e, c = _iterative(basis, k, top=top, count=count, x0=x0)
        return e, c if vectors else None
    h = basis.v.astype(np.float32 if single else float)
    h[np.diag_indices_from(h)] += basis.kinetic(k)
    return _eigh(h, top, count, vectors)


#: the iterative solver: largest residual ‖(H − ε)ψ‖ (MeV) of a band it returns, iterations
#: allowed, and the size of the dense basis that starts it
ITERATIVE_TOL = 2e-3
ITERATIVE_MAXITER = 60
PROBE_PLANE_WAVES = 3000


def _probe_basis(basis: _Basis) -> _Basis:
    """The dense basis of the first ≈ PROBE_PLANE_WAVES plane waves of ``basis`` (whole shells),
    its Ũ(G − G') read off the FFT grid (which holds every difference of the basis)."""
    if basis.probe is None:
        g2 = np.einsum("ij,ij->i", basis.g, basis.g)
        n = min(basis.size, PROBE_PLANE_WAVES)
        n = int(np.searchsorted(g2, g2[n - 1] * (1.0 + 1e-12), side="right"))
        grid = basis.grid
        box = np.fft.fftn(grid.vr).real / grid.vr.size  # Ũ on the box of differences
        m = basis.m[:n]
        flat = np.zeros((n, n), dtype=np.int64)
        for ax, size in enumerate(grid.shape):  # flat index of (G − G') mod the grid
            flat = flat * size + (m[:, None, ax] - m[None, :, ax]) % size
        basis.probe = _Basis(basis.lattice, H2M * float(g2[n - 1]), m.copy(), basis.g[:n].copy(),
                             np.ascontiguousarray(box.ravel()[flat]), basis.v0)  # fmt: skip
    return basis.probe


def _tpa(t: np.ndarray, kinetic: np.ndarray) -> np.ndarray:
    """The Teter–Payne–Allan preconditioner (Phys. Rev. B 40, 12255 (1989)) of plane waves of
    kinetic energy ``t`` for bands of mean kinetic energy ``kinetic``: ≈ 1 below it, ≈ E_kin/2T
    far above (an approximate inverse of T − ε that never divides by zero)."""
    x = t[:, None] / kinetic[None, :]
    num = 27.0 + x * (18.0 + x * (12.0 + 8.0 * x))
    return num / (num + 16.0 * x**4)


def _orthogonalised(w: np.ndarray, x: np.ndarray, tol: float = 1e-8) -> np.ndarray:
    """Orthonormal columns spanning the part of ``w`` orthogonal to the orthonormal ``x``
    (two Gram–Schmidt passes against x; directions of ``w`` with singular value ≤ tol
    relative to the largest dropped)."""
    w = w - x @ (x.T @ w)
    w = w - x @ (x.T @ w)
    lam, v = np.linalg.eigh(w.T @ w)
    keep = lam > (tol * np.sqrt(max(float(lam[-1]), 0.0))) ** 2 if lam.size else lam > 0
    w = w @ (v[:, keep] / np.sqrt(lam[keep]))
    w = w - x @ (x.T @ w)
    w, _ = np.linalg.qr(w)
    return w


def _iterative(basis: _Basis, k: np.ndarray, *, top: float | None = None,
               count: int | None = None, x0: np.ndarray | None = None,
               tol: float | None = None):  # fmt: skip
    """Eigenpairs of H(k) below ``top`` (or the lowest ``count``) by the locally optimal block
    preconditioned conjugate gradient method (LOBPCG; Knyazev, SIAM J. Sci. Comput. 23, 517
    (2001)) with the Teter–Payne–Allan preconditioner, H applied with Ũ by FFT.  (SciPy's
    ``lobpcg`` broke down on the hundreds of bands of a crust cell; here every block is
    orthonormalised explicitly and nearly dependent directions are dropped.)

    The block of vectors starts as ``x0`` (the caller includes a margin above ``top``), or as
    the eigenvectors of the dense probe basis at k (a third more than it counts below ``top``:
    its energies are upper bounds, so it counts too few); in count mode it holds at least the
    count and a fifth more.  Each iteration adds the
    preconditioned residuals of the unconverged Ritz pairs and their previous steps to the block
    and keeps the lowest Ritz pairs of that space (Rayleigh–Ritz); the block grows while the
    bands below ``top`` fill it.  Done when every Ritz pair that may lie below ``top`` (ε − r ≤
    top) has residual r ≤ ``tol`` (default ITERATIVE_TOL; Bauer–Fike: an exact eigenvalue lies
    within r); :class:`~josephson.errors.ConvergenceError` after ITERATIVE_MAXITER iterations."""
    tol = ITERATIVE_TOL if tol is None else tol
    t = basis.kinetic(k)
    n = basis.size

    def apply(x):
        return basis.grid.apply(x) + t[:, None] * x

    def ritz(s, hs, p, known=None):
        """The lowest p Ritz pairs of span(s) (orthonormal columns), hs = H s; ``known``: the
        first columns are Ritz vectors with these values already (their block is diagonal)."""
        m = 0 if known is None else known.size
        gram = np.empty((s.shape[1], s.shape[1]))
        gram[:, m:] = s.T @ hs[:, m:]
        gram[:m, :m] = np.diag(known) if m else 0.0
        gram[m:, :m] = gram[:m, m:].T
        e, w = np.linalg.eigh(0.5 * (gram + gram.T))
        return e[:p], s @ w[:, :p], hs @ w[:, :p], w

    if x0 is None:
        probe = _probe_basis(basis)
        h = probe.v.copy()
        h[np.diag_indices_from(h)] += probe.kinetic(k)
        e0 = _eigh(h.copy(), top, count, False)[0]
        # the probe's energies are upper bounds: it counts too few bands below ``top`` (a
        # tenth fewer in a crust cell), so the block starts with a third more of its bands
        want = e0.size if count is None else count
        _, c0 = _eigh(h, None, min(probe.size, want + max(16, want // 3)), True)
        x0 = np.zeros((n, c0.shape[1]))
        x0[: probe.size] = c0
        width = max(x0.shape[1], want + max(16, want // 5))
    else:  # the caller's block (in count mode: the count and a fifth more, at least)
        width = x0.shape[1] if count is None else max(x0.shape[1], count + max(16, count // 5))
    x0 = np.asarray(x0, dtype=float)
    rng = np.random.default_rng(12345)

    def widen(x, width):
        width = min(width, n)
        if x.shape[1] < width:
            x = np.hstack([x, rng.standard_normal((n, width - x.shape[1]))])
        x, _ = np.linalg.qr(x[:, :width])
        return x

    x = widen(x0, width)
    e, x, hx, _ = ritz(x, apply(x), x.shape[1])
    last = None  # the previous step (LOBPCG's third block) and H applied to it
    for it in range(ITERATIVE_MAXITER):
        p = x.shape[1]
        r = hx - x * e[None, :]
        res = np.linalg.norm(r, axis=0)
        if count is not None:
            test = np.arange(p) < count
        else:  # the pairs that may lie below ``top``, and a few above them: a band missing
            # from the block would have to hide behind all of them
            below = np.count_nonzero(e - res <= top)
            test = np.arange(p) < min(p, below + max(4, p // 40))
        worst = float(np.max(res[test], initial=0.0))
        _LOG.debug("iterative: N %d, iteration %d, block %d, %d bands tested, largest residual "
                   "%.3g MeV", n, it, p, np.count_nonzero(test), worst)  # fmt: skip
        guard = max(8, p // 10)
        # Ritz values are upper bounds (Cauchy): at least this many bands lie below ``top``
        if count is None and np.count_nonzero(e <= top) > p - guard and p < n:
            x = widen(x, p + max(2 * guard, p // 4))  # the block is too small
            e, x, hx, _ = ritz(x, apply(x), x.shape[1])
            last = None
            continue
        if worst <= tol and np.max(np.abs(x.T @ x - np.eye(p))) > 1e-8:  # drifted: restore
            x = widen(x, p)
            e, x, hx, _ = ritz(x, apply(x), p)
            last = None
            continue
        if worst <= tol:
            keep = np.arange(min(count, p)) if count is not None else np.flatnonzero(e < top)
            return e[keep], x[:, keep]
        act = np.flatnonzero(res > 0.5 * tol)
        kinetic = np.maximum(np.einsum("i,ij->j", t, x[:, act] ** 2), 1e-3)
        w = _orthogonalised(r[:, act] * _tpa(t, kinetic), x)
        blocks, applied = [x, w], [hx, apply(w)]
        if last is not None:  # the previous step, orthonormalised against [x, w] (H follows)
            q, hq = np.hstack(blocks), np.hstack(applied)
            d, hd = last
            for _ in range(2):  # orthogonal to [x, w], twice; then orthonormal, twice
                c = q.T @ d
                d, hd = d - q @ c, hd - hq @ c
                scale = np.linalg.norm(d, axis=0)  # steps of very different lengths
                d, hd = d / scale, hd / scale
                lam, v = np.linalg.eigh(d.T @ d)
                v = v[:, lam > 1e-10 * lam[-1]] / np.sqrt(lam[lam > 1e-10 * lam[-1]])
                d, hd = d @ v, hd @ v
            blocks.append(d)
            applied.append(hd)
        e, x, hx, v = ritz(np.hstack(blocks), np.hstack(applied), p, known=e)
        # LOBPCG (Knyazev, SIAM J. Sci. Comput. 23, 517 (2001)): the part of the new Ritz
        # vectors outside the old block, for the bands still converging
        act = np.flatnonzero(np.linalg.norm(hx - x * e[None, :], axis=0) > 0.5 * tol)
        rest = np.hstack(blocks[1:]), np.hstack(applied[1:])
        last = (rest[0] @ v[p:, act], rest[1] @ v[p:, act]) if act.size else None
    raise ConvergenceError("iterative", f"residual {worst:.3g} MeV",
                           f"<= {tol:g} MeV in {ITERATIVE_MAXITER} LOBPCG "
                           f"iterations ({n} plane waves)")  # fmt: skip


def _eigh(h: np.ndarray, top: float | None, count: int | None, vectors: bool):
    """Eigenpairs of the symmetric ``h`` (overwritten) below ``top`` or the lowest ``count``."""
    kw = {"driver": "evr", "overwrite_a": True, "check_finite": False}
    if h.flags.c_contiguous:  # hᵀ = h is Fortran-ordered: LAPACK works in place, no N² copy
        h = h.T
    if count is not None:
        kw["subset_by_index"] = (0, min(count, h.shape[0]) - 1)
    elif top is not None:
        kw["subset_by_value"] = (-np.inf, top)
    if not vectors:
        return sla.eigh(h, eigvals_only=True, **kw).astype(float), None
    e, c = sla.eigh(h, **kw)
    return e.astype(float), c


def _velocities(e: np.ndarray, c: np.ndarray, applied: list, single: bool,
                degenerate: float | None):  # fmt: skip
    """|∇ε|² and ∇ε of the eigenvectors ``c`` (columns) by Hellmann–Feynman, with
    ``applied[axis]`` = (k + G)_axis c in the basis of ``c``; degenerate groups as in
    :func:`_solve_k`."""
    d = len(applied)
    vel = 2.0 * H2M * np.stack([np.einsum("ij,ij->j", c, a) for a in applied],
                               axis=1).astype(float)  # fmt: skip
    speed2 = np.einsum("ij,ij->i", vel, vel)
    degenerate_tol = degenerate if degenerate is not None else (1e-5 if single else 1e-8)
    if e.size > 1:
        scale = 1.0 if degenerate is not None else max(1.0, float(np.max(np.abs(e))))
        close = np.diff(e) < degenerate_tol * scale
        if np.any(close):
            probe = _PROBE[:d] / np.linalg.norm(_PROBE[:d])
            start = 0
            for i in range(1, e.size + 1):
                if i < e.size and close[i - 1]:
                    continue
                if i - start > 1:
                    cg = c[:, start:i].astype(float)
                    blocks = [cg.T @ a[:, start:i].astype(float) for a in applied]
                    blocks = [0.5 * (b + b.T) for b in blocks]
                    tot = sum(float(np.sum(b * b)) for b in blocks)
                    _, u = np.linalg.eigh(sum(p * b for p, b in zip(probe, blocks, strict=True)))
                    vel[start:i] = 2.0 * H2M * np.stack(
                        [np.einsum("ia,ij,ja->a", u, b, u) for b in blocks], axis=1)
                    speed2[start:i] = (2.0 * H2M) ** 2 * tot / (i - start)
                start = i
    return speed2, vel


# --------------------------------------------------------------------------- reduced basis
@dataclass
class _Reduced:
    """An optimal basis for the bands below ``top`` (Shirley, PRB 54, 16464 (1996)): the
    eigenvectors of the 2^d mesh of seed points (the irreducible ones diagonalised, the others
    their images under the point group), orthonormalised with singular values below ``tol``
    dropped.  H(k) = A + (ħ²/m) Σ_a k_a diag(G_a) + (ħ²/2m)k² with A = Ũ + (ħ²/2m)G², so in
    the basis B: h(k) = BᵀAB + (ħ²/m) Σ_a k_a BᵀG_aB + (ħ²/2m)k², and the residual of a Ritz
    pair (ε, Bu) in the full basis is (1 − BBᵀ)H(k)Bu = (P_0 + (ħ²/m) Σ_a k_a P_a) u."""

    basis: _Basis
    top: float  # the seeds hold every band below this energy
    b: np.ndarray | None  # (N, Nb) orthonormal columns (None: too large to be of use)
    h0: np.ndarray | None  # (Nb, Nb) BᵀAB
    ga: np.ndarray | None  # (d, Nb, Nb) Bᵀ diag(G_a) B
    pa: np.ndarray | None  # (1 + d, N, Nb) (1 − BBᵀ)AB, (1 − BBᵀ) diag(G_a) B (float32)
    seeds: int
    seed_k: np.ndarray | None = None  # (seeds, d) the diagonalised seed points (main process)
    seed_pairs: list | None = None  # their (energies, eigenvectors), full basis

    @property
    def size(self) -> int | None:
        return None if self.b is None else int(self.b.shape[1])

    def save(self, folder: str) -> dict:
        """Write what a worker needs to ``folder`` (B only beyond MAX_DENSE: there it starts the
        iterative solver of a point whose residual is too large)."""
        for name in ("h0", "ga", "pa") if self.basis.dense else ("h0", "ga", "pa", "b"):
            np.save(os.path.join(folder, f"{name}.npy"), getattr(self, name))

    def load_args(self) -> dict:
        """The arguments of :meth:`load` besides the basis and the folder."""
        return {"top": self.top, "seeds": self.seeds}

    @classmethod
    def load(cls, basis: _Basis, folder: str, top: float, seeds: int) -> _Reduced:
        """The worker's copy: the arrays memory-mapped, shared with the other workers."""
        arr = {n: np.load(os.path.join(folder, f"{n}.npy"), mmap_mode="r")
               for n in ("h0", "ga", "pa", "b") if os.path.exists(os.path.join(folder, f"{n}.npy"))}
        return cls(basis, top, arr.get("b"), arr["h0"], arr["ga"], arr["pa"], seeds)


#: a reduced basis larger than this share of the plane waves is not used (eigh costs ∝ N³)
REDUCED_FRACTION = 0.6


def _spread(lattice: Lattice, n: float) -> float:
    """The spread of a band over the zone near μ: ≈ (ħ²/m) k_F |b|_max (MeV)."""
    kf = (3.0 * math.pi**2 * n) ** (1.0 / 3.0)
    return 2.0 * H2M * kf * float(np.max(np.linalg.norm(lattice.reciprocal, axis=1)))


def _rotation_index(basis: _Basis, r: np.ndarray) -> np.ndarray:
    """perm with G[perm[i]] = R G[i] (the sphere of G is invariant under the point group)."""
    lim = np.max(np.abs(basis.m), axis=0)
    shape = tuple(2 * lim + 1)
    table = np.full(int(np.prod(shape)), -1)
    table[np.ravel_multi_index(tuple((basis.m + lim).T), shape)] = np.arange(basis.size)
    mr = np.rint((basis.g @ r.T) @ np.linalg.inv(basis.lattice.reciprocal)).astype(int)
    perm = table[np.ravel_multi_index(tuple((mr + lim).T), shape, mode="clip")]
    if np.any(perm < 0) or np.any(np.abs(mr) > lim):
        raise RuntimeError("the plane-wave sphere is not invariant under the point group")
    return perm


def _orthonormal(blocks, tol: float, limit: int | None = None) -> np.ndarray:
    """Orthonormal columns spanning the blocks (each with orthonormal columns), block by block:
    project out what is spanned, keep the directions of the rest with singular value > tol
    (stops as soon as there are more than ``limit``)."""
    q = np.zeros((blocks[0].shape[0], 0))
    for c in blocks:
        c = np.asarray(c, dtype=float)
        c = c - q @ (q.T @ c)
        # right singular vectors from the Gram matrix (cheap): the kept directions c v/√w are
        # orthonormal up to round-off × 1/tol; the second Gram–Schmidt pass ("twice is
        # enough") and the QR act on them only, usually far fewer than the block's columns
        w, v = np.linalg.eigh(c.T @ c)
        keep = w > tol * tol
        if not np.any(keep):
            continue
        new = c @ (v[:, keep] / np.sqrt(w[keep]))
        new -= q @ (q.T @ new)
        new, _ = np.linalg.qr(new)
        q = np.hstack([q, new])
        if limit is not None and q.shape[1] > limit:
            break
    return q


def _seed_points(lattice: Lattice, mesh: _Mesh | None):
    """The seeds: the 2^d mesh shifted by half a step (fractional coordinates ¼, ¾; the fewest
    irreducible points: 2 for bcc and fcc, 1 for sc).  Returns the Bloch vectors to
    diagonalise, and for each of the 2^d points the seed it is an image of and the operation R
    with k_seed ≡ R k.  When the points are points of ``mesh`` the seeds are its irreducible
    representatives, so their diagonalisations serve as mesh points too."""
    two = _mesh(lattice, 2, np.full(lattice.dim, 0.5))
    if mesh is not None:
        m = two.kfrac * mesh.n - mesh.shift
        if np.allclose(m, np.rint(m), atol=1e-9):
            j = np.ravel_multi_index(tuple((np.rint(m).astype(int) % mesh.n).T),
                                     (mesh.n,) * lattice.dim)  # fmt: skip
            reps, which = np.unique(mesh.rep[j], return_inverse=True)
            return (_fold(lattice, mesh.kfrac[mesh.irr[reps]]), which.ravel(),
                    mesh.ops[mesh.op[j]])  # fmt: skip
    return _fold(lattice, two.kfrac[two.irr]), two.rep, two.ops[two.op]


def _reduced(basis: _Basis, potential, top: float, method: PlaneWave, options: dict,
             mesh: _Mesh | None = None) -> _Reduced:  # fmt: skip
    """The reduced basis of the seeds (:func:`_seed_points`) up to ``top``."""
    ks, which, ops = _seed_points(basis.lattice, mesh)
    seeds = _map("seed", basis, [(k, top) for k in ks], method.workers, options)
    blocks = [seeds[w][1][_rotation_index(basis, r)] for w, r in zip(which, ops, strict=True)]
    q = _orthonormal(blocks, method.reduce_tol, int(REDUCED_FRACTION * basis.size))
    return _project(basis, q, top, options, len(ks), ks, seeds)


def _restrict(red: _Reduced, coarse: _Basis, method: PlaneWave, options: dict) -> _Reduced | None:
    """The reduced basis of a coarser cutoff from that of the finer one: its rows of the coarse
    plane waves (the first ones: both are sorted by |G|), orthonormalised.  No seeds of its
    own; every point is checked by its residuals as usual."""
    nc = coarse.size
    if (red.b is None or coarse.lattice != red.basis.lattice or nc > red.basis.size
            or not np.array_equal(red.basis.m[:nc], coarse.m)):  # fmt: skip
        return None
    if red.size > REDUCED_FRACTION * nc:  # it could not be smaller than the rule allows
        return _Reduced(coarse, red.top, None, None, None, None, 0)
    q = _orthonormal([red.b[:nc]], method.reduce_tol)
    return _project(coarse, q, red.top, options, 0)


def _project(basis: _Basis, q: np.ndarray, top: float, options: dict, nseeds: int,
             seed_k=None, seed_pairs=None) -> _Reduced:  # fmt: skip
    """The projected matrices of the orthonormal basis ``q`` (unused beyond REDUCED_FRACTION)."""
    lattice = basis.lattice
    if q.shape[1] > REDUCED_FRACTION * basis.size:  # no gain: only the seeds are used
        return _Reduced(basis, top, None, None, None, None, nseeds, seed_k, seed_pairs)
    g2 = np.einsum("ij,ij->i", basis.g, basis.g)
    aq = basis.apply_u(q) + (H2M * g2)[:, None] * q
    h0 = q.T @ aq
    ga = np.stack([q.T @ (basis.g[:, ax : ax + 1] * q) for ax in range(lattice.dim)])
    pa = np.empty((1 + lattice.dim, *q.shape), dtype=np.float32)
    pa[0] = aq - q @ h0
    for ax in range(lattice.dim):
        pa[1 + ax] = basis.g[:, ax : ax + 1] * q - q @ ga[ax]
    dtype = np.float32 if options.get("single") else float
    h0 = (0.5 * (h0 + h0.T)).astype(dtype)
    ga = (0.5 * (ga + ga.transpose(0, 2, 1))).astype(dtype)
    return _Reduced(basis, top, q.astype(dtype), h0, ga, pa, nseeds, seed_k, seed_pairs)


def _from_seeds(red: _Reduced, ks: np.ndarray, top: float, options: dict) -> dict:
    """{index in ks: (energies, |∇ε|², ∇ε, nan)} for the k that are seed points: they were
    diagonalised in the full basis already."""
    done = {}
    if red.seed_k is None:
        return done
    for i, k in enumerate(ks):
        hit = np.flatnonzero(np.linalg.norm(red.seed_k - k[None, :], axis=1) < 1e-9)
        if hit.size:
            e, c = red.seed_pairs[hit[0]]
            keep = e < top
            kg = red.basis.g + k[None, :]
            c = c[:, keep]
            applied = [kg[:, ax : ax + 1] * c for ax in range(k.size)]
            done[i] = (e[keep], *_velocities(e[keep], c, applied, options["single"],
                                             options["degenerate"]), np.nan)  # fmt: skip
    return done


def _reduced_h(red: _Reduced, k: np.ndarray) -> np.ndarray:
    """h(k) in the reduced basis (a new array)."""
    h = red.h0 + sum(2.0 * H2M * float(k[ax]) * red.ga[ax] for ax in range(k.size))
    h[np.diag_indices_from(h)] += H2M * float(k @ k)
    return h


def _solve_k_reduced(red: _Reduced, k: np.ndarray, *, top: float, residual_tol: float,
                     check: float | None = None, single: bool = False,
                     degenerate: float | None = None):  # fmt: skip
    """:func:`_solve_k` in the reduced basis, with the largest Ritz residual ‖(H − ε)ψ‖ of the
    bands below ``check`` (MeV, a bound on each energy's error; default: all bands); beyond
    ``residual_tol`` the point is diagonalised in the full basis instead (residual nan)."""
    e, c = _eigh(_reduced_h(red, k), top, None, True)
    p = red.pa[0] + sum(np.float32(2.0 * H2M * k[ax]) * red.pa[1 + ax] for ax in range(k.size))
    res = np.linalg.norm(p @ c.astype(np.float32), axis=0)
    # Bauer–Fike: an exact eigenvalue lies within res of each Ritz value, so every band that
    # may lie below ``check`` is tested
    res = float(np.max(res[e - res <= check], initial=0.0) if check is not None
                else np.max(res, initial=0.0))  # fmt: skip
    if res > residual_tol:  # beyond MAX_DENSE the iterative solver starts from the Ritz vectors
        x0 = None
        if not red.basis.dense and red.b is not None:  # and a fifth more above ``top``
            more = min(red.size, c.shape[1] + max(16, c.shape[1] // 5))
            _, c = _eigh(_reduced_h(red, k), None, more, True)
            x0 = (red.b @ c.astype(red.b.dtype)).astype(float)
        return (*_solve_k(red.basis, k, top=top, single=single, degenerate=degenerate, x0=x0),
                np.nan)  # fmt: skip
    applied = [k[ax] * c + red.ga[ax] @ c for ax in range(k.size)]
    speed2, vel = _velocities(e, c, applied, single, degenerate)
    return e, speed2, vel, res


# --------------------------------------------------------------------------- parallel k
#: a worker process's bases and reduced arrays, memory-mapped, by folder
_WORKER: dict = {}


def _worker_state(folder: str, reduced: tuple | None, options: dict) -> dict:
    level = os.environ.get("JOSEPHSON_CRUST_LOG")  # the parent's level of this module's log
    if level is not None and not _LOG.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter(f"worker {os.getpid()}: %(message)s"))
        _LOG.addHandler(handler)
        _LOG.setLevel(int(level))
    basis = _WORKER.get(folder)
    if basis is None:
        with open(os.path.join(folder, "basis.pkl"), "rb") as f:
            lattice, cutoff, v0, shape = pickle.load(f)
        arr = {n: np.load(os.path.join(folder, f"{n}.npy"), mmap_mode="r")
               for n in ("m", "g", "v", "index", "vr")
               if os.path.exists(os.path.join(folder, f"{n}.npy"))}  # fmt: skip
        grid = None if shape is None else _Grid(shape, np.array(arr["index"]), np.array(arr["vr"]))
        basis = _WORKER[folder] = _Basis(lattice, cutoff, np.array(arr["m"]),
                                         np.array(arr["g"]), arr.get("v"), v0, grid)  # fmt: skip
    red = None
    if reduced is not None:
        where, args = reduced
        red = _WORKER.get(where)
        if red is None:
            red = _WORKER[where] = _Reduced.load(basis, where, **args)
    return {"basis": basis, "reduced": red, "options": options}


def _point(state: dict, k: np.ndarray, top: float):
    """(energies, |∇ε|², ∇ε, largest Ritz residual or nan) below ``top`` at k."""
    options = dict(state["options"])
    residual_tol = options.pop("residual_tol", None)
    check = options.pop("check", None)
    if state.get("reduced") is not None:
        return _solve_k_reduced(state["reduced"], k, top=top, residual_tol=residual_tol,
                                check=check, **options)  # fmt: skip
    return (*_solve_k(state["basis"], k, top=top, **options), np.nan)


def _seed(state: dict, k: np.ndarray, top: float):
    """Energies and eigenvectors (columns) below ``top`` at k, full basis."""
    return _eigenpairs(state["basis"], k, top, None, True, state["options"].get("single", False))


_CALLS = {"point": _point, "seed": _seed}


def _worker_call(args):
    name, folder, reduced, options, item = args
    return _CALLS[name](_worker_state(folder, reduced, options), *item)


#: BLAS/OpenMP thread counts of the worker processes: the cores shared among them (threaded
#: BLAS with all cores in every worker oversubscribes them: 2 workers on 2 cores were 2.4x
#: slower); variables the user has set are left alone
_THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def _worker_threads(workers: int):
    """Spawned children read the thread variables when they start: meanwhile each is
    cores // workers, or the caller's value if that is smaller (the environment is restored
    on exit).  A larger value is cut: ``OPENBLAS_NUM_THREADS=2`` with two workers on two cores
    ran four spinning BLAS threads, and a dense layer took over three times as long."""
    share = max(1, (os.cpu_count() or 1) // workers)
    env = {}
    for k in _THREAD_VARIABLES:
        try:
            env[k] = str(min(share, max(1, int(os.environ[k]))))
        except (KeyError, ValueError):  # unset or not a number
            env[k] = str(share)
    if _LOG.isEnabledFor(logging.DEBUG):  # progress of the workers' iterative solver
        env["JOSEPHSON_CRUST_LOG"] = str(_LOG.getEffectiveLevel())
    return mock.patch.dict(os.environ, env)


class _Pool:
    """The worker processes of one band calculation, spawned once (on first use) for its
    seeds, mesh and error-estimate runs.  Each basis, and each reduced basis, reaches them
    once, as files in a temporary folder that every worker memory-maps (shared, not copied,
    and not rebuilt: the potential itself never travels); the files go with their object."""

    def __init__(self, workers: int):
        self.workers = workers
        self._ex = None
        self._dir = tempfile.TemporaryDirectory(prefix="josephson-crust-")
        self._folders: dict = {}  # id(object) -> folder, while the object lives

    def close(self):
        if self._ex is not None:
            self._ex.shutdown(wait=True, cancel_futures=True)
        self._dir.cleanup()

    def _folder(self, obj, write) -> str:
        key = id(obj)
        if key not in self._folders:
            folder = tempfile.mkdtemp(dir=self._dir.name)
            write(folder)
            self._folders[key] = folder
            # a dead object's id may be reused: its entry and files go with it (workers that
            # mapped them keep their pages until the pool closes)
            weakref.finalize(obj, self._drop, key)
        return self._folders[key]

    def _drop(self, key):
        folder = self._folders.pop(key, None)
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)

    @staticmethod
    def _write_basis(basis: _Basis, folder: str):
        arrays = {"m": basis.m, "g": basis.g}
        if basis.dense:
            arrays["v"] = basis.v
        else:
            arrays.update(index=basis.grid.index, vr=basis.grid.vr)
        for name, a in arrays.items():
            np.save(os.path.join(folder, f"{name}.npy"), a)
        with open(os.path.join(folder, "basis.pkl"), "wb") as f:
            pickle.dump((basis.lattice, basis.cutoff, basis.v0,
                         None if basis.dense else basis.grid.shape), f)  # fmt: skip

    def map(self, name: str, basis: _Basis, items, options: dict, reduced=None) -> list:
        folder = self._folder(basis, lambda f: self._write_basis(basis, f))
        red = None
        if reduced is not None:
            red = (self._folder(reduced, reduced.save), reduced.load_args())
        if self._ex is None:
            self._ex = ProcessPoolExecutor(max_workers=self.workers,
                                           mp_context=multiprocessing.get_context("spawn"))
        with _worker_threads(self.workers):  # the processes start at the first submissions
            futures = [self._ex.submit(_worker_call, (name, folder, red, options, item))
                       for item in items]  # fmt: skip
        try:
            return [f.result() for f in futures]
        except BaseException:  # an error in a worker, or Ctrl-C: drop the queued points
            for f in futures:
                f.cancel()
            raise


#: the pool of the band calculation under way in this thread (see :func:`_pool`)
_POOL = threading.local()


@contextlib.contextmanager
def _pool(workers: int):
    """One :class:`_Pool` for everything :func:`_map` runs meanwhile in this thread (nested:
    the outer one)."""
    if workers <= 1 or getattr(_POOL, "pool", None) is not None:
        yield
        return
    _POOL.pool = _Pool(workers)
    try:
        yield
    finally:
        pool, _POOL.pool = _POOL.pool, None
        pool.close()


def _map(name: str, basis: _Basis, items, workers: int, options: dict,
         reduced: _Reduced | None = None) -> list:  # fmt: skip
    """``_CALLS[name]`` at every (k, top, …) of ``items``, in ``workers`` processes (those of the
    pool under way, or a pool of their own)."""
    if workers > 1 and len(items) > 1:
        with _pool(workers):
            return _POOL.pool.map(name, basis, items, options, reduced)
    state = {"basis": basis, "options": options, "reduced": reduced}
    return [_CALLS[name](state, *item) for item in items]


# =========================================================================== k meshes
@dataclass
class _Mesh:
    """A Monkhorst–Pack mesh and its irreducible points.  Point j is mapped onto its
    representative by the Cartesian operation ``ops[op[j]]``: k_rep ≡ R k_j (mod G)."""

    n: int
    shift: np.ndarray
    kfrac: np.ndarray  # (n^d, d) fractional coordinates
    rep: np.ndarray  # full index -> irreducible index
    irr: np.ndarray  # full index of each irreducible point
    weight: np.ndarray  # points per irreducible point
    ops: np.ndarray  # (nops, d, d) Cartesian operations that map the mesh onto itself
    op: np.ndarray  # full index -> operation taking it to its representative


def _fold(lattice: Lattice, kfrac: np.ndarray) -> np.ndarray:
    """Cartesian k of fractional coordinates, folded into the first Brillouin zone (the
    Wigner–Seitz cell of the reciprocal lattice), where the plane-wave sphere is centred."""
    # reduce in the standard reciprocal basis first (a skewed ``cell`` would need far shifts)
    b = Lattice(lattice.kind, lattice.spacing).reciprocal
    cand = np.array(list(itertools.product(range(-2, 3), repeat=lattice.dim)), dtype=float)
    f = kfrac if lattice.cell is None else (kfrac @ lattice.reciprocal) @ np.linalg.inv(b)
    k = (f - np.floor(f)) @ b
    shifts = cand @ b
    d2 = np.sum((k[:, None, :] - shifts[None, :, :]) ** 2, axis=2)
    return k - shifts[np.argmin(d2, axis=1)]


def _zone_radius(lattice: Lattice) -> float:
    """Largest |k| in the first Brillouin zone (circumradius of the Wigner–Seitz cell)."""
    if lattice.dim == 1:
        return math.pi / lattice.spacing
    f = np.array(list(itertools.product(np.linspace(0.0, 1.0, 13), repeat=3)))
    return float(np.max(np.linalg.norm(_fold(lattice, f), axis=1)))


def _mesh(lattice: Lattice, n: int, shift: np.ndarray) -> _Mesh:
    d = lattice.dim
    b = lattice.reciprocal
    m = np.indices((n,) * d).reshape(d, -1).T
    full = np.ravel_multi_index(tuple(m.T), (n,) * d)
    binv = np.linalg.inv(b)
    rep, op = full.copy(), np.zeros(full.size, dtype=int)
    ops = []
    for r in lattice.point_group():
        mf = b @ r.T @ binv  # f → f·M is k → Rk in fractional coordinates
        mi = np.rint(mf)
        if np.max(np.abs(mf - mi)) > 1e-8:
            continue
        t = shift @ mi - shift
        if np.max(np.abs(t - np.rint(t))) > 1e-8:
            continue  # this operation does not map the shifted mesh onto itself
        ops.append(r)
        mp = (m @ mi.astype(int) + np.rint(t).astype(int)) % n
        image = np.ravel_multi_index(tuple(mp.T), (n,) * d)
        better = image < rep
        rep = np.where(better, image, rep)
        op = np.where(better, len(ops) - 1, op)
    irr, pos, weight = np.unique(rep, return_inverse=True, return_counts=True)
    return _Mesh(n, shift, (m + shift) / n, pos, irr, weight, np.array(ops), op)


def _tetrahedra(lattice: Lattice, n: int, step: int = 1, offset=0) -> np.ndarray:
    """Vertices (full indices of the n-mesh) of the tetrahedra of the sub-mesh n/step (moved by
    ``offset`` points of the n-mesh along every axis): each sub-cell cut into 6 along its
    shortest main diagonal."""
    d = lattice.dim
    nc = n // step
    m = np.indices((nc,) * d).reshape(d, -1).T
    if d == 1:
        return (np.stack([(m[:, 0] % nc) * step, ((m[:, 0] + 1) % nc) * step], axis=1)
                + offset) % n
    b = lattice.reciprocal
    flips = [np.array(f) for f in ((0, 0, 0), (1, 0, 0), (0, 1, 0), (0, 0, 1))]
    flip = flips[int(np.argmin([np.linalg.norm((1 - 2 * f) @ b) for f in flips]))]
    tets = []
    for perm in itertools.permutations(range(3)):
        path = [np.zeros(3, int)]
        for p in perm:
            nxt = path[-1].copy()
            nxt[p] = 1
            path.append(nxt)
        verts = [np.ravel_multi_index(tuple((((m + (o ^ flip)) % nc * step + offset) % n).T),
                                      (n,) * 3) for o in path]  # fmt: skip
        tets.append(np.stack(verts, axis=1))
    return np.concatenate(tets, axis=0)


# =========================================================================== tetrahedra
def _tet_occupation(e: np.ndarray, mu) -> np.ndarray:
    """Occupied fraction of linear tetrahedra (rows of sorted energies e) below μ."""
    e1, e2, e3, e4 = e.T
    mu = np.broadcast_to(mu, e1.shape)
    x = np.where(mu >= e4, 1.0, 0.0)
    c1 = (mu > e1) & (mu <= e2)
    c2 = (mu > e2) & (mu <= e3)
    c3 = (mu > e3) & (mu < e4)
    if np.any(c1):
        d = mu[c1] - e1[c1]
        x[c1] = d**3 / ((e2[c1] - e1[c1]) * (e3[c1] - e1[c1]) * (e4[c1] - e1[c1]))
    if np.any(c2):
        a1, a2, a3, a4, m = e1[c2], e2[c2], e3[c2], e4[c2], mu[c2]
        e21, e31, e41, e32, e42 = a2 - a1, a3 - a1, a4 - a1, a3 - a2, a4 - a2
        d = m - a2
        x[c2] = (e21**2 + 3.0 * e21 * d + 3.0 * d**2
                 - (e31 + e42) / (e32 * e42) * d**3) / (e31 * e41)  # fmt: skip
    if np.any(c3):
        d = e4[c3] - mu[c3]
        x[c3] = 1.0 - d**3 / ((e4[c3] - e1[c3]) * (e4[c3] - e2[c3]) * (e4[c3] - e3[c3]))
    return x


def _tet_delta(e: np.ndarray, f: np.ndarray, mu) -> tuple[np.ndarray, np.ndarray]:
    """(∫δ(ε−μ) d³k, ∫δ(ε−μ) f d³k) per tetrahedron, in units of its volume, for ε and f linear
    (rows sorted by energy): the μ-derivatives of Blöchl's linear weights."""
    e1, e2, e3, e4 = e.T
    mu = np.broadcast_to(mu, e1.shape)
    dos = np.zeros(e1.shape)
    fs = np.zeros(e1.shape)
    c1 = (mu > e1) & (mu <= e2) & (e2 > e1)
    c2 = (mu > e2) & (mu <= e3) & (e3 > e2)
    c3 = (mu > e3) & (mu < e4)
    if np.any(c1):
        a1, a2, a3, a4, m, ff = e1[c1], e2[c1], e3[c1], e4[c1], mu[c1], f[c1]
        e21, e31, e41 = a2 - a1, a3 - a1, a4 - a1
        d = m - a1
        c = d**3 / (4.0 * e21 * e31 * e41)
        cp = 3.0 * d**2 / (4.0 * e21 * e31 * e41)
        s = 1.0 / e21 + 1.0 / e31 + 1.0 / e41
        g = cp * d + c
        w = np.stack([4.0 * cp - g * s, g / e21, g / e31, g / e41], axis=1)
        dos[c1] = w.sum(axis=1)
        fs[c1] = np.einsum("ij,ij->i", w, ff)
    if np.any(c2):
        a1, a2, a3, a4, m, ff = e1[c2], e2[c2], e3[c2], e4[c2], mu[c2], f[c2]
        e31, e41, e32, e42 = a3 - a1, a4 - a1, a3 - a2, a4 - a2
        d1, d2, d3, d4 = m - a1, m - a2, a3 - m, a4 - m
        q1 = 4.0 * e41 * e31
        q2 = 4.0 * e41 * e32 * e31
        q3 = 4.0 * e42 * e32 * e41
        C1, C1p = d1**2 / q1, 2.0 * d1 / q1
        C2, C2p = d1 * d2 * d3 / q2, (d2 * d3 + d1 * d3 - d1 * d2) / q2
        C3, C3p = d2**2 * d4 / q3, (2.0 * d2 * d4 - d2**2) / q3
        s12, s12p = C1 + C2, C1p + C2p
        s123, s123p = s12 + C3, s12p + C3p
        s23, s23p = C2 + C3, C2p + C3p
        w1 = C1p + s12p * d3 / e31 - s12 / e31 + s123p * d4 / e41 - s123 / e41
        w2 = s123p + s23p * d3 / e32 - s23 / e32 + C3p * d4 / e42 - C3 / e42
        w3 = s12p * d1 / e31 + s12 / e31 + s23p * d2 / e32 + s23 / e32
        w4 = s123p * d1 / e41 + s123 / e41 + C3p * d2 / e42 + C3 / e42
        w = np.stack([w1, w2, w3, w4], axis=1)
        dos[c2] = w.sum(axis=1)
        fs[c2] = np.einsum("ij,ij->i", w, ff)
    if np.any(c3):
        a1, a2, a3, a4, m, ff = e1[c3], e2[c3], e3[c3], e4[c3], mu[c3], f[c3]
        e41, e42, e43 = a4 - a1, a4 - a2, a4 - a3
        d = a4 - m
        c = d**3 / (4.0 * e41 * e42 * e43)
        cp = -3.0 * d**2 / (4.0 * e41 * e42 * e43)  # dC/dμ
        s = 1.0 / e41 + 1.0 / e42 + 1.0 / e43
        g = cp * d - c
        w = np.stack([-g / e41, -g / e42, -g / e43, -4.0 * cp + g * s], axis=1)
        dos[c3] = w.sum(axis=1)
        fs[c3] = np.einsum("ij,ij->i", w, ff)
    return dos, fs


def _box_spline(t: np.ndarray, w: np.ndarray):
    """Distribution of t = v·x for x uniform in the parallelepiped Σ u_i c_i, u_i ∈ [−½, ½]
    (w_i = |v·c_i|): (P(t) = fraction with v·x < t, p(t) = dP/dt), the convolution of three
    boxes: P = Σ_s (−1)^|s| (t − c_s)₊³/(6Πw), c_s = Σ_i (s_i − ½)w_i, s ∈ {0, 1}³."""
    tot = w.sum(axis=1)
    w = np.maximum(w, np.maximum(1e-7 * tot, 1e-12)[:, None])
    a = -0.5 * w.sum(axis=1)
    prod = np.prod(w, axis=1)
    big = np.zeros(t.shape)
    small = np.zeros(t.shape)
    for s in itertools.product((0, 1), repeat=w.shape[1]):
        sign = -1.0 if sum(s) % 2 else 1.0
        x = np.maximum(t - a - w @ np.array(s, float), 0.0)
        big += sign * x**3
        small += sign * x**2
    return np.clip(big / (6.0 * prod), 0.0, 1.0), np.maximum(small / (2.0 * prod), 0.0)


@dataclass
class _Integrator:
    """Brillouin-zone averages summed over bands, as functions of an energy ε:
    ``count`` Σ_α⟨θ(ε − ε_α)⟩ (bands per k below ε) and ``delta`` (Σ_α⟨δ(ε_α − ε)⟩ in MeV⁻¹,
    Σ_α⟨δ(ε_α − ε)|∇ε_α|²⟩ in MeV fm²); the average is over the whole zone.

    Each element (a tetrahedron of one band, or a mesh cell of one band) spans the energies
    [lo, hi]; elements are sorted by ``lo`` so that those straddling ε are found by bisection,
    and those entirely below ε are counted from a cumulative sum.
    """

    kind: str  # "tetrahedron" or "gilat-raubenheimer"
    lo: np.ndarray
    hi: np.ndarray
    data: tuple  # per element: (e (P, 4), f (P, 4)) or (eps (P,), widths (P, 3), f (P,))
    w: np.ndarray  # (P,) weight: share of the zone
    hi_sorted: np.ndarray
    w_cum: np.ndarray
    span: float  # largest hi − lo
    bottom: float
    top: float  # every band is complete below this energy

    @classmethod
    def make(cls, kind, lo, hi, data, w, bottom, top):
        keep = lo < top
        lo, hi, w = lo[keep], hi[keep], w[keep]
        data = tuple(x[keep] for x in data)
        order = np.argsort(lo)
        lo, hi, w = lo[order], hi[order], w[order]
        data = tuple(x[order] for x in data)
        o = np.argsort(hi)
        span = float(np.max(hi - lo)) if lo.size else 0.0
        return cls(kind, lo, hi, data, w, hi[o], np.concatenate([[0.0], np.cumsum(w[o])]),
                   span, bottom, top)  # fmt: skip

    def _straddle(self, eps: float) -> np.ndarray:
        i0 = np.searchsorted(self.lo, eps - self.span, side="left")
        i1 = np.searchsorted(self.lo, eps, side="left")
        idx = np.arange(i0, i1)
        return idx[self.hi[idx] > eps]

    def _full(self, eps: float) -> float:
        return float(self.w_cum[np.searchsorted(self.hi_sorted, eps, side="right")])

    def count(self, eps: float) -> float:
        idx = self._straddle(eps)
        full = self._full(eps)
        if idx.size == 0:
            return full
        if self.kind == "tetrahedron":
            occ = _tet_occupation(self.data[0][idx], eps)
        else:
            occ, _ = _box_spline(eps - self.data[0][idx], self.data[1][idx])
        return full + float(occ @ self.w[idx])

    def delta(self, eps: float) -> tuple[float, float]:
        idx = self._straddle(eps)
        if idx.size == 0:
            return 0.0, 0.0
        if self.kind == "tetrahedron":
            dos, fs = _tet_delta(self.data[0][idx], self.data[1][idx], eps)
        else:
            _, dos = _box_spline(eps - self.data[0][idx], self.data[1][idx])
            fs = dos * self.data[2][idx]
        return float(dos @ self.w[idx]), float(fs @ self.w[idx])


def _tetrahedron_integrator(lattice, bands, step: int, offset=0) -> _Integrator:
    mesh = bands.mesh
    tets = _tetrahedra(lattice, mesh.n, step, offset)
    s = np.sort(mesh.rep[tets], axis=1)  # tetrahedra equal up to symmetry: counted once
    irr_tets, mult = np.unique(s, axis=0, return_counts=True)
    et = np.moveaxis(bands.energies[irr_tets], 2, 1)  # (T, nb, 4)
    ft = np.moveaxis(bands.speed2[irr_tets], 2, 1)
    order = np.argsort(et, axis=2)
    e = np.take_along_axis(et, order, axis=2).reshape(-1, 4)
    f = np.take_along_axis(ft, order, axis=2).reshape(-1, 4)
    w = np.repeat(mult / tets.shape[0], et.shape[1])
    return _Integrator.make("tetrahedron", e[:, 0], e[:, 3], (e, f), w,
                            float(np.min(bands.energies)), bands.top)  # fmt: skip


def _gr_integrator(lattice, bands, step: int, offset=0) -> _Integrator:
    """Gilat–Raubenheimer: each band linear (value and Hellmann–Feynman gradient at the mesh
    point) across the mesh cell around the point, the cell cut exactly (box spline)."""
    mesh = bands.mesh
    d = lattice.dim
    nc = mesh.n // step
    mc = (np.indices((nc,) * d).reshape(d, -1).T * step + offset) % mesh.n
    pts = np.ravel_multi_index(tuple(mc.T), (mesh.n,) * d)
    r = mesh.rep[pts]
    eps = bands.energies[r]  # (p, nb)
    rot = mesh.ops[mesh.op[pts]]  # v(k_j) = Rᵀ v(k_rep): as rows v_rep @ R
    vel = np.einsum("pbi,pij->pbj", bands.velocity[r], rot)
    cells = lattice.reciprocal / nc  # the cell spanned by b_i/n_c around each point
    widths = np.abs(vel @ cells.T)  # (p, nb, d)
    half = 0.5 * widths.sum(axis=2)
    f = bands.speed2[r]
    w = np.full(eps.size, 1.0 / pts.size)
    return _Integrator.make(
        "gilat-raubenheimer", (eps - half).ravel(), (eps + half).ravel(),
        (eps.ravel(), widths.reshape(-1, d), f.ravel()), w,
        float(np.min(bands.energies)), bands.top)  # fmt: skip


def _integrator(lattice, bands, step: int = 1, kind: str = "gilat-raubenheimer",
                offset=0) -> _Integrator:  # fmt: skip
    """The integrator of the sub-mesh n/step, moved by ``offset`` points of the n-mesh (a
    number, or one per axis)."""
    if kind == "tetrahedron":
        return _tetrahedron_integrator(lattice, bands, step, offset)
    return _gr_integrator(lattice, bands, step, offset)


# =========================================================================== BCS smoothing
def _theta_rule(gap: float, x: float, nodes: int):
    """Nodes ξ_j and weights of ∫_{−∞}^{X} K(ξ) g(ξ) dξ, K = Δ²/2E³, as Gauss–Legendre in
    θ = atan(ξ/Δ) on (−π/2, atan(X/Δ)] (K dξ = ½ cos θ dθ), 4 nodes per panel."""
    top = math.atan(x / gap)
    t, w = _gl_panels(-0.5 * math.pi, top, (top + 0.5 * math.pi) / (nodes // 4), order=4)
    return gap * np.tan(t), 0.5 * np.cos(t) * w


def _tail(gap: float, x: float, p: float, length: float) -> tuple[float, float]:
    """(∫_X^∞ K dξ, ∫_X^∞ K (1 + (ξ − X)/L)^p dξ) for K = Δ²/2E³: the weights of the BCS tails
    beyond the computed bands, which are continued as a free gas, N(ε) − N_X ∝ (ε − ε₀)^p − ...,
    W ∝ (ε − ε₀)^p with p = D/2 and L = μ + X − ε₀ (ε₀ the mean potential Ũ(0)).  Substituting
    ξ = X/r² makes the integrand smooth on r ∈ (0, 1]: 48-point Gauss–Legendre."""
    ex = math.hypot(x, gap)
    w0 = 0.5 * gap * gap / (ex * (ex + x))  # ½(1 − X/E_X) without cancellation
    r, w = np.polynomial.legendre.leggauss(48)
    r, w = 0.5 * (r + 1.0), 0.5 * w
    jac = gap * gap * x * r**3 / (x * x + gap * gap * r**4) ** 1.5  # K(ξ) dξ/dr
    xi = x / r**2
    return w0, float(np.sum(w * jac * (1.0 + (xi - x) / length) ** p))


def _tail_sums(gap, x, p, length, n_x, d_x, w_x):
    """BCS tails of the count, its μ-derivative and W beyond X (see :func:`_tail`)."""
    w0, tp = _tail(gap, x, p, length)
    n_t = n_x * w0 + d_x * length / p * (tp - w0)
    return n_t, d_x * w0, w_x * tp


# =========================================================================== solution (3D)
@dataclass
class _Bands:
    """Bands of one cutoff on the irreducible points of a mesh (full mesh through rep/op)."""

    mesh: _Mesh
    energies: np.ndarray  # (nirr, nb)
    speed2: np.ndarray  # (nirr, nb)
    velocity: np.ndarray  # (nirr, nb, d)
    top: float  # all bands complete below this energy
    plane_waves: int
    cutoff: float
    reduced: dict  # reduced-basis size, largest Ritz residual, points done directly ({}: none)


def _auto_cutoff(lattice: Lattice, potential, n: float, method: PlaneWave) -> float:
    if method.cutoff is not None:
        return float(method.cutoff)
    ef = _free_fermi_energy(lattice.dim, n)
    # the plane waves of a free Fermi sea seen from any k of the zone, and the local
    # kinetic energy inside the wells
    free = _free_cutoff(lattice, n, method.window)
    return method.cutoff_factor * max(free, ef + potential.scale)


def _estimate_top(basis: _Basis, lattice: Lattice, n: float, window: float,
                  probe: _Basis | None = None) -> float:  # fmt: skip
    """An energy up to which bands must be computed: μ at Γ by counting, plus the spread of the
    band count over the zone (≈ (ħ²/m) k_F |b|) and the window.  The count may use a smaller
    basis ``probe`` (a coarser cutoff): its energies are upper bounds (variational), so the
    estimate only moves up, and it costs a fraction of the full diagonalisation."""
    need = 0.5 * n * lattice.volume
    count = math.ceil(need * 1.2) + 8
    if count > basis.size:
        raise ParameterError("cutoff", basis.cutoff, "a cutoff whose basis holds the occupied "
                             f"bands ({basis.size} plane waves for ≈{need:.0f} bands)")  # fmt: skip
    if probe is None or probe.size < count:
        probe = basis
    gamma = np.zeros(lattice.dim)
    if probe.dense:
        e, _, _ = _solve_k(probe, gamma, count=count, vectors=False)
    else:  # an estimate: 50 keV will do
        e, _ = _iterative(probe, gamma, count=count, tol=0.05)
    mu0 = float(np.interp(need, np.arange(1, e.size + 1), e))
    return mu0 + _spread(lattice, n) + window


def _solve_points(lattice, potential, basis: _Basis, mesh: _Mesh, which: np.ndarray, top: float,
                  method: PlaneWave, n: float) -> _Bands:  # fmt: skip
    """Diagonalise the irreducible points ``which`` (others left empty: +inf energies), in the
    reduced basis when ``method.solver`` is "reduced" and there are more than 4 points (the
    seeds hold the bands up to ``top`` + a quarter of the spread of a band)."""
    ks = _fold(lattice, mesh.kfrac[mesh.irr[which]])
    options = {"single": method.precision == "single", "degenerate": method.degenerate,
               "residual_tol": method.residual_tol}  # fmt: skip
    red = None
    if method.solver == "reduced" and len(ks) > 4:
        seed_top = top + 0.25 * _spread(lattice, n)
        red = basis.reduced
        if red is None or red.top < seed_top:
            red = basis.reduced = _reduced(basis, potential, seed_top, method, options, mesh)
    done = {} if red is None else _from_seeds(red, ks, top, options)
    rest = [i for i in range(len(ks)) if i not in done]
    use = red if red is not None and red.b is not None else None
    if use is not None:
        # residuals are tested on the bands up to half a spread below the top (the Ritz
        # values above are upper bounds the seeds do not resolve); the bands count as
        # complete up to there
        options["check"] = top - 0.5 * _spread(lattice, n)
    out = _map("point", basis, [(ks[i], top) for i in rest], method.workers, options, use)
    done.update(zip(rest, out, strict=True))
    out = [done[i] for i in range(len(ks))]
    bands = method.bands
    nb = min(o[0].size for o in out)
    if bands is not None:
        if bands > nb:
            raise ParameterError("bands", bands, f"at most {nb} (the bands below {top:.4g} MeV "
                                 "at every k)")  # fmt: skip
        nb = bands
    nirr = len(mesh.irr)
    energies = np.full((nirr, nb), np.inf)
    speed2 = np.zeros((nirr, nb))
    velocity = np.zeros((nirr, nb, lattice.dim))
    for i, (e, s2, v, _) in zip(which, out, strict=True):
        energies[i], speed2[i], velocity[i] = e[:nb], s2[:nb], v[:nb]
    # bands are complete below the lowest energy of the first band not kept
    complete = min([options.get("check", top), *[o[0][nb] for o in out if o[0].size > nb]])
    res = np.array([o[3] for o in out])
    reduced = {} if red is None or red.b is None else {
        "reduced": red.size, "residual": float(np.nanmax(res, initial=0.0)),
        "direct_points": int(np.count_nonzero(np.isnan(res)))}  # fmt: skip
    return _Bands(mesh, energies, speed2, velocity, complete, basis.size, basis.cutoff, reduced)


def _fermi_from_count(integ: _Integrator, target: float) -> float:
    """μ with Σ_α⟨θ(μ − ε_α)⟩ = target (bands per k)."""
    lo, hi = integ.bottom - integ.span - 1e-9, integ.top
    if integ.count(hi) < target:
        raise ConvergenceError("fermi_level", f"bands up to {hi:.4g} MeV",
                               "too few bands for the density")  # fmt: skip
    return float(sopt.brentq(lambda m: integ.count(m) - target, lo, hi, xtol=1e-12, rtol=1e-14))


def _weak(integ: _Integrator, mu: float, lattice: Lattice) -> float:
    """Weak-pairing n_s (fm⁻³) at Fermi level μ: (m/ħ²)(2/Ω)(1/D)⟨Σ_α δ(ε_α − μ)|∇ε_α|²⟩."""
    _, fs = integ.delta(mu)
    return fs / (2.0 * H2M) * 2.0 / lattice.volume / lattice.dim


def _bcs(integ: _Integrator, target: float, mu0: float, gap: float, x: float,
         lattice: Lattice, nodes: int, floor: float) -> tuple[float, float]:  # fmt: skip
    """(μ, n_s) with a constant gap: μ from the BCS number equation, n_s smoothed (tails beyond
    X continued as a free gas above the mean potential ``floor``)."""
    xi, wq = _theta_rule(gap, x, nodes)

    def tails(mu):
        d_x, w_x = integ.delta(mu + x)
        length = max(mu + x - floor, x)
        return _tail_sums(gap, x, 1.5, length, integ.count(mu + x), d_x, w_x)

    def count(mu):
        return wq @ np.array([integ.count(mu + s) for s in xi]) + tails(mu)[0]

    def weak(mu):
        return wq @ np.array([integ.delta(mu + s)[1] for s in xi]) + tails(mu)[2]

    # The smoothed count is non-decreasing in μ (every node's count is); mesh cells of a flat
    # band (v ≈ 0) make it jump by ~1e-6 as a node crosses them, which defeats Newton: bracket
    # and bisect (Brent) instead.
    step = max(gap, 1e-3)
    lo = hi = mu0
    while count(lo) > target:
        lo -= step
        step *= 2.0
    step = max(gap, 1e-3)
    while count(hi) < target:
        hi += step
        step *= 2.0
    mu = mu0 if lo == hi else float(sopt.brentq(lambda m: count(m) - target, lo, hi,
                                                xtol=1e-9, rtol=1e-12))  # fmt: skip
    return mu, weak(mu) / (2.0 * H2M) * 2.0 / lattice.volume / lattice.dim


def _check_resolved(n: float, lattice: Lattice, nk: int) -> None:
    """Refuse a density whose Fermi sea is not resolved above the band bottom by the mesh."""
    if 0.5 * n * lattice.volume * nk**3 < 1.0:  # occupied mesh cells of the lowest band
        raise ParameterError(
            "density", n, f"> {2.0 / (lattice.volume * nk**3):.3g} fm⁻³ for kmesh={nk} "
            "(below, the Fermi level lies at the band bottom within one mesh cell)",
        )  # fmt: skip


def _covered(lattice, potential, basis, mesh, which, top, x, n, method, step):
    """Bands on ``which`` up to an energy above μ + x (raised until it is), the integrator
    and the normal-state μ."""
    target = 0.5 * n * lattice.volume
    for _ in range(8):
        bands = _solve_points(lattice, potential, basis, mesh, which, top, method, n)
        integ = _integrator(lattice, bands, step, method.integration)
        if integ.count(bands.top) >= target:
            mu = _fermi_from_count(integ, target)
            if mu + x <= bands.top:
                return bands, integ, mu, top
        if method.bands is not None:
            raise ParameterError("bands", method.bands, "enough bands above μ + window")
        top += max(2.0 * x, 0.25 * (top - integ.bottom))
    raise ConvergenceError("band_window", f"top {top:.4g} MeV", "bands never covered μ")


def _free_cutoff(lattice: Lattice, n: float, window: float) -> float:
    """The least cutoff at which every plane wave of the free Fermi sea (up to ε_F⁰ + window)
    is in the basis at every k of the zone."""
    kt = math.sqrt((_free_fermi_energy(lattice.dim, n) + window) / H2M)
    return H2M * (kt + _zone_radius(lattice)) ** 2


_SHARED = threading.local()


@contextlib.contextmanager
def _shared_bases(workers: int):
    """Within this block, 3D calculations of the same lattice and potential objects at the same
    cutoffs and reduced-basis settings (precision, reduce_tol, degenerate) share their
    plane-wave bases, the reduced bases (seeds) built on them and the band-window estimate, and
    one pool of ``workers`` processes: a search over k-meshes diagonalises the seeds once.  The
    seeds are points of every mesh divisible by 4 and their span does not depend on the mesh,
    so each such mesh gives its fresh result — unless an earlier mesh had to raise the band
    window: its larger reduced basis then serves the later meshes (their energies stay within
    the residual tolerance).  Nested: the outer block."""
    if getattr(_SHARED, "cache", None) is not None:
        yield
        return
    _SHARED.cache = {}
    try:
        with _pool(workers):
            yield
    finally:
        _SHARED.cache = None


def _shared(key: tuple, keep: tuple, build):
    """``build()``, or within :func:`_shared_bases` the value built before for ``key`` (object
    ids: ``keep`` holds those objects, so that their ids stay theirs)."""
    cache = getattr(_SHARED, "cache", None)
    if cache is None:
        return build()
    if key not in cache:
        cache[key] = (keep, build())
    return cache[key][1]


def _solve3d(lattice, potential, n, gap, method, *, estimate=True):
    with _pool(method.workers):  # one set of worker processes for all the runs below
        return _solve3d_runs(lattice, potential, n, gap, method, estimate=estimate)


def _solve3d_runs(lattice, potential, n, gap, method, *, estimate=True):
    nk = _mesh_size(lattice, method)
    _check_resolved(n, lattice, nk)
    cutoff = _auto_cutoff(lattice, potential, n, method)
    ids = (id(lattice), id(potential), method.precision, method.reduce_tol, method.degenerate)
    keep = (lattice, potential)
    basis = _shared(("basis", *ids, cutoff), keep, lambda: _basis(lattice, potential, cutoff))
    floor = basis.v0  # Ũ(0), the bottom of the free-gas continuation
    x = max(method.window, 12.0 * gap)
    # the coarse cutoff of the error estimate keeps the free Fermi sea complete (below that,
    # nothing is estimated); its basis also sizes the band window
    coarse = max(cutoff * method.coarse_cutoff, min(cutoff, _free_cutoff(lattice, n, x)))
    basis_c = (_shared(("coarse", *ids, cutoff, coarse), keep,
                       lambda: _sub_basis(basis, potential, coarse))
               if estimate else None)  # fmt: skip
    top = _shared(("top", *ids, cutoff, coarse if estimate else None, n, x), keep,
                  lambda: _estimate_top(basis, lattice, n, x, probe=basis_c))  # fmt: skip
    mesh = _mesh(lattice, nk, _shift(lattice, method))
    every = np.arange(len(mesh.irr))
    bands, integ, mu, top = _covered(lattice, potential, basis, mesh, every, top, x, n, method, 1)
    target = 0.5 * n * lattice.volume

    def finish(integ, mu, bands):
        if gap > 0:
            return _bcs(integ, target, mu, gap, min(x, bands.top - mu), lattice,
                        method.theta_nodes, floor)  # fmt: skip
        return mu, _weak(integ, mu, lattice)

    mu_b, ns = finish(integ, mu, bands)
    out = {"mu": mu_b, "n_s": ns, "plane_waves": basis.size, "bands": bands.energies.shape[1],
           "kpoints": len(mesh.irr), "mesh": nk, "cutoff": cutoff,
           "reduced": bands.reduced.get("reduced"),
           "residual": bands.reduced.get("residual", math.nan),
           "direct_points": bands.reduced.get("direct_points", len(mesh.irr))}  # fmt: skip
    if not estimate:
        return out
    # (i) the eight interleaved sub-meshes n/2 (same diagonalisations), moved by 0 or 1 step
    # along each axis; (ii) the one through the origin at a lower cutoff
    subs = []
    for offset in itertools.product((0, 1), repeat=3):
        sub = _integrator(lattice, bands, 2, method.integration, np.array(offset))
        subs.append(finish(sub, _fermi_from_count(sub, target), bands))
    (mu_k, ns_k) = subs[0]
    half = np.indices((nk // 2,) * 3).reshape(3, -1).T * 2
    used = np.unique(mesh.rep[np.ravel_multi_index(tuple(half.T), (nk,) * 3)])
    if (basis_c.reduced is not None and basis.reduced is not None
            and basis_c.reduced.top >= basis.reduced.top):  # fmt: skip
        pass  # built for an earlier mesh (_shared_bases)
    elif basis.reduced is not None and basis.reduced.top >= top and basis_c.dense:
        basis_c.reduced = _restrict(basis.reduced, basis_c, method,
                                    {"single": method.precision == "single"})  # fmt: skip
    elif basis.reduced is not None and basis.reduced.top >= top and basis.reduced.b is not None:
        # beyond MAX_DENSE the restricted basis leaves many points to the iterative solver:
        # seeds of its own instead (from the probe: the fine seeds cut to the coarse plane
        # waves were the slower start, 12 iterations against 5)
        basis_c.reduced = _reduced(basis_c, potential, basis.reduced.top, method,
                                   {"single": method.precision == "single"}, mesh)  # fmt: skip
    bands_c, integ_c, mu_c, _ = _covered(lattice, potential, basis_c, mesh, used, top, x, n,
                                         method, 2)  # fmt: skip
    mu_c, ns_c = finish(integ_c, mu_c, bands_c)
    out["residual"] = float(np.fmax(out["residual"], bands_c.reduced.get("residual", math.nan)))
    out.update(n_s_kmesh=ns_k, mu_kmesh=mu_k, n_s_cutoff=ns_c, mu_cutoff=mu_c,
               plane_waves_coarse=basis_c.size, n_s_submeshes=[x[1] for x in subs],
               mu_submeshes=[x[0] for x in subs])  # fmt: skip
    return out


# =========================================================================== solution (1D)
def _bands_1d(basis: _Basis, ks: np.ndarray, count: int):
    """Energies and |∂ε/∂k|² of the lowest ``count`` bands at every k (1D)."""
    es, ss = [], []
    for k in ks:
        e, s2, _ = _solve_k(basis, np.array([k]), count=count)
        es.append(e)
        ss.append(s2)
    return np.array(es), np.array(ss)


def _fermi_point_1d(basis: _Basis, lattice: Lattice, n: float):
    """(μ, Σ_{Fermi points in [0, π/a]} |∂ε/∂k|, band index) exactly: the partly filled band j
    is monotone on [0, π/a] and holds its electrons on an interval of length ℓ = πn/2 − jπ/a."""
    a = lattice.spacing
    kz = math.pi / a
    j = math.floor(0.5 * n * a + 1e-12)
    ell = 0.5 * math.pi * n - j * kz
    if j + 2 > basis.size:
        raise ParameterError("cutoff", basis.cutoff, f"a cutoff whose basis holds {j + 2} bands")
    e0, s0, _ = _solve_k(basis, np.array([0.0]), count=j + 2)
    e1, s1, _ = _solve_k(basis, np.array([kz]), count=j + 2)
    scale = max(1.0, abs(float(e1[-1])))
    if ell <= 1e-12 * kz:  # a whole number of bands is full: μ in the gap above band j − 1
        lower = max(e0[j - 1], e1[j - 1])
        upper = min(e0[j], e1[j])
        mu = 0.5 * (lower + upper)
        if upper - lower > 1e-8 * scale:
            return mu, 0.0, j
        # no gap (the empty lattice): the two bands touch at the edge, one Fermi point each
        edge_s = s1 if abs(e1[j] - e1[j - 1]) < abs(e0[j] - e0[j - 1]) else s0
        # the edge point ±π/a (or 0) is one point: half the weight of a pair ±k_F
        return mu, 0.5 * (math.sqrt(edge_s[j - 1]) + math.sqrt(edge_s[j])), j
    increasing = e0[j] <= e1[j]
    kf = ell if increasing else kz - ell
    e, s2, _ = _solve_k(basis, np.array([kf]), count=j + 1)
    return float(e[j]), math.sqrt(s2[j]), j


#: 1D: the cutoff error is the largest change to these fractions of the cutoff
_CUTOFFS_1D = (0.5, 0.625, 0.75, 0.875)


def _solve1d(lattice, potential, n, gap, method, *, estimate=True):
    cutoff = _auto_cutoff(lattice, potential, n, method)
    if method.cutoff is None:  # 1D is cheap: at least 64 plane waves
        cutoff = max(cutoff, H2M * (2.0 * math.pi * 32.5 / lattice.spacing) ** 2)
    basis = _basis(lattice, potential, cutoff)
    nk = _mesh_size(lattice, method)

    def one(basis, nk):
        mu, vsum, j = _fermi_point_1d(basis, lattice, n)
        ns = vsum / (math.pi * H2M)
        if gap > 0:
            mu, ns = _bcs_1d(basis, lattice, n, mu, gap, nk, method.window, j)
        return mu, ns

    mu, ns = one(basis, nk)
    out = {"mu": mu, "n_s": ns, "plane_waves": basis.size, "bands": None,
           "kpoints": nk + 1 if gap > 0 else 3, "mesh": nk, "cutoff": cutoff}  # fmt: skip
    if not estimate:
        return out
    mu_k, ns_k = one(basis, nk // 2) if gap > 0 else (mu, ns)
    # the largest change over four lower cutoffs down to half (module notes): 1D is cheap, and
    # potentials with jumps converge algebraically, with oscillations
    # (a lower cutoff whose basis cannot hold the bands is skipped; if none can, the cutoff
    # error is unknown: infinite, and the result is not converged)
    runs, sizes = [], []
    for x in _CUTOFFS_1D:
        b = _basis(lattice, potential, cutoff * x)
        try:
            runs.append(one(b, nk // 2 if gap > 0 else nk))
        except ParameterError:
            continue
        sizes.append(b.size)
    if not runs:
        runs, sizes = [(math.inf, math.inf)], [0]
    mu_c = max((r[0] for r in runs), key=lambda m: abs(m - mu_k))
    ns_c = max((r[1] for r in runs), key=lambda v: abs(v - ns_k))
    out.update(n_s_kmesh=ns_k, mu_kmesh=mu_k, n_s_cutoff=ns_c, mu_cutoff=mu_c,
               plane_waves_coarse=sizes[0])  # fmt: skip
    return out


def _bcs_1d(basis, lattice, n, mu0, gap, nk, window, j):
    """Constant-gap BCS in 1D, integrated in k band by band.

    Each band is tabulated on ``nk`` segments of [0, π/a] with ε and ∂ε/∂k (Hellmann–Feynman;
    the sign is the band's direction, as bands are monotone there) and interpolated by cubic
    Hermite polynomials (ε to O(h⁴)).  The integrands ε'² Δ²/E³ and v² = ½(1 − ξ/E) are smooth
    in k except for the scale Δ/|ε'| around the Fermi point: composite 8-point Gauss–Legendre
    on panels growing geometrically (×2) away from it (or from the band edge nearest to μ).
    Bands entirely above μ + X, X = max(window, 50Δ, 20E₁), E₁ = ħ²π²/2ma², are continued as
    the free gas ε = Ũ(0) + ħ²k²/2m in the extended zone beyond the kept bands (the UV tail
    of the constant-gap kernel: ε'²Δ²/E³ decays only as k⁻⁴).
    n = (2/π)Σ_α∫_0^{π/a} v² dk fixes μ; n_s = (1/2π)(m/ħ²)Σ_α∫_0^{π/a} ε'² Δ²/E³ dk.
    """
    kz = math.pi / lattice.spacing
    x = max(window, 50.0 * gap, 20.0 * H2M * kz * kz)
    ks = np.linspace(0.0, kz, nk + 1)
    count = min(basis.size, j + 2)
    while True:
        e, s2 = _bands_1d(basis, ks, count)
        if np.min(e[:, -1]) > mu0 + x or count == basis.size:
            break
        count = min(basis.size, count + max(4, count // 2))
    if np.min(e[:, -1]) <= mu0 + x:
        raise ParameterError("cutoff", basis.cutoff, f"a cutoff above μ + {x:g} MeV for the gap")
    keep = np.min(e, axis=0) < mu0 + x
    e, s2 = e[:, keep], s2[:, keep]
    up = e[-1] >= e[0]
    slope = np.where(up, 1.0, -1.0)[None, :] * np.sqrt(s2)
    h = kz / nk
    gx, gw = np.polynomial.legendre.leggauss(8)

    def hermite(b, k):
        i = np.clip(np.floor(k / h).astype(int), 0, nk - 1)
        t = k / h - i
        p0, p1 = e[i, b], e[i + 1, b]
        m0, m1 = slope[i, b] * h, slope[i + 1, b] * h
        val = (p0 * (2 * t**3 - 3 * t**2 + 1) + m0 * (t**3 - 2 * t**2 + t)
               + p1 * (-2 * t**3 + 3 * t**2) + m1 * (t**3 - t**2))  # fmt: skip
        der = (p0 * (6 * t**2 - 6 * t) + m0 * (3 * t**2 - 4 * t + 1)
               + p1 * (-6 * t**2 + 6 * t) + m1 * (3 * t**2 - 2 * t)) / h  # fmt: skip
        return val, der

    def focus(b, mu):
        """The Fermi point of band b at μ (bisection on the Hermite interpolant), or the edge."""
        e0, e1 = e[0, b], e[-1, b]
        if not min(e0, e1) < mu < max(e0, e1):
            return 0.0 if abs(e0 - mu) < abs(e1 - mu) else kz
        lo, hi = 0.0, kz
        for _ in range(64):
            mid = 0.5 * (lo + hi)
            if (hermite(b, np.array([mid]))[0][0] < mu) == bool(up[b]):
                lo = mid
            else:
                hi = mid
        return 0.5 * (lo + hi)

    def nodes(b, mu):
        kf = focus(b, mu)
        vmax = float(np.max(np.abs(slope[:, b])))
        w1 = min(kz / 8.0, 0.05 * gap / vmax) if vmax > 0 else kz / 8.0
        edges = [kf]
        step = w1
        while edges[-1] > 0.0:
            edges.append(max(edges[-1] - step, 0.0))
            step *= 2.0
        left = edges[::-1]
        edges, step = [kf], w1
        while edges[-1] < kz:
            edges.append(min(edges[-1] + step, kz))
            step *= 2.0
        edges = np.unique(np.array(left + edges[1:]))
        half = 0.5 * np.diff(edges)
        mid = 0.5 * (edges[1:] + edges[:-1])
        return ((mid[:, None] + half[:, None] * gx).ravel(),
                (half[:, None] * gw).ravel())  # fmt: skip

    floor = basis.v0
    kx = e.shape[1] * kz  # extended-zone wave number where the free continuation starts
    tr, tw = np.polynomial.legendre.leggauss(32)
    tr, tw = 0.5 * (tr + 1.0), 0.5 * tw

    def integrals(mu):
        kt = kx / tr  # k ∈ [K_x, ∞) as k = K_x/r
        jt = tw * kx / tr**2
        xi = floor + H2M * kt * kt - mu
        en = np.hypot(xi, gap)
        k3 = gap * gap / en**3
        occ = jt @ (0.5 * gap * gap / (en * (en + xi)))
        kern = jt @ ((2.0 * H2M * kt) ** 2 * k3)
        dens = 0.5 * (jt @ k3)
        for b in range(e.shape[1]):
            k, w = nodes(b, mu)
            val, der = hermite(b, k)
            xi = val - mu
            en = np.hypot(xi, gap)
            v2 = np.where(xi > 0, 0.5 * gap * gap / (en * (en + xi)), 0.5 * (1.0 - xi / en))
            occ += w @ v2
            k3 = gap * gap / en**3
            kern += w @ (der * der * k3)
            dens += 0.5 * (w @ k3)
        return occ, kern, dens

    target = 0.5 * math.pi * n  # Σ_α ∫_0^{π/a} v² dk = πn/2
    mu = mu0
    for _ in range(50):
        occ, kern, dens = integrals(mu)
        step = (target - occ) / dens
        mu += float(np.clip(step, -10.0 * gap, 10.0 * gap))
        if abs(step) < 1e-12 * max(1.0, abs(mu)):
            occ, kern, dens = integrals(mu)
            return mu, kern / (2.0 * math.pi * H2M)
    raise ConvergenceError("bcs_number_equation", f"μ = {mu:.6g} MeV",
                           "Newton iteration on the 1D BCS number equation failed")  # fmt: skip


# =========================================================================== public API
@dataclass(frozen=True)
class SuperfluidDensity:
    """Result of :func:`superfluid_density` (densities in fm⁻³, fm⁻¹ in 1D; energies in MeV).

    n : input density (every neutron of the band problem, bound ones included); mu : chemical
    potential; n_s : superfluid (conduction) number density ρ_n,s/m_n; fraction : n_s/n;
    gap : the constant gap Δ (0: weak pairing); plane_waves, bands (3D), kpoints (3D:
    irreducible points diagonalised; 1D: diagonalisations), mesh, cutoff : what was used;
    error : estimated absolute error of ``fraction``, error_kmesh + error_cutoff (see the module
    notes); mu_error : the same for μ; converged : error ≤ method.tol; seconds : wall time;
    reduced : size of the reduced basis of the mesh (None: every point diagonalised directly);
    residual : the largest Ritz residual ‖(H − ε)ψ‖ of a band in the reduced basis (MeV, a bound
    on its energy error; NaN without one); direct_points : mesh points diagonalised directly.
    """

    n: float
    mu: float
    n_s: float
    fraction: float
    gap: float
    plane_waves: int
    bands: int | None
    kpoints: int
    mesh: int
    cutoff: float
    error: float
    error_kmesh: float
    error_cutoff: float
    mu_error: float
    converged: bool
    seconds: float
    reduced: int | None
    residual: float
    direct_points: int
    lattice: Lattice = field(repr=False)
    potential: object = field(repr=False)
    method: PlaneWave = field(repr=False)

    def to_dataset(self) -> xr.Dataset:
        """The scalars as an xarray Dataset with units and provenance."""
        u = "1/fm" if self.lattice.dim == 1 else "1/fm^3"
        ds = xr.Dataset({
            "n": ((), self.n, _attrs(u, "neutron number density")),
            "mu": ((), self.mu, _attrs("MeV", "chemical potential μ")),
            "n_s": ((), self.n_s, _attrs(u, "superfluid density ρ_n,s/m_n")),
            "fraction": ((), self.fraction, _attrs("1", "superfluid fraction n_s/n")),
            "error": ((), self.error, _attrs("1", "estimated error of the fraction")),
            "mu_error": ((), self.mu_error, _attrs("MeV", "estimated error of μ")),
            "converged": ((), int(self.converged), _attrs("1", "error <= tol")),
        })  # fmt: skip
        ds.attrs = provenance(computation="astro.crust.bands.superfluid_density",
                              model={"lattice": self.lattice, "potential": self.potential,
                                     "gap": self.gap},
                              method=self.method)  # fmt: skip
        ds.attrs.update(plane_waves=self.plane_waves, kpoints=self.kpoints, mesh=self.mesh,
                        cutoff=self.cutoff, seconds=self.seconds, residual=self.residual,
                        direct_points=self.direct_points)  # fmt: skip
        if self.reduced is not None:
            ds.attrs["reduced_basis"] = self.reduced
        if self.bands is not None:
            ds.attrs["bands"] = self.bands
        return ds


def _kmesh_error(out: dict, n: float) -> tuple[float, float]:
    """k-mesh error of the fraction and of μ (module notes).  1D: the change from the sub-mesh
    n/2.  3D: the change from the mean of the eight interleaved sub-meshes n/2 plus their
    standard deviation."""
    if "n_s_submeshes" not in out:
        return abs(out["n_s"] - out["n_s_kmesh"]) / n, abs(out["mu"] - out["mu_kmesh"])
    errs = []
    for key in ("n_s", "mu"):
        sub = np.asarray(out[f"{key}_submeshes"])
        errs.append(abs(out[key] - float(np.mean(sub))) + float(np.std(sub, ddof=1)))
    return errs[0] / n, errs[1]


def superfluid_density(lattice: Lattice, potential, density, *, gap=0.0,
                       method: PlaneWave | None = None) -> SuperfluidDensity:  # fmt: skip
    """Superfluid density of neutrons (or any spin-½ fermions of the neutron mass) of mean
    density ``density`` (fm⁻³; fm⁻¹ in 1D) in the periodic ``potential`` on ``lattice``.

    gap = 0: weak pairing (Fermi-surface integral of |∇_k ε|²); gap = Δ > 0 (MeV): the
    constant-gap BCS form, μ from the BCS number equation.  See the module notes for the
    formulas, the integration and the error estimate; an unconverged result warns and has
    ``converged=False``.
    """
    start = time.perf_counter()
    lattice = _check_lattice(lattice)
    potential = _check_potential(potential, lattice)
    n = _density(lattice, density)
    gap = _validate.scalar("gap", gap, low=0.0, allowed="a finite number >= 0 (MeV)")
    m = _check_method(method)
    solve = _solve1d if lattice.dim == 1 else _solve3d
    out = solve(lattice, potential, n, gap, m)
    frac = out["n_s"] / n
    err_k, mu_err_k = _kmesh_error(out, n)
    err_c = abs(out["n_s_kmesh"] - out["n_s_cutoff"]) / n
    mu_err = mu_err_k + abs(out["mu_kmesh"] - out["mu_cutoff"])
    error = err_k + err_c
    converged = bool(error <= m.tol)
    if not converged:
        warnings.warn(
            f"superfluid fraction {frac:.4g} not converged: estimated error {error:.3g} "
            f"(k-mesh {err_k:.3g}, cutoff {err_c:.3g}) > tol = {m.tol:g}; raise kmesh/cutoff",
            RuntimeWarning,
            stacklevel=2,
        )
    return SuperfluidDensity(
        n=n, mu=out["mu"], n_s=out["n_s"], fraction=frac, gap=gap,
        plane_waves=out["plane_waves"], bands=out["bands"], kpoints=out["kpoints"],
        mesh=out["mesh"], cutoff=out["cutoff"], error=error, error_kmesh=err_k,
        error_cutoff=err_c, mu_error=mu_err, converged=converged,
        seconds=time.perf_counter() - start, reduced=out.get("reduced"),
        residual=out.get("residual", math.nan), direct_points=out.get("direct_points", out["kpoints"]),
        lattice=lattice, potential=potential, method=m,
    )  # fmt: skip


def fermi_level(lattice: Lattice, potential, density, method: PlaneWave | None = None) -> float:
    """Chemical potential μ (MeV) of the normal state at ``density`` (no gap)."""
    lattice = _check_lattice(lattice)
    potential = _check_potential(potential, lattice)
    n = _density(lattice, density)
    m = _check_method(method)
    solve = _solve1d if lattice.dim == 1 else _solve3d
    return float(solve(lattice, potential, n, 0.0, m, estimate=False)["mu"])


def band_structure(lattice: Lattice, potential, kpoints, method: PlaneWave | None = None, *,
                   bands: int | None = None, velocities: bool = False) -> xr.Dataset:  # fmt: skip
    """Lowest ``bands`` band energies (MeV) at Cartesian Bloch vectors ``kpoints`` (fm⁻¹, shape
    (nk, D) or (nk,) in 1D), with ∇_k ε (MeV fm, Hellmann–Feynman) if ``velocities``.

    ``bands`` defaults to ``method.bands`` or 10.  The cutoff is ``method.cutoff`` (default
    ``cutoff_factor`` × the larger of the potential's energy span + 50 MeV and the kinetic
    energy holding 64 (1D) or 4 × ``bands`` (3D) plane waves).  At a degenerate point the
    velocity is that of the eigenvector LAPACK returns (not a band derivative).  Each k is
    folded into the first Brillouin zone before the diagonalisation.
    """
    lattice = _check_lattice(lattice)
    potential = _check_potential(potential, lattice)
    m = _check_method(method)
    ks = _validate.array("kpoints", kpoints, ndim=(1, 2))
    if ks.ndim == 1:
        ks = ks.reshape(-1, 1) if lattice.dim == 1 else ks.reshape(1, -1)
    if ks.shape[1] != lattice.dim:
        raise ParameterError("kpoints", kpoints, f"an array of shape (nk, {lattice.dim})")
    nb = bands if bands is not None else (m.bands if m.bands is not None else 10)
    _validate.whole("bands", nb, minimum=1)
    cutoff = m.cutoff
    if cutoff is None:  # ≥ 64 (1D) or 4 × bands (3D) plane waves, and the potential + 50 MeV
        want = 64 if lattice.dim == 1 else max(4 * nb, 64)
        gc = (math.pi * want / lattice.spacing if lattice.dim == 1
              else (6.0 * math.pi**2 * want / lattice.volume) ** (1.0 / 3.0))  # fmt: skip
        cutoff = m.cutoff_factor * max(potential.scale + 50.0, H2M * gc * gc)
    basis = _basis(lattice, potential, cutoff)
    if nb > basis.size:
        raise ParameterError("bands", nb, f"at most {basis.size} (the plane waves)")
    es, vs = [], []
    # fold into the first zone, where the plane-wave sphere is centred (bands are periodic)
    folded = _fold(lattice, ks @ lattice.primitive.T / (2.0 * math.pi))
    for k in folded:
        e, _, v = _solve_k(basis, k, count=nb, vectors=velocities)
        es.append(e)
        vs.append(v)
    axis = ["x", "y", "z"][: lattice.dim]
    ds = xr.Dataset(
        {"energy": (("k", "band"), np.array(es), _attrs("MeV", "band energy ε_αk"))},
        coords={"k": np.arange(ks.shape[0]), "band": np.arange(nb), "axis": axis,
                "kpoint": (("k", "axis"), ks, _attrs("1/fm", "Bloch wave vector"))},
    )  # fmt: skip
    if velocities:
        ds["velocity"] = (("k", "band", "axis"), np.array(vs),
                          _attrs("MeV fm", "group velocity ∇_k ε (Hellmann–Feynman)"))  # fmt: skip
    ds.attrs = provenance(computation="astro.crust.bands.band_structure",
                          model={"lattice": lattice, "potential": potential}, method=m)  # fmt: skip
    ds.attrs.update(plane_waves=basis.size, cutoff=cutoff)
    return ds


def density_profile(lattice: Lattice, potential, density, *, points: int = 256,
                    method: PlaneWave | None = None) -> xr.Dataset:  # fmt: skip
    """Ground-state (normal) density n(x) over one period of a 1D lattice: occupied Bloch
    states summed with Gauss–Legendre quadrature in k between the band edges and the exact
    Fermi point (20 nodes per band interval; exact to the plane-wave cutoff)."""
    lattice = _check_lattice(lattice)
    if lattice.dim != 1:
        raise ParameterError("lattice", lattice, "a '1d' lattice")
    potential = _check_potential(potential, lattice)
    n = _density(lattice, density)
    m = _check_method(method)
    points = _validate.whole("points", points, minimum=8)
    cutoff = _auto_cutoff(lattice, potential, n, m)
    if m.cutoff is None:
        cutoff = max(cutoff, H2M * (2.0 * math.pi * 32.5 / lattice.spacing) ** 2)
    basis = _basis(lattice, potential, cutoff)
    a = lattice.spacing
    kz = math.pi / a
    _, _, j = _fermi_point_1d(basis, lattice, n)
    ell = 0.5 * math.pi * n - j * kz
    x = np.arange(points) * a / points
    phase = np.exp(1j * np.outer(basis.g[:, 0], x))  # (N, points)
    xq, wq = np.polynomial.legendre.leggauss(20)
    prof = np.zeros(points)
    e0, _, _ = _solve_k(basis, np.array([0.0]), count=j + 1, vectors=False)
    e1, _, _ = _solve_k(basis, np.array([kz]), count=j + 1, vectors=False)
    for band in range(j + 1):
        if band < j:
            lo, hi = 0.0, kz
        elif ell <= 1e-12 * kz:
            continue
        elif e0[j] <= e1[j]:
            lo, hi = 0.0, ell
        else:
            lo, hi = kz - ell, kz
        for t, w in zip(xq, wq, strict=True):
            k = 0.5 * (lo + hi) + 0.5 * (hi - lo) * t
            kg = basis.g + k
            h = basis.v.copy()
            h[np.diag_indices_from(h)] += H2M * kg[:, 0] ** 2
            _, c = sla.eigh(h, subset_by_index=(band, band), driver="evr")
            psi = c[:, 0] @ phase
            prof += 0.5 * (hi - lo) * w * np.abs(psi) ** 2
    # n(x) = (2/2π)·2∫_0^{π/a} Σ_α|u_αk(x)|² dk with u = Σ_G c_G e^{iGx}, Σ|c_G|² = 1
    prof *= 2.0 / math.pi
    return xr.Dataset({"density": ("x", prof, _attrs("1/fm", "ground-state density n(x)"))},
                      coords={"x": ("x", x, _attrs("fm", "position"))},
                      attrs={"n": n, "cutoff": cutoff})  # fmt: skip


def leggett_bound(lattice: Lattice, potential, density, *, points: int = 512,
                  method: PlaneWave | None = None) -> float:  # fmt: skip
    """Leggett's upper bound 1/(⟨n⟩⟨1/n⟩) on the superfluid fraction of a 1D system with the
    ground-state density n(x) (:func:`density_profile`).

    It applies to fermions too: for a real ground state Ψ₀ and the twisted trial state
    e^{iΣ_jφ(x_j)}Ψ₀ the energy rises by exactly (ħ²/2m)∫n φ'² (the kinetic energy is the
    only term that does not commute with the phase, and ⟨j⟩ = 0), which bounds the phase
    stiffness ħ²n_s/m from above; minimising over φ with a fixed twist gives the bound.  The
    weak-pairing n_s is the Δ → 0 limit of the BCS stiffness, so it obeys the bound with n(x)
    the normal-state density.
    """
    prof = density_profile(lattice, potential, density, points=points, method=method)
    nx = prof["density"].values
    return float(1.0 / (np.mean(nx) * np.mean(1.0 / nx)))
