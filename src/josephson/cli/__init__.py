"""The ``josephson`` command.

    josephson iv --beta-c 10 --i-dc 0:3:301 --sweep up-down --out iv.nc --png iv.png
    josephson shapiro --omega 0.5 --i-dc 0:3:201 --i-ac 0:3:101 --png shapiro.png
    josephson squid --beta-l 1 --i-bias 1.6,2,2.4 --png squid.png
    josephson escape --beta-c 50 --noise 0.01 --ramp 2e-6 --png switching.png
    josephson open-system iv|hysteresis|shapiro|attractor|radiation ...
    josephson bdg cpr|diode|spectrum --size 10 --phi=-6.2832:6.2832:41 --png cpr.png
    josephson demo [--out-dir out]

Flags use the parameter names of the API (``--beta-c`` is ``beta_c``).  A range
``START:STOP:N`` means N points from START to STOP inclusive; write negative starts as
``--i-dc=-3:3:601``.  Bad input prints one line ``josephson: error: ...`` and exits 2; a
failure at run time exits 1; no partial output file is left behind.

Each domain's commands live in one module ``josephson.cli.<name>`` listed in ``_DOMAINS``; it
defines ``register(sub)``, which adds its commands to the subparsers ``sub`` (each command sets
``run=<function(args) -> exit code>`` with ``set_defaults``).  A domain module imports only
``josephson.cli._common`` and the physics packages, never another CLI module.  Adding a domain is
one new module and one entry in ``_DOMAINS``.
"""

from __future__ import annotations

import argparse
from importlib import import_module

from .. import __version__
from ._common import Parser, parse_range, run_guarded

__all__ = ["build_parser", "main", "parse_range"]

#: the domain modules, in the order their commands appear in ``josephson --help``
_DOMAINS = (
    "junction", "open_system", "bdg", "superfluid", "star", "crust", "sweep", "reproduce", "demo",
)


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="josephson",
        description="Josephson-effect physics from the command line. "
        "Currents are in units of I_c, voltages in I_c R, time in 1/omega_c.",
    )
    parser.add_argument("--version", action="version", version=f"josephson {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for name in _DOMAINS:
        import_module(f"{__name__}.{name}").register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()

    def run() -> int:
        args = parser.parse_args(argv)
        if args.command is None:
            parser.print_help()
            return 2
        return args.run(args)

    return run_guarded(run)
