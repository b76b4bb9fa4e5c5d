"""Composition of the inner crust of a neutron star: Negele & Vautherin (1973).

J. W. Negele and D. Vautherin, "Neutron star matter at sub-nuclear densities", Nucl. Phys. A 207,
298 (1973): Hartree–Fock calculations of spherical Wigner–Seitz cells in β equilibrium from the
neutron-drip point to the crust–core boundary.  :data:`LAYERS` ships, for each of their eleven
densities, the average baryon density n̄, the proton number Z of the cluster, the number of
nucleons A in the cell (the cell's neutrons N plus Z), the density of the neutron gas outside the
cluster (approximate) and the approximate proton-to-neutron ratio x of the cluster.  The radius
of the Wigner–Seitz cell and the ion density follow from A and n̄ (n_I = n̄/A = 3/(4πR_c³)); they
are derived, not tabulated.

:func:`layer` looks a layer up by density.

Band theory layer by layer
--------------------------
:func:`cluster_potential` turns a layer into the neutron potential of one cluster, a
Woods–Saxon well (the documented model of this module, a Thomas–Fermi estimate):

* radius R = (3A_cl/4πn₀)^(1/3): the table's cluster nucleons A_cl = Z(1 + 1/x) at the core
  density n₀ (default 0.16 fm⁻³, saturation);
* depth V₀ = ε_F(n_n,in) − ε_F(n_gas), ε_F(n) = (ħ²/2m)(3π²n)^(2/3), n_n,in = n₀/(1 + x): the
  well in which the neutron chemical potential is the same in the core and in the gas (free
  neutron mass), so that the core holds Z/x neutrons semi-classically;
* diffuseness d (default 0.7 fm).

:func:`layer_superfluid` solves the band problem of all the cell's neutrons, n = N n_I, in that
well on a bcc lattice of the layer's ion density (:class:`~.bands.PlaneWave` settings, with the
cutoff factor 2.0 and the k-meshes :data:`KMESHES` tried in turn until the row converges)
and returns the superfluid fraction (of all neutrons, and of the free ones: n_free = n − b n_I,
b the neutrons bound by the isolated well, :func:`~.analytic.bound_neutrons`) and the effective
ion mass m_I* = (ρ̄ − ρ_n,s)/n_I, each with its error.  It is a function of one density, so
``josephson.sweep.grid(layer_superfluid, n_bar=...)`` runs the layers in parallel, on Dask and
from a resumable store.  The plane-wave solver needs N_pw ≈ Ω(2mE_c/ħ²)^(3/2)/6π² plane waves:
the three densest layers (n̄ ≥ 2.04·10⁻² fm⁻³) need at most :data:`~.bands.MAX_DENSE` = 20 000
and are diagonalised densely, the eight outer ones (Ω up to 6·10⁵ fm³) need 2.4–9.7·10⁴ and are
solved with Ũ applied by FFT and iteratively diagonalised seeds (module notes of
:mod:`~.bands`), within :data:`~.bands.MAX_PLANE_WAVES`.  ``max_plane_waves`` caps the effort: a layer that needs more
is not computed and its row says so (``computed`` = 0, ``plane_waves`` the number needed)
instead of failing.
"""

# Sources of the numbers (the table itself was not at hand; transcriptions of it were):
#
# 1. The whole table: the file nucleardatapy/data/crust/1973-Negele-Vautherin.dat of the
#    nucleardatapy toolkit (J. Margueron et al., PyPI package nucleardatapy 1.0.2, GitHub
#    jeromemargueron/nucleardatapy), columns n_b (cm^-3), N, Z, mu_n, mu_p, rho_g (fm^-3), x,
#    E/A - m_n, E_gas/A - m_n, with the notes "rho_g is the approximate density of the exterior
#    neutron gas" and "x is the approximate ratio of protons to neutrons in nuclei".
# 2. Independently, five of the eleven rows (n_b = 8.79e-4, 5.77e-3, 2.04e-2, 4.75e-2,
#    7.89e-2 fm^-3) with the same Z, N, x and gas density: microscopic_parameters.txt of
#    github.com/vanessagraber/glitchrises (Graber, Cumming & Andersson 2018, "Equation of state
#    parameters from Negele and Vautherin (1973)"); the lattice spacings (2/n_I)^(1/3) = 90.0,
#    72.5, 56.1, 39.8 and 29.2 fm of NSs-FLF-RHUL/deepSKA (src/deepska/glitch/data/b_data.py)
#    agree with the A and n_b below.
# 3. The Living Review of Chamel & Haensel (LRR 11, 10, 2008, Fig. 15) places the 200Zr cell at
#    rho ~ 7e11 g cm^-3, consistent with row 2 (n_b = 4.00e-4 fm^-3).
# The other six rows rest on source 1 alone.

