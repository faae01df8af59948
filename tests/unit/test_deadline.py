import math
import time

from ragqa.deadline import Deadline


def test_deadline_counts_down_caps_and_shares():
    d = Deadline(0.5)
    assert 0.4 < d.remaining() <= 0.5 and not d.expired
    assert d.cap(10) <= 0.5 and d.cap(0.1) == 0.1
    half = d.share(0.5)
    assert 0.2 < half.remaining() <= 0.25
    time.sleep(0.26)
    assert half.expired and not d.expired
    never = Deadline(None)
    assert never.remaining() == math.inf and never.share(0.5).remaining() == math.inf and never.cap(3) == 3
    assert Deadline(-1).expired
