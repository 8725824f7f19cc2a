"""The demo workspace: a realistic portfolio of any size, with the people, history, concessions,
promises and handovers an account manager would recognise, written reproducibly from a seed.

words, texts, deal_texts and handover_texts hold what the records say; shape how the
portfolio is made up; maker (with history, concessions, promises and handovers) builds the
records from one seeded RNG; writer adds them through the store."""

from handover.demo.shape import DEMO_TODAY
from handover.demo.writer import write_demo

__all__ = ["DEMO_TODAY", "write_demo"]