from __future__ import annotations

import logging
import math
import warnings
from dataclasses import dataclass

import numpy as np

from ..._validate import choice, scalar
from ...errors import ParameterError

__all__ = ["CORE_DENSITY", "CUTOFF_FACTOR", "DIFFUSENESS", "KMESHES", "LAYERS", "REFERENCE",
           "Layer", "cluster_potential", "layer", "layer_superfluid"]

_log = logging.getLogger(__name__)

#: default core density n₀ of the clusters (fm⁻³) and diffuseness of their well (fm)
CORE_DENSITY = 0.16
DIFFUSENESS = 0.7

#: the publication the table comes from
REFERENCE = "J. W. Negele and D. Vautherin, Nucl. Phys. A 207, 298 (1973)"


@dataclass(frozen=True)
class Layer:
    """One inner-crust layer of Negele & Vautherin (1973).

    ``n_bar`` is the average baryon density (fm⁻³), ``Z`` the proton number of the cluster,
    ``A`` the number of nucleons in the Wigner–Seitz cell, ``n_gas`` the approximate density of
    the neutron gas outside the cluster (fm⁻³) and ``x`` the approximate proton-to-neutron ratio
    inside the cluster.  The cell radius, ion density and the other properties are derived.
    """

    n_bar: float
    Z: int
    A: int
    n_gas: float
    x: float

    @property
    def N(self) -> int:
        """Neutrons in the cell, bound and unbound: A − Z."""
        return self.A - self.Z

    @property
    def n_ion(self) -> float:
        """Ion (cell) number density n̄/A in fm⁻³."""
        return self.n_bar / self.A

    @property
    def cell_radius(self) -> float:
        """Wigner–Seitz radius R_c = (3A/(4πn̄))^(1/3) in fm, so that n_I = 3/(4πR_c³)."""
        return (3 * self.A / (4 * math.pi * self.n_bar)) ** (1 / 3)

    @property
    def bcc_lattice_constant(self) -> float:
        """Cube edge (2/n_I)^(1/3) of the bcc lattice with the same ion density, in fm."""
        return (2 / self.n_ion) ** (1 / 3)

    @property
    def cluster_nucleons(self) -> float:
        """Approximate nucleons bound in the cluster, Z(1 + 1/x).

        The tabulated x and gas density are approximate (the source says so): the neutrons they
        imply, n_gas times the cell volume plus Z/x, exceed N by up to about a fifth in the
        densest layers.
        """
        return self.Z * (1 + 1 / self.x)


# n_b (fm^-3), Z, A = N + Z, gas density (fm^-3), x: see the sources above; n_b is the
# tabulated value in cm^-3 times 1e-39
_ROWS = (
    (2.79e-4, 40, 180, 4.00e-5, 0.53),
    (4.00e-4, 40, 200, 9.70e-5, 0.53),
    (6.00e-4, 40, 250, 2.60e-4, 0.53),
    (8.79e-4, 40, 320, 4.80e-4, 0.53),
    (1.59e-3, 40, 500, 1.20e-3, 0.52),
    (3.73e-3, 50, 950, 3.00e-3, 0.46),
    (5.77e-3, 50, 1100, 4.70e-3, 0.45),
    (8.91e-3, 50, 1350, 7.80e-3, 0.44),
    (2.04e-2, 50, 1800, 1.84e-2, 0.35),
    (4.75e-2, 40, 1500, 4.36e-2, 0.28),
    (7.89e-2, 32, 982, 7.37e-2, 0.16),
)

#: the eleven layers of Negele & Vautherin (1973), in order of increasing density
LAYERS: tuple[Layer, ...] = tuple(Layer(*row) for row in _ROWS)

_LOG_N = np.log([row.n_bar for row in LAYERS])
_LOG_GAS = np.log([row.n_gas for row in LAYERS])


