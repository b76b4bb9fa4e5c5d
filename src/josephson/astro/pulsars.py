"""A few well-known pulsars with their measured period P and period derivative Ṗ.

Values are the timing solutions listed in the ATNF Pulsar Catalogue (R. N. Manchester,
G. B. Hobbs, A. Teoh & M. Hobbs, AJ 129, 1993 (2005), https://www.atnf.csiro.au/research/pulsar/psrcat,
parameters P0 and P1), rounded to the digits shown.  Ṗ is the observed value: for the millisecond
pulsar J0437−4715 the Shklovskii (proper-motion) term makes up most of it, so its τ = P/Ṗ is a
lower bound of the intrinsic spin-down time.  The magnetar is the anomalous X-ray pulsar
1E 2259+586 (its dipole field ≈ 6·10¹³ G, as in the McGill magnetar catalogue, Olausen & Kaspi,
ApJS 212, 6 (2014)).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import ParameterError

__all__ = ["PULSARS", "Pulsar", "lookup"]


@dataclass(frozen=True)
class Pulsar:
    """One catalogued pulsar: its common name, J2000 and B1950 names, P (s), Ṗ and a note."""

    name: str
    jname: str
    bname: str
    period: float
    pdot: float
    note: str = ""


#: name -> :class:`Pulsar`
PULSARS: dict[str, Pulsar] = {
    p.name: p
    for p in (
        Pulsar("Crab", "J0534+2200", "B0531+21", 0.0333924123, 4.20972e-13,
               "young pulsar in the Crab nebula (SN 1054)"),
        Pulsar("Vela", "J0835-4510", "B0833-45", 0.089328385024, 1.25008e-13,
               "young pulsar with large glitches"),
        Pulsar("Geminga", "J0633+1746", "", 0.2370994416923, 1.097087e-14,
               "middle-aged radio-quiet gamma-ray pulsar"),
        Pulsar("J0437-4715", "J0437-4715", "", 0.005757451936712637, 5.729215e-20,
               "millisecond pulsar; observed Pdot, mostly Shklovskii"),
        Pulsar("1E 2259+586", "J2301+5852", "", 6.978948446, 4.8437e-13,
               "magnetar (anomalous X-ray pulsar)"),
    )
}  # fmt: skip

_ALIASES = {"magnetar": "1E 2259+586"}


def _key(text: str) -> str:
    return "".join(ch for ch in text.lower().replace("−", "-") if ch.isalnum() or ch in "+-")


def lookup(name: str) -> Pulsar:
    """The catalogued pulsar called ``name`` (its common, J or B name, any case; "magnetar")."""
    if isinstance(name, str):
        wanted = _key(_ALIASES.get(name.strip().lower(), name))
        for p in PULSARS.values():
            if wanted in {_key(n) for n in (p.name, p.jname, p.bname) if n} | {
                _key(n).lstrip("jb") for n in (p.jname, p.bname) if n
            }:
                return p
    known = ", ".join(list(PULSARS) + list(_ALIASES))
    raise ParameterError("pulsar", name, f"one of {known}")
