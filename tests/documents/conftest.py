"""The four documents, loaded from decisions/*.yaml with `bidrag load`, once per test module."""

from __future__ import annotations

PSV_2021 = "2021-psv-payment-decision"
DECISION_2023 = "2023-S2023-00488-payment-decision"