def layer(n_bar: float, *, mode: str = "nearest") -> Layer:
    """The crust layer at average baryon density ``n_bar`` (fm⁻³).

    ``mode="nearest"`` returns the tabulated layer nearest in log n̄ (the row itself at a
    tabulated density).  ``mode="interpolate"`` returns a layer at the requested density whose
    Z, A and x are those of the nearest row (a composition is discrete) and whose gas density is
    interpolated linearly in log n_gas against log n̄; its cell radius then follows from A and
    the requested n̄.  Densities outside the table, [2.79e-4, 7.89e-2] fm⁻³, raise
    :class:`~josephson.errors.ParameterError`.
    """
    lo, hi = LAYERS[0].n_bar, LAYERS[-1].n_bar
    n = scalar("n_bar", n_bar, low=0, low_open=True)
    if not lo * (1 - 1e-12) <= n <= hi * (1 + 1e-12):
        raise ParameterError(
            "n_bar", n_bar, f"a density within the Negele-Vautherin table, [{lo:g}, {hi:g}] fm^-3"
        )
    mode = choice("mode", mode, ("nearest", "interpolate"))
    log_n = math.log(n)
    nearest = LAYERS[int(np.argmin(np.abs(_LOG_N - log_n)))]
    if mode == "nearest":
        return nearest
    gas = float(np.exp(np.interp(log_n, _LOG_N, _LOG_GAS)))
    return Layer(n_bar=n, Z=nearest.Z, A=nearest.A, n_gas=gas, x=nearest.x)


def cluster_potential(layer: Layer, *, core_density=CORE_DENSITY, diffuseness=DIFFUSENESS):
    """The Woods–Saxon neutron well of one cluster of ``layer`` (module notes: radius from the
    cluster nucleons at ``core_density`` fm⁻³, Thomas–Fermi depth, ``diffuseness`` fm)."""
    from .bands import H2M, WoodsSaxon

    if not isinstance(layer, Layer):
        raise ParameterError("layer", layer, "a Layer (see LAYERS and layer())")
    n0 = scalar("core_density", core_density, low=0, low_open=True,
                allowed="a density > 0 (fm^-3)")  # fmt: skip
    d = scalar("diffuseness", diffuseness, low=0, low_open=True, allowed="a length > 0 (fm)")
    radius = (3 * layer.cluster_nucleons / (4 * math.pi * n0)) ** (1 / 3)
    n_in = n0 / (1 + layer.x)
    if n_in <= layer.n_gas:
        raise ParameterError("core_density", core_density, "a core density whose neutrons "
                             f"(n0/(1 + x)) exceed the gas density {layer.n_gas:g} fm^-3")  # fmt: skip
    depth = H2M * (3 * math.pi**2) ** (2 / 3) * (n_in ** (2 / 3) - layer.n_gas ** (2 / 3))
    return WoodsSaxon(depth=depth, radius=radius, diffuseness=d)


#: the k-meshes ``layer_superfluid`` tries in turn by default, until a row converges
KMESHES = (8, 16, 24, 32, 40)
#: its default plane-wave cutoff factor (× (ε_F⁰ + ΔU), :class:`~.bands.PlaneWave`)
CUTOFF_FACTOR = 2.0


