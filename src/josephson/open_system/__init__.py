"""The Josephson junction as an open quantum system (document 004: Alicki, Horodecki, Jenkins,
Łobejko, Suárez, "The Josephson junction as a quantum engine", New J. Phys. 2023).

Conventions (ħ = 1 in the quantum modules): H = E1 n1 + E2 n2 + K(a1†a2 + a2†a1),
U = E1 − E2, z = Tr(ρ a1†a2); with these the moment equations (eq. 27) hold with the
document's signs.  The dimensionless engine variables are (v, i_J, i_S) with the single
parameter α = K²/γ² (eqs. 41–46).
"""
