"""Tight-binding Bogoliubov–de Gennes junctions: materials, regions, terminals (the *model*).

Conventions (derived here; document 002 lost its equations).  Square lattice, a = 1, all
energies in units of the hopping scale of the problem (t = 1 by default), ħ = e = k_B = 1.

* **Basis.**  Per site the spin ⊗ Nambu spinor Ψ_j = (c_j↑, c_j↓, c†_j↓, −c†_j↑); the matrix is
  ordered electron block first: index 2j+s for (j, s) electrons, 2n + 2j + s for holes.
  The many-body Hamiltonian is H = ½ Ψ† H_BdG Ψ + const with

      H_BdG = [[h, D], [D†, −σ_y h* σ_y]],   D = diag(Δ_j e^{iφ_j}) ⊗ σ_0,

  where h is the normal-state (spin 2×2 per site) matrix.  The hole block is built from h by
  the rule −σ_y h* σ_y for every term, so a time-reversal-even term (hopping, Rashba) enters
  with τ_z and a time-reversal-odd one (exchange, altermagnet) with τ_0, as the physics notes say.
* **Normal-state terms** of a :class:`Material` (k-space forms for a uniform region)::

      ε(k)  = −2t(cos k_x + cos k_y) − μ                                  (hopping, chemical potential)
      J(k) n·σ,  J(k) = −2J(cos k_x − cos k_y)    (altermagnet d_{x²−y²}: −J n·σ on x-bonds, +J n·σ on y-bonds)
                 J(k) = −2J sin k_x sin k_y        (altermagnet d_xy: ±(J/2) n·σ on the (1, ±1) diagonal bonds)
      α(σ_x sin k_y − σ_y sin k_x)                (Rashba: −(iα/2)σ_y on x-bonds, +(iα/2)σ_x on y-bonds)
      β(σ_x sin k_x − σ_y sin k_y)                (Dresselhaus: +(iβ/2)σ_x on x-bonds, −(iβ/2)σ_y on y-bonds)
      b·σ on site                                 (Zeeman field or ferromagnetic exchange)
      w_j on site, uniform in [−W/2, W/2]          (Anderson disorder, seeded)

  with the Néel vector n = (cos tilt cos θ, cos tilt sin θ, sin tilt): θ is the in-plane angle
  from the x axis (the junction's longitudinal direction), tilt the angle out of the plane.
  A bond term between sites i and i+δ is c†_{i+δ} M_δ c_i + h.c.
* **Terminals.**  A terminal is a finite superconducting block (its own :class:`Material`,
  s-wave Δ > 0) joined to the central region by every nearest-neighbour bond between the two
  sets of sites, each a plain hopping −t_c σ_0 (t_c = ``coupling``; t_c < t models a
  less transparent interface).  Terminal a is held at the superconducting phase φ_a.
* **Currents.**  I_a = (2e/ħ) ∂F/∂φ_a is the electric current flowing out of terminal a into
  the central region (units e t/ħ); global gauge invariance makes Σ_a I_a = 0.

The four-terminal cross of document 002 is :func:`four_terminal_junction`; a one-dimensional
S–N–S chain, whose short-junction limit is exact (Andreev levels ±Δ√(1 − τ sin²(φ/2))), is
:func:`sns_chain`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass

import numpy as np
import scipy.sparse as sp

from .. import _validate
from ..errors import ParameterError

__all__ = [
    "ALTERMAGNET_KINDS",
    "STRONG_PHASE",
    "WEAK_PHASE",
    "Junction",
    "Material",
    "Terminal",
    "four_terminal_junction",
    "sns_chain",
]

ALTERMAGNET_KINDS = ("dx2-y2", "dxy")

_S0 = np.eye(2, dtype=complex)
_SX = np.array([[0, 1], [1, 0]], dtype=complex)
_SY = np.array([[0, -1j], [1j, 0]])
_SZ = np.array([[1, 0], [0, -1]], dtype=complex)


@dataclass(frozen=True, kw_only=True)
class Material:
    """Parameters of one region of the lattice (energies in units of the hopping scale).

    t : nearest-neighbour hopping (> 0)
    mu : chemical potential (the band is [−4t − μ, 4t − μ])
    delta : s-wave pair potential |Δ| (≥ 0; the phase belongs to the terminal)
    altermagnet : altermagnet strength J (≥ 0); ``altermagnet_kind`` "dx2-y2" or "dxy"
    theta, tilt : Néel vector angles (radians): in-plane from the x axis, and out of the plane
    rashba, dresselhaus : spin–orbit strengths α, β
    zeeman : on-site field b = (b_x, b_y, b_z) coupling as b·σ (Zeeman or exchange)
    disorder : width W of uniform on-site disorder (≥ 0), drawn with ``seed``
    """

    t: float = 1.0
    mu: float = 0.0
    delta: float = 0.0
    altermagnet: float = 0.0
    altermagnet_kind: str = "dx2-y2"
    theta: float = 0.0
    tilt: float = 0.0
    rashba: float = 0.0
    dresselhaus: float = 0.0
    zeeman: tuple[float, float, float] = (0.0, 0.0, 0.0)
    disorder: float = 0.0
    seed: int | None = None

    def __post_init__(self):
        put = object.__setattr__  # store the validated floats (a frozen dataclass)
        put(self, "t", _validate.scalar("t", self.t, low=0.0, low_open=True))
        for name in ("mu", "theta", "tilt", "rashba", "dresselhaus"):
            put(self, name, _validate.scalar(name, getattr(self, name)))
        for name in ("delta", "altermagnet", "disorder"):
            put(self, name, _validate.scalar(name, getattr(self, name), low=0.0))
        _validate.choice("altermagnet_kind", self.altermagnet_kind, ALTERMAGNET_KINDS)
        z = _validate.array("zeeman", self.zeeman, ndim=(1,))
        if z.size != 3:
            raise ParameterError("zeeman", self.zeeman, "three numbers (b_x, b_y, b_z)")
        object.__setattr__(self, "zeeman", tuple(float(x) for x in z))
        if self.seed is not None:
            _validate.whole("seed", self.seed)

    @property
    def neel(self) -> np.ndarray:
        """The unit Néel vector n."""
        c = math.cos(self.tilt)
        return np.array([c * math.cos(self.theta), c * math.sin(self.theta), math.sin(self.tilt)])

    def onsite(self) -> np.ndarray:
        """The 2×2 on-site matrix without disorder: −μσ_0 + b·σ."""
        bx, by, bz = self.zeeman
        return -self.mu * _S0 + bx * _SX + by * _SY + bz * _SZ

    def bond(self, dx: int, dy: int) -> np.ndarray | None:
        """The 2×2 matrix M_δ of the bond from site i to i + (dx, dy), or None if there is none."""
        ns = self.altermagnet * sum(c * s for c, s in zip(self.neel, (_SX, _SY, _SZ), strict=True))
        a, b = self.rashba, self.dresselhaus
        if (dx, dy) == (1, 0):
            m = -self.t * _S0 - 0.5j * a * _SY + 0.5j * b * _SX
            return m - ns if self.altermagnet_kind == "dx2-y2" else m
        if (dx, dy) == (0, 1):
            m = -self.t * _S0 + 0.5j * a * _SX - 0.5j * b * _SY
            return m + ns if self.altermagnet_kind == "dx2-y2" else m
        if self.altermagnet_kind == "dxy" and self.altermagnet:
            if (dx, dy) == (1, 1):
                return 0.5 * ns
            if (dx, dy) == (1, -1):
                return -0.5 * ns
        return None

    def breaks_time_reversal(self) -> bool:
        """Whether a term of this material is odd under time reversal (exchange or altermagnet)."""
        return bool(self.altermagnet) or any(self.zeeman)


#: Representative dimensionless parameters for the "weak" altermagnet phase of document 002
#: (J < t; the document's KRu₄O₈ values are lost).  Energies in units of t.
WEAK_PHASE = {"t": 1.0, "mu": -0.5, "delta": 0.1, "altermagnet": 0.5, "rashba": 0.3}
#: Representative dimensionless parameters for the "strong" phase (J > t; Mn₅Si₃-like).
STRONG_PHASE = {"t": 1.0, "mu": -0.5, "delta": 0.1, "altermagnet": 1.5, "rashba": 0.3}


@dataclass(frozen=True)
class Terminal:
    """A superconducting block attached to the central region.

    ``sites`` are the block's lattice sites (x, y); ``bonds`` the interface bonds as pairs
    (index of the centre site in the junction's centre list, index of the block site in
    ``sites``); ``coupling`` the interface hopping t_c.
    """

    name: str
    material: Material
    sites: tuple[tuple[int, int], ...]
    bonds: tuple[tuple[int, int], ...]
    coupling: float


def _sites(name: str, sites) -> list[tuple[int, int]]:
    """Lattice sites as (x, y) integer pairs; anything else is a ParameterError."""
    allowed = "a sequence of (x, y) pairs of whole numbers"
    try:
        arr = np.asarray(list(sites), dtype=float)
    except (TypeError, ValueError):
        raise ParameterError(name, sites, allowed) from None
    if arr.ndim != 2 or arr.shape[1] != 2 or not np.all(np.isfinite(arr)):
        raise ParameterError(name, sites, allowed)
    if np.any(arr != np.round(arr)):
        raise ParameterError(name, sites, allowed, detail="non-integer coordinate")
    return [(int(x), int(y)) for x, y in arr]


def _rect(x0: int, y0: int, nx: int, ny: int) -> list[tuple[int, int]]:
    return [(x, y) for x in range(x0, x0 + nx) for y in range(y0, y0 + ny)]


def _neighbour_bonds(a: Sequence[tuple[int, int]], b: Sequence[tuple[int, int]]):
    """Nearest-neighbour pairs (i in a, j in b)."""
    where = {s: j for j, s in enumerate(b)}
    out = []
    for i, (x, y) in enumerate(a):
        for d in ((1, 0), (-1, 0), (0, 1), (0, -1)):
            j = where.get((x + d[0], y + d[1]))
            if j is not None:
                out.append((i, j))
    return out


def _region_matrix(sites, material: Material, rng_disorder: np.ndarray | None) -> sp.csr_matrix:
    """Normal-state matrix (2n × 2n) of one region with its own bonds."""
    n = len(sites)
    where = {s: j for j, s in enumerate(sites)}
    rows, cols, vals = [], [], []

    def put(i, j, m):
        for s in range(2):
            for r in range(2):
                if m[s, r] != 0:
                    rows.append(2 * i + s)
                    cols.append(2 * j + r)
                    vals.append(m[s, r])

    onsite = material.onsite()
    for i in range(n):
        m = onsite + (rng_disorder[i] * _S0 if rng_disorder is not None else 0)
        put(i, i, m)
    for d in ((1, 0), (0, 1), (1, 1), (1, -1)):
        m = material.bond(*d)
        if m is None:
            continue
        for i, (x, y) in enumerate(sites):
            j = where.get((x + d[0], y + d[1]))
            if j is not None:
                put(j, i, m)  # c†_{i+δ} M c_i
                put(i, j, m.conj().T)
    return sp.csr_matrix((vals, (rows, cols)), shape=(2 * n, 2 * n), dtype=complex)


def _disorder(material: Material, n: int) -> np.ndarray | None:
    if not material.disorder:
        return None
    rng = np.random.default_rng(material.seed)
    return material.disorder * (rng.random(n) - 0.5)


def _check_hermitian(name: str, m) -> None:
    m = sp.csr_matrix(m)
    if m.nnz and not np.all(np.isfinite(m.data)):
        raise ParameterError(name, "matrix with NaN or infinite entries", "finite entries")
    if m.shape[0] != m.shape[1]:
        raise ParameterError(name, f"matrix of shape {m.shape}", "a square matrix")
    diff = abs(m - m.conj().T)
    worst = diff.max() if diff.nnz else 0.0
    scale = max(abs(m).max() if m.nnz else 0.0, 1.0)
    if worst > 1e-12 * scale:
        raise ParameterError(
            name, f"matrix with |M − M†| = {worst:.3g}", "a Hermitian matrix (M = M†)"
        )


class Junction:
    """A central region joined to any number of superconducting terminals.

    Build it with :meth:`Junction.build` (or :func:`four_terminal_junction`,
    :func:`sns_chain`).  The object is immutable after construction and knows how to assemble
    the sparse BdG matrix for any set of terminal phases; solve functions live in
    :mod:`josephson.bdg.solve`.

    Attributes
    ----------
    center_sites, center : the central sites (x, y) and their :class:`Material`
    terminals : tuple of :class:`Terminal`
    n_sites : total number of lattice sites (BdG dimension 4 n_sites)
    """

    def __init__(self, center_sites, center: Material, terminals: Sequence[Terminal],
                 extra: sp.spmatrix | None = None, description: Mapping | None = None):  # fmt: skip
        self.center_sites = tuple(center_sites)
        self.center = center
        self.terminals = tuple(terminals)
        self.description = dict(description or {})
        nc = len(self.center_sites)
        offsets = [nc]
        for term in self.terminals:
            offsets.append(offsets[-1] + len(term.sites))
        self._offsets = tuple(offsets)  # block a occupies sites offsets[a] .. offsets[a+1]-1
        self.n_sites = offsets[-1]
        # normal-state blocks: centre, each terminal, and the interface couplings
        self._h_center = _region_matrix(self.center_sites, center, _disorder(center, nc))
        if extra is not None:
            extra = sp.csr_matrix(extra, dtype=complex)
            if extra.shape != self._h_center.shape:
                raise ParameterError(
                    "extra", f"matrix of shape {extra.shape}",
                    f"a {self._h_center.shape[0]}×{self._h_center.shape[1]} matrix on the "
                    "centre (2 spin components per centre site)",
                )  # fmt: skip
            _check_hermitian("extra", extra)
            self._h_center = (self._h_center + extra).tocsr()
        self._h_blocks = [
            _region_matrix(term.sites, term.material, _disorder(term.material, len(term.sites)))
            for term in self.terminals
        ]
        self._h_normal = self._assemble_normal()
        _check_hermitian("hamiltonian", self._h_normal)
        self._pair = np.zeros(self.n_sites)
        for a, term in enumerate(self.terminals):
            self._pair[offsets[a] : offsets[a + 1]] = term.material.delta
        self._hole = _hole_block(self._h_normal)

    # --- construction -------------------------------------------------------------------
    @classmethod
    def build(
        cls,
        center_sites: Iterable[tuple[int, int]],
        center: Material,
        terminals: Mapping[str, tuple[Iterable[tuple[int, int]], Material]],
        *,
        coupling: float | Mapping[str, float] = 1.0,
        extra=None,
    ) -> Junction:
        """A junction from sets of lattice sites.

        ``terminals`` maps a name to (sites, material); the interface bonds are all
        nearest-neighbour pairs between a block and the centre.  ``coupling`` is the interface
        hopping t_c (one number, or one per terminal).  ``extra`` is an optional Hermitian
        sparse matrix (2 n_centre × 2 n_centre, spin components) added to the centre: any
        user term; a non-Hermitian one is refused.
        """
        center_sites = _sites("center_sites", center_sites)
        if not center_sites:
            raise ParameterError("center_sites", center_sites, "at least one site")
        if len(set(center_sites)) != len(center_sites):
            raise ParameterError("center_sites", "repeated sites", "distinct sites")
        if not isinstance(center, Material):
            raise ParameterError("center", center, "a josephson.bdg.Material")
        if center.delta:
            raise ParameterError(
                "center.delta", center.delta,
                "0 (the centre is normal; pairing comes from the terminals, each with its phase)",
            )  # fmt: skip
        if not isinstance(terminals, Mapping) or not terminals:
            raise ParameterError(
                "terminals", terminals, "a non-empty mapping name -> (sites, Material)"
            )
        if isinstance(coupling, Mapping) and set(coupling) - set(terminals):
            raise ParameterError(
                "coupling", sorted(set(coupling) - set(terminals)),
                "terminal names: " + ", ".join(map(str, terminals)),
            )  # fmt: skip
        taken = set(center_sites)
        terms = []
        for name, spec in terminals.items():
            try:
                sites, material = spec
            except (TypeError, ValueError):
                raise ParameterError(
                    f"terminals[{name!r}]", spec, "a pair (sites, Material)"
                ) from None
            sites = _sites(f"terminals[{name!r}]", sites)
            if not sites:
                raise ParameterError(f"terminals[{name!r}]", "no sites", "at least one site")
            if taken & set(sites):
                raise ParameterError(
                    f"terminals[{name!r}]", "sites shared with another region", "disjoint regions"
                )
            taken |= set(sites)
            if not isinstance(material, Material) or material.delta <= 0:
                raise ParameterError(
                    f"terminals[{name!r}]", material, "a Material with delta > 0 (a superconductor)"
                )
            t_c = coupling.get(name, material.t) if isinstance(coupling, Mapping) else coupling
            t_c = _validate.scalar(f"coupling[{name!r}]", t_c, low=0.0, low_open=True)
            bonds = _neighbour_bonds(center_sites, sites)
            if not bonds:
                raise ParameterError(
                    f"terminals[{name!r}]", "no bond to the centre",
                    "a block with at least one nearest-neighbour bond to a centre site",
                )  # fmt: skip
            terms.append(Terminal(name, material, tuple(sites), tuple(bonds), t_c))
        # blocks touching each other would carry current outside the interfaces we measure
        for a in range(len(terms)):
            for b in range(a + 1, len(terms)):
                if _neighbour_bonds(terms[a].sites, terms[b].sites):
                    raise ParameterError(
                        "terminals", f"{terms[a].name} and {terms[b].name} touch",
                        "blocks joined only through the centre",
                    )  # fmt: skip
        return cls(center_sites, center, terms, extra=extra)

    # --- bookkeeping --------------------------------------------------------------------
    @property
    def names(self) -> tuple[str, ...]:
        return tuple(t.name for t in self.terminals)

    @property
    def dimension(self) -> int:
        """Dimension of the BdG matrix (4 per site)."""
        return 4 * self.n_sites

    @property
    def delta_max(self) -> float:
        return max(t.material.delta for t in self.terminals)

    def block_slice(self, a: int) -> slice:
        """Sites of terminal ``a`` in the global site order."""
        return slice(self._offsets[a], self._offsets[a + 1])

    def interface_bonds(self, a: int) -> list[tuple[int, int]]:
        """Global (centre site, block site) pairs of terminal ``a``."""
        off = self._offsets[a]
        return [(i, off + j) for i, j in self.terminals[a].bonds]

    def breaks_time_reversal(self) -> bool:
        return self.center.breaks_time_reversal() or any(
            t.material.breaks_time_reversal() for t in self.terminals
        )

    def describe(self) -> dict:
        return {
            "class": "Junction",
            **self.description,
            "n_sites": self.n_sites,
            "center": asdict(self.center),
            "terminals": {
                t.name: {
                    "sites": len(t.sites),
                    "bonds": len(t.bonds),
                    "coupling": t.coupling,
                    "material": asdict(t.material),
                }
                for t in self.terminals
            },
        }

    def __repr__(self) -> str:
        terms = ", ".join(
            f"{t.name}: {len(t.sites)} sites/{len(t.bonds)} bonds" for t in self.terminals
        )
        return f"Junction({len(self.center_sites)} centre sites; {terms}; BdG dimension {self.dimension})"

    # --- matrices -----------------------------------------------------------------------
    def _assemble_normal(self) -> sp.csr_matrix:
        n = self.n_sites
        blocks = sp.block_diag([self._h_center, *self._h_blocks], format="lil", dtype=complex)
        for a, term in enumerate(self.terminals):
            for i, j in self.interface_bonds(a):
                for s in range(2):
                    blocks[2 * i + s, 2 * j + s] = -term.coupling
                    blocks[2 * j + s, 2 * i + s] = -term.coupling
        out = blocks.tocsr()
        assert out.shape == (2 * n, 2 * n)
        return out

    def normal_hamiltonian(self) -> sp.csr_matrix:
        """The normal-state matrix h (2 n_sites × 2 n_sites, spin components)."""
        return self._h_normal.copy()

    def check_phases(self, phases) -> np.ndarray:
        """Phases as an array of shape (n_points, n_terminals); NaN or a wrong shape is refused."""
        nt = len(self.terminals)
        allowed = f"an array of shape ({nt},) or (n, {nt}) of finite phases (radians), one per terminal {self.names}"
        try:
            arr = np.asarray(phases, dtype=float) if not isinstance(phases, str) else None
        except (TypeError, ValueError):  # ragged, complex, text
            raise ParameterError("phases", phases, allowed) from None
        if arr is None or arr.ndim not in (1, 2) or arr.shape[-1] != nt or arr.size == 0:
            raise ParameterError("phases", phases, allowed)
        if not np.all(np.isfinite(arr)):
            raise ParameterError("phases", phases, allowed, detail="NaN or infinite phase")
        return np.atleast_2d(arr)

    def hamiltonian(self, phases) -> sp.csr_matrix:
        """Sparse BdG matrix for one set of terminal phases (natural gauge: Δe^{iφ_a} on block a)."""
        ph = self.check_phases(phases)
        if ph.shape[0] != 1:
            raise ParameterError("phases", phases, "one set of phases (one per terminal)")
        return _bdg(self._h_normal, self._hole, self.pairing(ph[0]))

    def pairing(self, phases: np.ndarray) -> np.ndarray:
        """Complex pair potential per site for the given terminal phases."""
        d = self._pair.astype(complex)
        for a in range(len(self.terminals)):
            d[self.block_slice(a)] *= np.exp(1j * phases[a])
        return d

    def current_operator(self, a: int) -> sp.csr_matrix:
        """BdG matrix J_a of the bond current out of terminal ``a`` into the centre.

        Its expectation ½ Σ_n f(E_n) ⟨n|J_a|n⟩, doubled, is I_a = (2e/ħ)⟨∂H/∂φ_a⟩ (the
        Hellmann–Feynman derivative in the gauge with the phase on the interface bonds).
        """
        n = self.n_sites
        rows, cols, vals = [], [], []
        t_c = self.terminals[a].coupling
        for i, j in self.interface_bonds(a):
            for s in range(2):
                # (i/2)(c_i† h_ij c_j − h.c.), h_ij = −t_c
                rows += [2 * i + s, 2 * j + s]
                cols += [2 * j + s, 2 * i + s]
                vals += [0.5j * -t_c, -0.5j * -t_c]
        j_n = sp.csr_matrix((vals, (rows, cols)), shape=(2 * n, 2 * n), dtype=complex)
        return sp.block_diag([j_n, _hole_block(j_n)], format="csr")


def _hole_block(h: sp.spmatrix) -> sp.csr_matrix:
    """−σ_y h* σ_y on every site (the hole block of a normal-state operator)."""
    n = h.shape[0] // 2
    sy = sp.kron(sp.identity(n, format="csr"), sp.csr_matrix(_SY), format="csr")
    return (-(sy @ h.conj() @ sy)).tocsr()


def _bdg(h: sp.spmatrix, hole: sp.spmatrix, pair: np.ndarray) -> sp.csr_matrix:
    d = sp.diags(np.repeat(pair, 2), format="csr")
    return sp.bmat([[h, d], [d.conj().T, hole]], format="csr")


def _cross_sites(size: int, lead_size: int):
    center = _rect(0, 0, size, size)
    blocks = {
        "L": _rect(-lead_size, 0, lead_size, size),
        "R": _rect(size, 0, lead_size, size),
        "T": _rect(0, size, size, lead_size),
        "B": _rect(0, -lead_size, size, lead_size),
    }
    return center, blocks


def four_terminal_junction(
    *,
    t: float = 1.0,
    mu: float = WEAK_PHASE["mu"],
    delta: float = WEAK_PHASE["delta"],
    altermagnet: float = WEAK_PHASE["altermagnet"],
    rashba: float = WEAK_PHASE["rashba"],
    theta: float = math.pi / 4,
    size: int = 20,
    lead_size: int | None = None,
    mu_lead: float | None = None,
    coupling: float | None = None,
    tilt: float = 0.0,
    altermagnet_kind: str = "dx2-y2",
    dresselhaus: float = 0.0,
    zeeman: tuple[float, float, float] = (0.0, 0.0, 0.0),
    disorder: float = 0.0,
    seed: int | None = None,
) -> Junction:
    """The four-terminal cross of document 002.

    A central size×size altermagnet with Rashba SOC (``altermagnet`` J, ``theta`` the in-plane
    Néel angle from the longitudinal x axis, ``rashba`` α, chemical potential ``mu``) joined on
    each side to an s-wave block of size×lead_size sites (pair potential ``delta``, chemical
    potential ``mu_lead`` = ``mu`` unless given, no magnetism or SOC): left "L" and right "R"
    along x (the longitudinal, phase-biased pair), top "T" and bottom "B" along y (transverse,
    grounded).  ``coupling`` is the interface hopping (default t: transparent).  Terminal order
    (L, R, T, B) is the order of phases and currents everywhere.
    """
    size = _validate.whole("size", size, minimum=1)
    lead_size = size if lead_size is None else _validate.whole("lead_size", lead_size, minimum=1)
    center = Material(
        t=t, mu=mu, altermagnet=altermagnet, altermagnet_kind=altermagnet_kind, theta=theta,
        tilt=tilt, rashba=rashba, dresselhaus=dresselhaus, zeeman=zeeman, disorder=disorder,
        seed=seed,
    )  # fmt: skip
    lead = Material(t=t, mu=mu if mu_lead is None else mu_lead, delta=delta)
    if delta <= 0:
        raise ParameterError("delta", delta, "a pair potential > 0")
    c_sites, blocks = _cross_sites(size, lead_size)
    j = Junction.build(
        c_sites, center, {k: (v, lead) for k, v in blocks.items()},
        coupling=t if coupling is None else coupling,
    )  # fmt: skip
    j.description = {
        "constructor": "four_terminal_junction",
        "size": size,
        "lead_size": lead_size,
    }
    return j


def sns_chain(
    *,
    t: float = 1.0,
    mu: float = 0.0,
    delta: float = 0.05,
    length: int = 1,
    lead_size: int = 400,
    coupling: float = 1.0,
) -> Junction:
    """A one-dimensional S–N–S chain: ``length`` normal sites between two s-wave chains.

    The left block "L" ends at x = −1 and the right "R" starts at x = length; the two interface
    bonds have hopping ``coupling``.  A single (spin-degenerate) channel: for
    ``length`` ≪ ξ = ħv_F/Δ its Andreev levels approach ±Δ√(1 − τ sin²(φ/2)) with τ the
    normal-state transmission (:func:`josephson.bdg.analytic.chain_transmission`).
    """
    length = _validate.whole("length", length, minimum=1)
    lead_size = _validate.whole("lead_size", lead_size, minimum=1)
    center = Material(t=t, mu=mu)
    lead = Material(t=t, mu=mu, delta=delta)
    j = Junction.build(
        [(x, 0) for x in range(length)], center,
        {"L": ([(x, 0) for x in range(-lead_size, 0)], lead),
         "R": ([(x, 0) for x in range(length, length + lead_size)], lead)},
        coupling=coupling,
    )  # fmt: skip
    j.description = {"constructor": "sns_chain", "length": length, "lead_size": lead_size}
    return j
