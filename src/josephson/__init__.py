"""josephson: Josephson-effect physics from a tunnel junction to a neutron star.

Subpackages
-----------
junction
    Current-biased junctions: the RCSJ model, I-V curves, hysteresis, thermal noise.

Cross-cutting modules: :mod:`josephson.units` (constants, SI <-> dimensionless),
:mod:`josephson.errors`, :mod:`josephson.sweep` (parameter grids as xarray Datasets),
:mod:`josephson.io` (NetCDF with provenance), :mod:`josephson.plot`, :mod:`josephson.cli`.
"""

__version__ = "0.1.0"
