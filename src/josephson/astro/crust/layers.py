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

import math
from dataclasses import dataclass

import numpy as np

from ..._validate import choice, scalar
from ...errors import ParameterError

__all__ = ["LAYERS", "REFERENCE", "Layer", "layer"]

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
