"""Document 004's reproduction module: claims register in document order, and the cheap ones
give the expected verdicts (the full set runs in ``josephson reproduce 004``)."""

import pytest

from josephson.reproduce import _registry

DOC = _registry.load("004")
CLAIMS = {c.id: c for c in DOC.claims}


def test_claims_are_registered_once_with_their_places():
    ids = [c.id for c in DOC.claims]
    assert len(ids) == len(set(ids)) >= 30
    assert all(c.where and c.statement for c in DOC.claims)
    # document order: Sec. III first, the cavity of Sec. VI.3 last
    assert ids[0] == "eq27-moment-equations" and ids[-1] == "eq110-111-cavity"
    assert ids.index("fig5-shapiro-staircase") < ids.index("fig6-hidden-attractor")


@pytest.mark.parametrize(
    ("claim", "verdict"),
    [
        ("eq47-physical-characteristic", "pass"),
        ("eq49-51-ic-ir", "pass"),
        ("eq85-87-ohmic-branch", "pass"),
        ("eq7-eq33-34-sign-conventions", "departure"),
        ("sec6-josephson-frequency", "departure"),
        ("eq106-109-eta-as-printed", "departure"),
        ("eq106-standard-rate", "departure"),
        ("eq110-111-cavity", "departure"),
    ],
)
def test_cheap_claims_give_their_verdicts(claim, verdict):
    record = CLAIMS[claim].run(quick=True)
    assert record.verdict == verdict, record.outcome.explanation
    assert record.outcome.why and record.outcome.tolerance