def layer_superfluid(n_bar, *, gap=0.0, kind="bcc", core_density=CORE_DENSITY,
                     diffuseness=DIFFUSENESS, kmesh=None, cutoff=None,
                     cutoff_factor=CUTOFF_FACTOR, tol=0.02, precision="single", workers=1,
                     max_plane_waves=None):  # fmt: skip
    """Superfluid fraction and effective ion mass of the crust layer at n̄ = ``n_bar`` (fm⁻³).

    The layer is :func:`layer` (``mode="interpolate"``: a tabulated density gives its row), its
    cluster the well of :func:`cluster_potential`, its lattice ``kind`` ("bcc", "fcc" or "sc")
    at the ion density n̄/A, the neutrons all N of the cell; ``gap`` (MeV) as in
    :func:`~.bands.superfluid_density`; ``cutoff``, ``cutoff_factor`` (default 2.0: the
    cutoff part of the error is then 1.5·10⁻⁴–7·10⁻³ where 1.75 left 0.01–0.017), ``tol``,
    ``precision`` and ``workers`` are the :class:`~.bands.PlaneWave` settings.

    ``kmesh``: an even number, or a sequence of them tried in turn until the row converges
    (error ≤ ``tol``); the default :data:`KMESHES` = 8, 16, 24, 32, 40, so that a layer's
    defaults reach the mesh it needs (measured: the inner layers converge at 8–16, with the
    cutoff factor 1.75; the densest and the five outer, dilute ones at 32 with 2.0, where many
    folded free-gas bands anticross at μ: at 1.59·10⁻³ fm⁻³ the k-mesh part of the error is
    0.014 at 32).  The search stops early when the cutoff part of the error alone exceeds
    ``tol`` on two meshes in a row (a finer mesh cannot help: raise the cutoff; one coarse
    mesh's estimate can be noisy); the row reports the mesh it ended on (``kmesh``) and the
    time of all the meshes tried.  The meshes share one plane-wave basis, its seeds and reduced basis, and one
    worker pool, so the search costs the seeds once (minutes in the outer layers).

    A layer that would need more than ``max_plane_waves`` (default and most:
    :data:`~.bands.MAX_PLANE_WAVES`) plane waves is not computed (NaN results, ``computed`` =
    0): the outer layers take tens of minutes.  An unconverged layer does not warn (a table of
    layers would warn row after row): its row has ``converged`` = 0, and the command and the
    plot mark it.

    Returns an :class:`xarray.Dataset` of scalars: ``fraction`` (ρ_n,s/ρ_n of all neutrons) and
    ``error`` (the sum of ``error_kmesh`` and ``error_cutoff``, which say which setting to
    tighten), ``fraction_free`` (of the free neutrons) and ``error_free``, ``converged``,
    ``mu``, ``n``, ``n_free``, ``bound`` (per cell), ``m_star`` (m_I*/m_u, nucleon masses),
    ``m_star_over_Z``, ``m_star_error``, the model (``Z``, ``A``, ``depth``, ``radius``,
    ``lattice_constant``) and the effort (``kmesh``, ``plane_waves``, ``kpoints``, ``seconds``,
    ``reduced_basis`` and ``residual`` of the reduced solver, NaN where it was not used).
    """
    import xarray as xr

    from ..._provenance import provenance
    from ..._validate import attrs, whole
    from .analytic import bound_neutrons, ion_mass_from_superfluid
    from .bands import (
        MAX_PLANE_WAVES,
        Lattice,
        PlaneWave,
        _auto_cutoff,
        _mesh_size,
        _shared_bases,
        plane_wave_count,
        superfluid_density,
    )

    lay = layer(n_bar, mode="interpolate")
    pot = cluster_potential(lay, core_density=core_density, diffuseness=diffuseness)
    lattice = Lattice.for_density(choice("kind", kind, ("bcc", "fcc", "sc")), lay.n_ion)
    meshes = _kmeshes(kmesh)
    methods = [PlaneWave(cutoff=cutoff, cutoff_factor=cutoff_factor, kmesh=k, tol=tol,
                         precision=precision, workers=workers) for k in meshes]  # fmt: skip
    limit = (MAX_PLANE_WAVES if max_plane_waves is None
             else whole("max_plane_waves", max_plane_waves, minimum=1))  # fmt: skip
    if limit > MAX_PLANE_WAVES:
        raise ParameterError("max_plane_waves", max_plane_waves,
                             f"at most {MAX_PLANE_WAVES} (the solver's limit)")  # fmt: skip
    gap = scalar("gap", gap, low=0, allowed="a finite number >= 0 (MeV)")
    for m in methods:  # an odd kmesh is refused on every row
        _mesh_size(lattice, m)
    n = lay.N * lay.n_ion
    e_c = _auto_cutoff(lattice, pot, n, methods[0])
    needed = plane_wave_count(lattice, e_c)  # ≈ Ω G_c³/6π², counted exactly
    bound = bound_neutrons(pot)[0]
    n_free = n - bound * lay.n_ion
    nan = float("nan")
    vals = dict.fromkeys(("fraction", "error", "error_kmesh", "error_cutoff", "fraction_free",
                          "error_free", "mu", "m_star",
                          "m_star_over_Z", "m_star_error", "seconds", "reduced_basis",
                          "residual"), nan)  # fmt: skip
    vals.update(converged=0, computed=0, plane_waves=needed, kpoints=0, kmesh=0)
    used = methods[-1]
    if needed <= limit:
        seconds, last_cutoff_bound = 0.0, False
        with _shared_bases(workers):  # the meshes share bases, seeds and workers
            for used in methods:
                with warnings.catch_warnings():  # flagged in the row (converged = 0) instead
                    warnings.simplefilter("ignore", RuntimeWarning)
                    res = superfluid_density(lattice, pot, n, gap=gap, method=used)
                seconds += res.seconds
                _log.info("layer %.3g fm^-3, kmesh %d: fraction %.4f ± %.4f (k-mesh %.2g, "
                          "cutoff %.2g), %.0f s", lay.n_bar, res.mesh, res.fraction, res.error,
                          res.error_kmesh, res.error_cutoff, res.seconds)  # fmt: skip
                if res.converged:
                    break
                cutoff_bound = res.error_cutoff > tol  # on two meshes: a finer one won't help
                if cutoff_bound and last_cutoff_bound:
                    break
                last_cutoff_bound = cutoff_bound
        m_star = float(ion_mass_from_superfluid(n + lay.Z * lay.n_ion, res.n_s, lay.n_ion))
        vals.update(fraction=res.fraction, error=res.error, error_kmesh=res.error_kmesh,
                    error_cutoff=res.error_cutoff, mu=res.mu, m_star=m_star,
                    m_star_over_Z=m_star / lay.Z, m_star_error=res.error * n / lay.n_ion,
                    converged=int(res.converged), computed=1, plane_waves=res.plane_waves,
                    kpoints=res.kpoints, kmesh=res.mesh, seconds=seconds, residual=res.residual,
                    reduced_basis=nan if res.reduced is None else res.reduced)  # fmt: skip
        if n_free > 0:
            vals.update(fraction_free=res.n_s / n_free, error_free=res.error * n / n_free)
    spec = {
        "fraction": ("1", "superfluid fraction ρ_n,s/ρ_n of all neutrons"),
        "error": ("1", "estimated error of fraction"),
        "error_kmesh": ("1", "k-mesh part of error"),
        "error_cutoff": ("1", "plane-wave cutoff part of error"),
        "fraction_free": ("1", "superfluid fraction of the free neutrons n_s/n_free"),
        "error_free": ("1", "estimated error of fraction_free"),
        "converged": ("1", "error <= tol"),
        "computed": ("1", "1 if the band problem was solved"),
        "mu": ("MeV", "neutron chemical potential μ"),
        "n": ("1/fm^3", "neutron density of the band problem, N n_I"),
        "n_free": ("1/fm^3", "free-neutron density n − b n_I"),
        "bound": ("1", "neutrons bound by the isolated well, per cell"),
        "m_star": ("1", "effective ion mass m_I* in nucleon masses"),
        "m_star_over_Z": ("1", "m_I*/(Z m_u)"),
        "m_star_error": ("1", "estimated error of m_star"),
        "Z": ("1", "protons per cluster"),
        "A": ("1", "nucleons per cell"),
        "depth": ("MeV", "depth V₀ of the Woods–Saxon well"),
        "radius": ("fm", "radius R of the Woods–Saxon well"),
        "lattice_constant": ("fm", f"cubic lattice constant a ({lattice.kind})"),
        "kmesh": ("1", "k-mesh of the row, points per reciprocal vector (0: not computed)"),
        "plane_waves": ("1", "plane waves (needed, if not computed)"),
        "kpoints": ("1", "irreducible k-points"),
        "seconds": ("s", "wall time of the band calculations (every k-mesh tried)"),
        "reduced_basis": ("1", "size of the reduced basis of the mesh (NaN: none)"),
        "residual": ("MeV", "largest Ritz residual of a band in the reduced basis"),
    }
    vals.update(n=n, n_free=n_free, bound=bound, Z=lay.Z, A=lay.A, depth=pot.depth,
                radius=pot.radius, lattice_constant=lattice.spacing)  # fmt: skip
    ds = xr.Dataset({k: ((), vals[k], attrs(*spec[k])) for k in spec})
    ds.attrs = provenance(
        computation="astro.crust.layers.layer_superfluid",
        model={"layer": lay, "potential": pot, "lattice": lattice, "gap": gap,
               "table": REFERENCE, "kmeshes": list(meshes), "tol": tol},
        method=used,
    )  # fmt: skip
    return ds


def _kmeshes(kmesh) -> tuple[int, ...]:
    """``kmesh`` of :func:`layer_superfluid` as the meshes to try in turn."""
    from ..._validate import whole

    if kmesh is None:
        return KMESHES
    if np.ndim(kmesh) == 0:
        return (whole("kmesh", kmesh, minimum=2),)
    if np.ndim(kmesh) != 1:
        raise ParameterError("kmesh", kmesh, "an even number or increasing even numbers")
    meshes = tuple(whole("kmesh", k, minimum=2) for k in kmesh)
    if not meshes or list(meshes) != sorted(set(meshes)):
        raise ParameterError("kmesh", kmesh, "an even number or increasing even numbers")
    return meshes
